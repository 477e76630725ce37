"""The Mermaid diagrams beside the dialogs are drawn from their tables and must stay in step."""

from __future__ import annotations

import dataclasses

import pytest

from bot.dialogs import Conversation, build_dialogs
from bot.dialogs.conversation import END, Goto
from bot.dialogs.diagram import FILES, mermaid
from bot.dialogs.form import Form
from bot.dialogs.machine import Dialog

DIALOGS = build_dialogs().all()


@pytest.mark.parametrize("dialog", DIALOGS, ids=lambda d: d.name)
def test_the_diagram_matches_the_declaration(dialog: Conversation) -> None:
    written = FILES[dialog.name].read_text(encoding="utf-8")
    assert written == mermaid(dialog), "run `python -m bot.dialogs.diagram` and commit the result"


@pytest.mark.parametrize("dialog", DIALOGS, ids=lambda d: d.name)
def test_every_state_is_reachable_and_the_dialog_can_end(dialog: Conversation) -> None:
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
    assert reached == set(dialog.state_names), "a state nothing leads to"
    assert ends


def test_a_table_with_an_unknown_target_is_refused() -> None:
    browse = build_dialogs().browse
    table = dict(browse.transitions)
    table[(browse.start, "done")] = "nowhere"
    with pytest.raises(ValueError, match="unknown"):
        Dialog(
            "x", browse.start, browse.states, table, title="t", cancelled="c", moves=browse.moves
        )


def test_a_form_whose_final_step_leads_nowhere_is_refused() -> None:
    order = build_dialogs().order
    final = dataclasses.replace(order.final, events={"placed": "nowhere"})
    with pytest.raises(ValueError, match="unknown"):
        Form(
            "x",
            title="t",
            values=order.codec.kind,
            slots=order.slots,
            final=final,
            moves=order.moves,
            cancelled=order.cancelled,
        )
