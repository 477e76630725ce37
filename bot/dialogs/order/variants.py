"""Several variants of one product in one message: "两件白色的T恤 一件M一件L", "俩保温杯 一个白的
一个黑的 都要500ml的", "黑色T恤 M和L各来两件".

The message is cut into pieces (at commas and spaces, and before each count when a piece starts
with one: "一件M一件L"). A spec for which the pieces name two or more values (尺码: M, L) is what
varies: every piece naming one of its values is a line of its own, with the count said in that
piece. Values of the other specs (白色, 500ml) are shared by all the lines, and a count said
apart ("两件") is the total. When the total does not match the lines, the reply says what went
into the cart, so nothing is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.dialogs.order.specs import spec_values_in, value_spans, without_names
from bot.dialogs.order.values import Line, new_line, with_spec
from bot.dialogs.parse import (
    CORRECTION,
    NUMBER,
    QUESTION,
    UNITS,
    fold,
    number_value,
    quantity_in,
)
from knowledge.model import Product

_PIECES = re.compile(r"[，,；;、。\s]+")
_COUNT = re.compile(rf"(?<![第\d.])(?:要|来|买|拿)?({NUMBER})\s*[{UNITS}]")
_EACH = re.compile(rf"各(?:来|要|买|拿|拍)?\s*({NUMBER})\s*[{UNITS}]?")
_JOINED = re.compile(r"和|跟|与|还有|以及")
_BETWEEN = re.compile(
    r"(?<=[A-Za-z\u4e00-\u9fff\d])(?:和|跟|还有|以及|再来|再要|加)(?=[\u4e00-\u9fffA-Za-z\d])"
)
"""Joining words between two variants ("白色M和黑色L"), cut like a comma."""
_NOT_THIS = re.compile(r"不要|不是|别|换成|改成|换个|不想")
"""'不要黑色的，要白色的' names two colours, but wants one."""


@dataclass(frozen=True)
class Variants:
    lines: list[Line]
    note: str  # what was understood, said before the next question


def _pieces(text: str) -> list[str]:
    """Cut at separators, then "一件M一件L" before each count (a piece starting with one)."""
    out: list[str] = []
    for piece in (p for part in _PIECES.split(fold(text)) for p in _BETWEEN.split(part)):
        starts = [m.start() for m in _COUNT.finditer(piece)]
        if len(starts) >= 2 and starts[0] == 0:
            out += [piece[a:b] for a, b in zip(starts, [*starts[1:], len(piece)], strict=True)]
        elif piece:
            out.append(piece)
    return out


def _split_repeats(piece: str, item: Product) -> list[str]:
    """A piece naming two values of one spec cut between them: "一件110一件120" → "一件110",
    "一件120"; "男的XL女的M" → "男的XL", "女的M"; "格子蓝XL一套格子粉M一套" → "格子蓝XL一套",
    "格子粉M一套". A count between the two is the second's when the first part has one
    already, else the first's."""
    spans = value_spans(piece, item)
    out: list[str] = []
    start, seen, prev_end = 0, set[str](), 0
    for at, end, dim in spans:
        if dim in seen:
            between = piece[prev_end:at]
            count = _COUNT.search(between)
            if count is None:
                cut = prev_end
            elif _COUNT.search(piece, start, prev_end):
                cut = prev_end + count.start()
            else:
                cut = prev_end + count.end()
            out.append(piece[start:cut])
            start, seen = cut, set()
        seen.add(dim)
        prev_end = end
    out.append(piece[start:])
    return [p for p in out if p.strip()]


def _grouped(said: str, item: Product) -> list[str]:
    """The pieces of `said`, those that make one variant together joined: "格子蓝 XL 一套 格子粉
    M 一套" is "格子蓝 XL 一套" and "格子粉 M 一套". Pieces go together until one names a spec
    the group named already, brings a second count, or corrects; a count standing alone closes
    its group, when every variant has a count so (else it is the total: "黑色 白色 两件")."""
    pieces = [p for piece in _pieces(said) for p in _split_repeats(piece, item)]
    groups: list[list[str]] = []
    dims: set[str] = set()
    counted = closed = False
    closing: list[str | None] = []
    for piece in pieces:
        spec = spec_values_in(piece, item)
        count = _count(piece, item) is not None
        if count and not spec:
            if groups and not counted and not closed:
                closing[-1], closed = piece, True
            else:
                groups.append([piece])
                closing.append(None)
                dims, counted, closed = set(), True, True
            continue
        fresh = (
            not groups
            or closed
            or bool(dims & spec.keys())
            or (count and counted)
            or bool(CORRECTION.search(piece))
        )
        if fresh:
            groups.append([piece])
            closing.append(None)
            dims, counted, closed = set(spec), count, False
        else:
            groups[-1].append(piece)
            dims |= spec.keys()
            counted = counted or count
    valued = [i for i, g in enumerate(groups) if spec_values_in(" ".join(g), item)]
    each_counted = all(
        closing[i] is not None or _count(" ".join(groups[i]), item) is not None for i in valued
    )
    out: list[str] = []
    for group, closer in zip(groups, closing, strict=True):
        if closer is not None and each_counted:
            out.append(" ".join([*group, closer]))
        else:
            out += [" ".join(group)] + ([closer] if closer is not None else [])
    return out


def _corrected(pieces: list[tuple[str, dict[str, str]]]) -> list[tuple[str, dict[str, str]]]:
    """What is said after a correction word replaces what the pieces before it said of the same
    spec: "白色的 不对要黑色" and "白色的 不对 黑色" are black only, not one white and one black."""
    out: list[tuple[str, dict[str, str]]] = []
    said_before = 0  # the pieces said before the last correction word
    for piece, spec in pieces:
        if CORRECTION.search(piece):
            said_before = len(out)
        for at in range(said_before):
            p, s = out[at]
            out[at] = (p, {k: v for k, v in s.items() if k not in spec})
        out.append((piece, spec))
    return out


def _count(piece: str, item: Product) -> int | None:
    return quantity_in(without_names(piece, item))


def _shown(line: Line, varying: set[str]) -> str:
    return " ".join(v for k, v in line.spec.items() if k in varying)


def variant_lines(said: str, item: Product) -> Variants | None:
    """One line per variant named in `said`, or None when it names one variant (or reads as
    "not this one, that one")."""
    if _NOT_THIS.search(said) or len(item.specs) == 0:
        return None
    each = _EACH.search(fold(said))
    if each is not None:
        return _each(said, item, number_value(each.group(1)))
    pieces = _corrected([(p, spec_values_in(p, item)) for p in _grouped(said, item)])
    named: dict[str, set[str]] = {}
    for _, spec in pieces:
        for dim, value in spec.items():
            named.setdefault(dim, set()).add(value)
    varying = {dim for dim, values in named.items() if len(values) >= 2}
    if not varying:
        return None
    parts = [(p, s) for p, s in pieces if varying & s.keys()]
    rest = [p for p, s in pieces if not varying & s.keys()]
    shared = {d: next(iter(v)) for d, v in named.items() if d not in varying}
    counts = [_count(p, item) for p, _ in parts]
    totals = [c for p in rest if (c := _count(p, item)) is not None]
    total = (totals[-1] if CORRECTION.search(said) else totals[0]) if totals else None
    whole = _whole([(p, {**shared, **s}) for p, s in parts], item, said)
    if all(c is None for c in counts) and total != len(parts) and not whole:
        return None  # "白色 黑色" with no count at all: left to the one-line readers
    lines = []
    for (_, spec), qty in zip(parts, counts, strict=True):
        line = with_spec(new_line(item), {**shared, **spec}, item)
        lines.append(replace(line, qty=qty or 1))
    return Variants(lines, _note(lines, varying, total))


def _whole(parts: list[tuple[str, dict[str, str]]], item: Product, said: str) -> bool:
    """Every piece names a whole variant ("白色M 黑色L", "白色M和黑色L"): one of each is meant,
    although no count was said. A question ("白色M还是黑色L？") is not a choice."""
    if QUESTION.search(said) or "还是" in said:
        return False
    dims = {name for name, values in item.specs.items() if len(values) > 1}
    return len(dims) >= 2 and all(dims <= spec.keys() for _, spec in parts)


def _each(said: str, item: Product, qty: int | None) -> Variants | None:
    """ "M和L各来两件": every value named before 各 of the spec that has two of them."""
    before = fold(said).split("各", 1)[0]
    pieces = [spec_values_in(p, item) for p in re.split(_JOINED, before) for p in _pieces(p)]
    named: dict[str, list[str]] = {}
    for spec in pieces:
        for dim, value in spec.items():
            if value not in named.setdefault(dim, []):
                named[dim].append(value)
    varying = [dim for dim, values in named.items() if len(values) >= 2]
    if len(varying) != 1 or qty is None:
        return None
    dim = varying[0]
    shared = {d: v[0] for d, v in named.items() if d != dim}
    shared.update({d: v for d, v in spec_values_in(said, item).items() if d not in named})
    lines = [
        replace(with_spec(new_line(item), {**shared, dim: value}, item), qty=qty)
        for value in named[dim]
    ]
    return Variants(lines, _note(lines, {dim}, None))


def _note(lines: list[Line], varying: set[str], total: int | None) -> str:
    """What was put in, when the cart alone would not tell: the counts did not add up, or a spec
    is still to choose for all of them."""
    put = "、".join(f"{_shown(x, varying)}×{x.qty}" for x in lines)
    got = sum(x.qty or 0 for x in lines)
    if total is not None and total != got:
        return (
            f"按{put}放了，共{got}件；您说的是{total}件，还要哪种请直接说，"
            f"例如“再加一件{_shown(lines[0], varying)}的”。"
        )
    missing = lines[-1].missing
    if missing:
        return f"好的，{put}记下了，{'、'.join(missing)}一起选："
    return ""
