"""Mermaid state diagrams drawn from the dialogs' declarations, so picture and code cannot drift.

    python -m bot.dialogs.diagram        # rewrite the *.mmd files beside the dialogs

A state machine's diagram is its transition table; a form's is its slots in the order they are
asked, then its final step's outcomes. tests/dialogs/test_diagrams.py fails when a declaration
changed and its diagram was not redrawn.
"""

from __future__ import annotations

from pathlib import Path

from bot.dialogs.conversation import END, Conversation, Goto

HERE = Path(__file__).parent
FILES = {
    "browse": HERE / "browse.mmd",
    "order": HERE / "order" / "order.mmd",
    "aftersales": HERE / "aftersales" / "aftersales.mmd",
}


def mermaid(dialog: Conversation) -> str:
    start = str(dialog.start)
    lines = [
        f"%% {dialog.name}: generated from its declaration by `python -m bot.dialogs.diagram`",
        "stateDiagram-v2",
        f"    [*] --> {start}",
    ]
    for (source, event), target in dialog.table.items():
        if isinstance(target, Goto):
            lines.append(f"    {source} --> [*]: {event} (→ {target.dialog} dialog)")
        else:
            shown = "[*]" if target == END else str(target)
            lines.append(f"    {source} --> {shown}: {event}")
    lines.append(f"    note right of {start}")
    lines += [f"        {line}" for line in dialog.notes]
    lines.append("    end note")
    return "\n".join(lines) + "\n"


def main() -> None:
    from bot.dialogs import build_dialogs

    for dialog in build_dialogs().all():
        FILES[dialog.name].write_text(mermaid(dialog), encoding="utf-8")
        print(f"wrote {FILES[dialog.name]}")


if __name__ == "__main__":
    main()
