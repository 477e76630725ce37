"""`products.csv`: the catalogue, one product a row, editable in Excel or WPS.

Specs are one cell, `颜色:红色|白色;尺码:S|M|L`; full-width `：；｜` are accepted because that is
what a Chinese keyboard types. Prices are integer fen so that no rounding ever happens between the
file and an order total.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from knowledge.model import Product
from knowledge.sources import Problems, read_text

REQUIRED = ("sku", "name", "category", "price_fen", "stock")
OPTIONAL = (
    "brand",
    "specs",
    "image_url",
    "description",
    "aliases",
    "page_url",
    "tags",
    "attributes",
)
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$")
_SPEC_SEP = re.compile(r"[;；]")
_NAME_SEP = re.compile(r"[:：]")
_VALUE_SEP = re.compile(r"[|｜]")
MAX_NAME = 60
_PAGE_URL = re.compile(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$")
"""A product page opened from a WeChat card: https only (WeChat warns on plain http links)."""

Specs = Mapping[str, tuple[str, ...]]


class _RowChecker:
    """Validates one row's cells; records problems against the row's first line."""

    def __init__(self, file: str, line: int, problems: Problems) -> None:
        self.file, self.line, self.problems = file, line, problems
        self.ok = True

    def fail(self, message: str) -> None:
        self.problems.add(self.file, self.line, message)
        self.ok = False

    def whole_number(self, column: str, text: str, hint: str) -> int:
        cleaned = text.strip().replace(",", "")
        if not re.fullmatch(r"\d+", cleaned):
            self.fail(f"{column} must be a whole number ≥ 0, got {text!r}{hint}")
            return 0
        return int(cleaned)

    def specs(self, text: str, interned: dict[str, Specs], column: str = "specs") -> Specs:
        """Parse a specs-style cell (`specs`, `attributes`); identical cells share one mapping
        (100k SKUs repeat sizes a lot)."""
        text = text.strip()
        if column + text in interned:
            return interned[column + text]
        parsed: dict[str, tuple[str, ...]] = {}
        for part in filter(None, (p.strip() for p in _SPEC_SEP.split(text))):
            pieces = _NAME_SEP.split(part, maxsplit=1)
            values = tuple(v.strip() for v in _VALUE_SEP.split(pieces[-1]) if v.strip())
            if len(pieces) != 2 or not pieces[0].strip() or not values:
                self.fail(f"{column}: {part!r} is not 'name:value|value' (e.g. 颜色:红色|白色)")
                continue
            name = pieces[0].strip()
            if name in parsed:
                self.fail(f"{column}: {name!r} is listed twice")
            if len(set(values)) != len(values):
                self.fail(f"{column}: {name!r} repeats a value")
            parsed[name] = values
        result: Specs = MappingProxyType(parsed)
        interned[column + text] = result
        return result


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in _VALUE_SEP.split(text) if v.strip())


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """(first line of the row, cells) for every row, multi-line quoted cells included."""
    reader = csv.reader(io.StringIO(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for cells in reader:
        rows.append((start, cells))
        start = reader.line_num + 1
    return rows


def _check_header(file: str, header: list[str], problems: Problems) -> list[str] | None:
    columns = [c.strip().lower() for c in header]
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing:
        problems.add(file, 1, f"missing column(s): {', '.join(missing)}")
    if unknown:
        problems.add(file, 1, f"unknown column(s): {', '.join(unknown)}")
    return None if missing or unknown else columns


def _product(
    cells: dict[str, str], check: _RowChecker, categories: set[str], interned: dict[str, Specs]
) -> Product:
    sku, name, category = cells["sku"].strip(), cells["name"].strip(), cells["category"].strip()
    if not _SKU.match(sku):
        check.fail(f"sku {sku!r} must be 2-40 letters, digits, '-' or '_'")
    if not name or len(name) > MAX_NAME:
        check.fail(f"name must be 1-{MAX_NAME} characters")
    if categories and category not in categories:
        check.fail(f"category {category!r} is not listed in shop.toml categories")
    url = cells.get("image_url", "").strip()
    if url and not url.startswith(("https://", "http://")):
        check.fail(f"image_url must start with https:// (got {url[:40]!r})")
    page = cells.get("page_url", "").strip()
    if page and not _PAGE_URL.match(page):
        check.fail(f"page_url must be an https:// link without spaces (got {page[:40]!r})")
    return Product(
        sku=sku,
        name=name,
        category=category,
        brand=cells.get("brand", "").strip(),
        price_fen=check.whole_number("price_fen", cells["price_fen"], " (fen: 5990 = ¥59.90)"),
        stock=check.whole_number("stock", cells["stock"], ""),
        specs=check.specs(cells.get("specs", ""), interned),
        image_url=url,
        description=cells.get("description", "").strip(),
        aliases=_split_list(cells.get("aliases", "")),
        page_url=page,
        tags=_split_list(cells.get("tags", "")),
        attributes=check.specs(cells.get("attributes", ""), interned, "attributes"),
    )


@dataclass(slots=True)
class Catalogue:
    """The valid products, and every SKU the file names (valid rows or not)."""

    products: dict[str, Product] = field(default_factory=dict)
    skus: set[str] | None = None
    """Every SKU written in the file, for the files that refer to products (facts.toml), so
    that one broken row is one problem, not one more per reference to it. None when the SKUs
    cannot be trusted: the file was unreadable, or a SKU is malformed or duplicated (the SKU
    it was meant to be is unknown until the row is fixed)."""


def _sku_cell(columns: list[str], cells: list[str]) -> str:
    at = columns.index("sku")
    return cells[at].strip() if at < len(cells) else ""


def load_products(path: Path, categories: set[str], problems: Problems) -> Catalogue:
    """Every valid product by SKU, in file order; problems are recorded, not raised."""
    text = read_text(path, problems)
    if text is None:
        return Catalogue()
    rows = _rows(text)
    columns = _check_header(str(path), rows[0][1], problems) if rows else None
    if not rows:
        problems.add(str(path), 1, "file is empty: a header row is needed")
    if columns is None:
        return Catalogue()
    products: dict[str, Product] = {}
    written: set[str] | None = set()
    seen: dict[str, int] = {}
    interned: dict[str, Specs] = {}
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        check = _RowChecker(str(path), line, problems)
        if written is not None:
            written.add(_sku_cell(columns, cells))
        if len(cells) != len(columns):
            check.fail(f"has {len(cells)} cells, the header has {len(columns)} (a stray comma?)")
            continue
        product = _product(dict(zip(columns, cells, strict=True)), check, categories, interned)
        key = product.sku.upper()
        if key in seen or not _SKU.match(product.sku):
            written = None
        if key in seen:
            check.fail(f"duplicate sku {product.sku!r} (first on line {seen[key]})")
        elif check.ok:
            seen[key] = line
            products[product.sku] = product
            if not product.page_url:
                problems.warn(
                    str(path), line, f"{product.sku} has no page_url (its card will have no link)"
                )
    return Catalogue(products, written)
