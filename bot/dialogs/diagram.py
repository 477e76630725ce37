"""Mermaid state diagrams drawn from the transition tables, so picture and code cannot drift.

    python -m bot.dialogs.diagram        # rewrite the *.mmd files beside the dialogs

tests/dialogs/test_diagrams.py fails when a table changed and its diagram was not redrawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.dialogs.machine import END, Dialog, Goto

HERE = Path(__file__).parent
FILES = {
    "browse": HERE / "browse.mmd",
    "order": HERE / "order" / "order.mmd",
    "aftersales": HERE / "aftersales" / "aftersales.mmd",
}


def mermaid(dialog: Dialog[Any]) -> str:
    lines = [
        f"%% {dialog.name}: generated from its TABLE by `python -m bot.dialogs.diagram`",
        "stateDiagram-v2",
        f"    [*] --> {dialog.start.value}",
    ]
    for (source, event), target in dialog.table.items():
        if isinstance(target, Goto):
            lines.append(f"    {source.value} --> [*]: {event} (→ {target.dialog} dialog)")
        else:
            shown = "[*]" if target == END else str(target)
            lines.append(f"    {source.value} --> {shown}: {event}")
    lines += [
        f"    note right of {dialog.start.value}",
        "        In every state: 取消 ends the dialog, 返回 goes back to the",
        "        previous state the shopper answered, 重新开始 restarts here,",
        "        人工 ends it and hands the shopper to a human.",
        "        Invalid or off-topic input is answered and the state asks again.",
        "    end note",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    from bot.dialogs import build_dialogs

    for dialog in build_dialogs().all():
        FILES[dialog.name].write_text(mermaid(dialog), encoding="utf-8")
        print(f"wrote {FILES[dialog.name]}")


if __name__ == "__main__":
    main()
