"""Carriers (carriers.toml, optional): the names staff type and a tracking link per carrier.

    [[carrier]]
    name = "顺丰速运"
    aliases = ["顺丰", "SF"]
    tracking_url = "https://www.kuaidi100.com/chaxun?com=shunfeng&nu={tracking_no}"

`/ship SB… 顺丰 SF123` finds 顺丰速运 by its alias (letter case and spaces do not matter), stores
its name, and the shopper gets the link with the number filled in (URL-quoted). A carrier the
file does not know is still accepted; the shopper then gets the number without a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from knowledge.entries import entries
from knowledge.sources import Problems, TomlFile

CARRIERS_FILE = "carriers.toml"
PLACEHOLDER = "{tracking_no}"
_BRACES = re.compile(r"[{}]")


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Carrier:
    name: str
    aliases: tuple[str, ...] = ()
    tracking_url: str = ""

    def link(self, tracking_no: str) -> str:
        """The tracking page of one parcel ("" when the carrier has no template)."""
        if not self.tracking_url:
            return ""
        return self.tracking_url.replace(PLACEHOLDER, quote(tracking_no.strip(), safe=""))


def _empty() -> Mapping[str, Carrier]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Carriers:
    by_key: Mapping[str, Carrier] = field(default_factory=_empty)

    def find(self, name: str | None) -> Carrier | None:
        """A carrier by its name or an alias, as staff or a back office write it."""
        return self.by_key.get(_key(name)) if name else None

    def link(self, carrier: str | None, tracking_no: str | None) -> str:
        found = self.find(carrier)
        return found.link(tracking_no) if found and tracking_no else ""

    def __len__(self) -> int:
        return len({carrier.name for carrier in self.by_key.values()})


def load_carriers(folder: Path, problems: Problems) -> Carriers:
    path = folder / CARRIERS_FILE
    if not path.exists():
        return Carriers()
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return Carriers()
    found: dict[str, Carrier] = {}
    for entry in entries(doc, "carrier", problems):
        entry.check_keys({"name", "aliases", "tracking_url"})
        carrier = Carrier(entry.text("name"), entry.texts("aliases"), entry.text("tracking_url"))
        url = carrier.tracking_url
        if url and not url.startswith("https://"):
            entry.fail("tracking_url", "tracking_url must start with https://")
        elif url and (PLACEHOLDER not in url or _BRACES.search(url.replace(PLACEHOLDER, ""))):
            entry.fail("tracking_url", f"tracking_url needs {PLACEHOLDER} and no other braces")
        for word in (carrier.name, *carrier.aliases):
            other = found.get(_key(word))
            if other is not None and entry.ok:
                entry.fail("aliases", f"{word!r} already names {other.name!r}", word)
        if entry.ok:
            found |= {_key(word): carrier for word in (carrier.name, *carrier.aliases)}
    return Carriers(MappingProxyType(found))
