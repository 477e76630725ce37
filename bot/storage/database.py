"""`open_database(url)`: one object with every store; the schema is created or upgraded on open."""

from __future__ import annotations

from types import TracebackType

from bot.clock import Clock
from bot.storage.audit import AuditLog
from bot.storage.broadcasts import BroadcastStore
from bot.storage.campaigns import CampaignStore
from bot.storage.changes import ChangeStore
from bot.storage.core import Transactor
from bot.storage.migrate import prepare_schema
from bot.storage.notices import NoticeStore
from bot.storage.optouts import OptOutStore
from bot.storage.orders import OrderStore
from bot.storage.shipments import ShipmentStore
from bot.storage.shoppers import ShopperNumbers
from bot.storage.stock import StockStore
from bot.storage.tickets import TicketStore
from bot.storage.unanswered import UnansweredStore
from bot.storage.urls import ensure_parent_dir, parse


class Database:
    """The order store and its neighbours, sharing one engine.

    `db.orders`, `db.changes` (after ordering), `db.shipments`, `db.stock`, `db.tickets`,
    `db.notices`, `db.audit`, `db.campaigns`, `db.opt_outs`, `db.broadcasts`, `db.unanswered`, `db.shoppers`.
    Build it with `open_database`; close it with `await db.close()` (or `async with`).
    """

    def __init__(self, tx: Transactor) -> None:
        self._tx = tx
        self.orders = OrderStore(tx)
        self.changes = ChangeStore(tx)
        self.shipments = ShipmentStore(tx)
        self.notices = NoticeStore(tx)
        self.stock = StockStore(tx)
        self.tickets = TicketStore(tx)
        self.audit = AuditLog(tx)
        self.campaigns = CampaignStore(tx)
        self.opt_outs = OptOutStore(tx)
        self.broadcasts = BroadcastStore(tx)
        self.unanswered = UnansweredStore(tx)
        self.shoppers = ShopperNumbers(tx)

    @property
    def clock(self) -> Clock:
        """What the stores read the time and the shop's zone from (bot/clock.py)."""
        return self._tx.clock

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self._tx.backend

    @property
    def transactor(self) -> Transactor:
        """The transaction source, for code in this package that needs raw SQL (tests, tools)."""
        return self._tx

    async def close(self) -> None:
        await self._tx.close()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


async def open_database(url: str, clock: Clock | None = None) -> Database:
    """Connect, then create the schema or run the migrations it lacks (bot/storage/migrate.py).

    `sqlite:///path` (the parent folder is created), `sqlite:///:memory:`, or
    `postgresql://user@host/db[?schema=name]`. Raises SchemaMismatch for a database written by a
    newer shopbot. `clock` (bot/clock.py, default: the system clock in the default zone) stamps
    every row and carries the shop's time zone.
    """
    target = parse(url)
    ensure_parent_dir(target)
    tx = Transactor(target, clock)
    try:
        await prepare_schema(tx)
    except BaseException:
        await tx.close()
        raise
    return Database(tx)
