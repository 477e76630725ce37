"""Version 6: `tickets.return_tracking`, the tracking number of the parcel a shopper sent back.

An approved return or exchange asks the shopper to send the goods back and tell us the tracking
number; it is kept on the ticket so staff see it next to the ticket. One new column with a
default, so existing tickets read "" (nothing sent back yet); both backends add it in place.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

VERSION = 6
SUMMARY = "the tracking number of the parcel a shopper sent back, on the ticket"


def upgrade(conn: Connection) -> None:
    conn.exec_driver_sql(
        "ALTER TABLE tickets ADD COLUMN return_tracking VARCHAR(64) NOT NULL DEFAULT ''"
    )
