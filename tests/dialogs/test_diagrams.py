"""The Mermaid diagrams beside the dialogs are drawn from their tables and must stay in step."""

from __future__ import annotations

import pytest

from bot.dialogs import build_dialogs
from bot.dialogs.diagram import FILES, mermaid
from bot.dialogs.machine import END, Dialog, Goto

DIALOGS = build_dialogs().all()


@pytest.mark.parametrize("dialog", DIALOGS, ids=lambda d: d.name)
def test_the_diagram_matches_the_table(dialog: Dialog) -> None:
    written = FILES[dialog.name].read_text(encoding="utf-8")
    assert written == mermaid(dialog), "run `python -m bot.dialogs.diagram` and commit the result"


@pytest.mark.parametrize("dialog", DIALOGS, ids=lambda d: d.name)
def test_every_state_is_reachable_and_the_dialog_can_end(dialog: Dialog) -> None:
    reached, todo, ends = {dialog.start}, [dialog.start], False
    while todo:
        state = todo.pop()
        for (source, _event), target in dialog.table.items():
            if source != state:
                continue
            if target == END or isinstance(target, Goto):
                ends = True
            elif target not in reached:
                reached.add(target)
                todo.append(target)
    assert reached == set(type(dialog.start)), "a state nothing leads to"
    assert ends


def test_a_table_with_an_unknown_target_is_refused() -> None:
    order = build_dialogs().order
    table = dict(order.table)
    table[(order.start, "done")] = "nowhere"
    with pytest.raises(ValueError, match="unknown"):
        Dialog("x", order.start, order.states, table, title="t", cancelled="c")
