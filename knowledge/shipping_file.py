"""Reading shipping.toml (optional: a shop without one charges no shipping). Format in README.md.

Every problem names the file and line, like the other knowledge files: an unknown province, a
province in two regions, an override for a SKU or category the catalogue lacks, a fee that is
not whole fen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import time
from pathlib import Path
from typing import Any

from knowledge.entries import Entry, entries
from knowledge.regions import canonical
from knowledge.shipping import Override, Region, ReturnAddress, ShippingRules
from knowledge.sources import Problems, TomlFile

SHIPPING_FILE = "shipping.toml"
_TOP = {"shipping", "region", "override", "returns"}


class _Table(Entry):
    """A plain `[name]` table anywhere in the file (Entry's own lookup knows only the first)."""

    def __init__(self, doc: TomlFile, name: str, data: Any, problems: Problems) -> None:
        super().__init__(doc, name, -1, data, problems)
        header = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
        self._start = next((i + 1 for i, t in enumerate(doc.lines) if header.match(t)), 1)

    @property
    def line(self) -> int:
        return self._start

    def line_of(self, key: str, needle: str | None = None) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(self._start, len(self.doc.lines) + 1):
            text = self.doc.lines[number - 1]
            if number > self._start and text.lstrip().startswith("["):
                break
            if pattern.match(text):
                return number
        return self._start


def _provinces(entry: Entry, key: str) -> tuple[str, ...]:
    found: list[str] = []
    for name in entry.texts(key):
        short = canonical(name)
        if short is None:
            entry.fail(key, f"unknown province {name!r} (write it as 浙江 or 浙江省)", name)
        elif short in found:
            entry.fail(key, f"{name!r} is listed twice", name)
        else:
            found.append(short)
    return tuple(found)


def _optional_whole(entry: Entry, key: str, default: int, minimum: int = 0) -> int:
    return entry.whole(key, minimum=minimum) if key in entry.data else default


_CLOCK_TIME = re.compile(r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)")


def _clock_time(entry: Entry, key: str) -> time | None:
    """ "16:00" (shop time), or None when the key is left out or is no time of day."""
    if key not in entry.data:
        return None
    said = entry.text(key)
    found = _CLOCK_TIME.fullmatch(said.strip())
    if found is None:
        entry.fail(key, f"{said!r} is no time of day (write it as 16:00)", said)
        return None
    return time(int(found.group("hour")), int(found.group("minute")))


_DAYS = re.compile(r"(?P<low>\d{1,2})(?:-(?P<high>\d{1,2}))?")


def _days(entry: Entry, key: str) -> str | None:
    """ "5-7" or "3" (days), or None when the key is left out or is no such span."""
    if key not in entry.data:
        return None
    said = entry.text(key).strip()
    found = _DAYS.fullmatch(said)
    if found is None or (
        found.group("high") and int(found.group("high")) < int(found.group("low"))
    ):
        entry.fail(key, f"{said!r} is no number of days (write it as 3 or 5-7)", said)
        return None
    return said


def _base(
    doc: TomlFile, problems: Problems
) -> tuple[int, int | None, int | None, time | None, str | None]:
    entry = _Table(doc, "shipping", doc.data.get("shipping", {}), problems)
    entry.check_keys(
        {"base_fee_fen", "free_over_fen", "sf_extra_fen", "same_day_before", "transit_days"}
    )
    base = _optional_whole(entry, "base_fee_fen", 0)
    free_over = entry.whole("free_over_fen", minimum=1) if "free_over_fen" in entry.data else None
    sf_extra = entry.whole("sf_extra_fen") if "sf_extra_fen" in entry.data else None
    same_day = _clock_time(entry, "same_day_before")
    return base, free_over, sf_extra, same_day, _days(entry, "transit_days")


def _region(entry: Entry, taken: dict[str, str]) -> Region | None:
    entry.check_keys(
        {"name", "provinces", "surcharge_fen", "free_shipping", "excluded", "transit_days"}
    )
    name = entry.text("name")
    provinces = _provinces(entry, "provinces")
    if not provinces:
        entry.fail("provinces" if "provinces" in entry.data else None, "needs provinces")
    for province in provinces:
        owner = taken.setdefault(province, name)
        if owner != name:
            entry.fail("provinces", f"{province} is already in region {owner!r}", province)
    excluded = entry.flag("excluded")
    if excluded and ({"surcharge_fen", "free_shipping", "transit_days"} & set(entry.data)):
        entry.fail("excluded", "an excluded region ships nothing: drop its fee settings")
    surcharge = _optional_whole(entry, "surcharge_fen", 0)
    free = entry.flag("free_shipping") if "free_shipping" in entry.data else True
    transit = _days(entry, "transit_days")
    return Region(name, provinces, surcharge, free, excluded, transit) if entry.ok else None


def _override(entry: Entry, skus: Iterable[str], categories: set[str]) -> Override | None:
    entry.check_keys(
        {"label", "skus", "categories", "fee_fen", "excluded_provinces", "ships_within_hours"}
    )
    known = {sku.upper(): sku for sku in skus}
    picked = []
    for sku in entry.texts("skus"):
        if sku.upper() not in known:
            entry.fail("skus", f"unknown SKU {sku!r}", sku)
        else:
            picked.append(known[sku.upper()])
    wanted = entry.texts("categories")
    for category in wanted:
        if category not in categories:
            entry.fail("categories", f"unknown category {category!r}", category)
    if not picked and not wanted and entry.ok:
        entry.fail(None, "an override needs skus or categories")
    return (
        Override(
            label=entry.text("label"),
            skus=tuple(picked),
            categories=wanted,
            fee_fen=entry.whole("fee_fen"),
            excluded_provinces=_provinces(entry, "excluded_provinces"),
            ships_within_hours=(
                entry.whole("ships_within_hours", minimum=1)
                if "ships_within_hours" in entry.data
                else None
            ),
        )
        if entry.ok
        else None
    )


def _returns(doc: TomlFile, problems: Problems) -> ReturnAddress | None:
    if "returns" not in doc.data:
        problems.warn(
            doc.name, 1, "no [returns] address: staff must write it when approving a return"
        )
        return None
    entry = _Table(doc, "returns", doc.data["returns"], problems)
    entry.check_keys({"receiver", "phone", "address"})
    address = ReturnAddress(entry.text("receiver"), entry.text("phone"), entry.text("address"))
    return address if entry.ok else None


def load_shipping(
    folder: Path, products: Mapping[str, object], categories: set[str], problems: Problems
) -> ShippingRules:
    """The rules of `folder/shipping.toml`, or no shipping charge at all when there is none."""
    path = folder / SHIPPING_FILE
    if not path.exists():
        return ShippingRules()
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return ShippingRules()
    for key in doc.data:
        if key not in _TOP:
            problems.add(doc.name, _Table(doc, key, {}, Problems()).line, f"unknown table {key!r}")
    base, free_over, sf_extra, same_day_before, transit = _base(doc, problems)
    taken: dict[str, str] = {}
    regions = [_region(entry, taken) for entry in entries(doc, "region", problems)]
    overrides = [
        _override(entry, products, categories) for entry in entries(doc, "override", problems)
    ]
    return ShippingRules(
        base_fee_fen=base,
        free_over_fen=free_over,
        regions=tuple(r for r in regions if r is not None),
        overrides=tuple(o for o in overrides if o is not None),
        returns=_returns(doc, problems),
        sf_extra_fen=sf_extra,
        same_day_before=same_day_before,
        transit_days=transit,
    )
