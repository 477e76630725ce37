"""The after-sales tickets' Mermaid diagram, drawn from `bot.storage.tickets.MOVES` (the table the
store's conditional UPDATEs use), so the picture staff read cannot drift from the code.

    python -m bot.business.ticket_flow     # rewrite bot/business/tickets.mmd

tests/business/test_ticket_flow.py fails when the table changed and the diagram was not redrawn.
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.models import TicketKind, TicketStatus
from bot.storage.tickets import MOVES

FILE = Path(__file__).parent / "tickets.mmd"
COMMANDS = {
    TicketStatus.APPROVED: "approve",
    TicketStatus.RECEIVED: "received",
    TicketStatus.REFUNDED: "refunded",
    TicketStatus.RESOLVED: "done",
    TicketStatus.REJECTED: "reject 理由",
    TicketStatus.WITHDRAWN: "shopper withdraws",
}
KIND_ORDER = (TicketKind.REFUND, TicketKind.RETURN, TicketKind.EXCHANGE)


def mermaid() -> str:
    lines = [
        "%% after-sales tickets: generated from bot/storage/tickets.py MOVES by",
        "%% `python -m bot.business.ticket_flow`; staff move them with /ticket <no> <command>",
        "stateDiagram-v2",
        "    [*] --> open: the shopper submits 售后",
        "    [*] --> approved: a paid order cancelled before shipping (refund)",
    ]
    for target, by_kind in MOVES.items():
        sources: dict[TicketStatus, list[TicketKind]] = {}
        for kind in KIND_ORDER:
            for source in by_kind.get(kind, ()):
                sources.setdefault(source, []).append(kind)
        for source, kinds in sources.items():
            which = "" if len(kinds) == len(KIND_ORDER) else f" ({', '.join(kinds)})"
            lines.append(f"    {source} --> {target}: {COMMANDS[target]}{which}")
    for end in (TicketStatus.REFUNDED, TicketStatus.RESOLVED, TicketStatus.REJECTED,
                TicketStatus.WITHDRAWN):  # fmt: skip
        lines.append(f"    {end} --> [*]")
    lines += [
        "    note right of open",
        "        Every move is audited and the shopper is told in plain words;",
        "        open, approved and received are active: one per order at a time.",
        "    end note",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    FILE.write_text(mermaid(), encoding="utf-8")
    print(f"wrote {FILE}")


if __name__ == "__main__":
    main()
