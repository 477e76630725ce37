"""Typed access to one `[[table]]` entry of a TOML knowledge file, with file:line on every problem."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from knowledge.sources import Problems, TomlFile


class Entry:
    """One entry (`index`-th `[[table]]`, or a plain `[table]` when index is -1) being read."""

    def __init__(
        self, doc: TomlFile, table: str, index: int, data: Any, problems: Problems
    ) -> None:
        self.doc, self.table, self.index, self.problems = doc, table, index, problems
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.ok = True
        if not isinstance(data, dict):
            self.fail(None, f"[[{table}]] entry must be a table")

    @property
    def line(self) -> int:
        return self.doc.entry_line(self.table, self.index) if self.index >= 0 else 1

    def line_of(self, key: str, needle: str | None = None) -> int:
        table = self.table if self.index >= 0 else None
        return self.doc.key_line(table, max(self.index, 0), key, needle)

    def fail(self, key: str | None, message: str, needle: str | None = None) -> None:
        line = self.line_of(key, needle) if key else self.line
        self.problems.add(self.doc.name, line, message)
        self.ok = False

    def check_keys(self, allowed: set[str]) -> None:
        """Unknown keys are errors: a typo such as `anwser` would otherwise vanish silently."""
        for key in self.data:
            if key not in allowed:
                self.fail(
                    key, f"unknown key {key!r} (expected one of {', '.join(sorted(allowed))})"
                )

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.fail(None, f"missing {key!r}")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(key, f"{key!r} must be a non-empty string")
            return ""
        return value.strip()

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, f"{key!r} must be a list of strings")
            return ()
        cleaned = tuple(v.strip() for v in value if v.strip())
        if required and not cleaned:
            self.fail(key if key in self.data else None, f"{key!r} needs at least one entry")
        return cleaned

    def whole(self, key: str, *, minimum: int = 0) -> int:
        value = self.data.get(key)
        if value is None:
            self.fail(None, f"missing {key!r}")
            return 0
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(key, f"{key!r} must be a whole number ≥ {minimum} (fen for money)")
            return 0
        return value

    def day(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        self.fail(key if key in self.data else None, f"{key!r} must be a date like 2025-01-31")
        return date.min

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.fail(key, f"{key!r} must be true or false")
            return False
        return value


def entries(doc: TomlFile, table: str, problems: Problems) -> list[Entry]:
    """All `[[table]]` entries of a file; a missing or misshapen table is one problem."""
    raw = doc.data.get(table, [])
    if not isinstance(raw, list):
        problems.add(doc.name, 1, f"{table!r} must be written as [[{table}]] entries")
        return []
    return [Entry(doc, table, i, item, problems) for i, item in enumerate(raw)]
