"""Reading knowledge files while remembering where each value came from.

`tomllib` gives values but no line numbers, so `TomlFile` keeps the raw text and finds lines by the
file's own structure: the N-th `[[faq]]` header is entry N, and a key's line is the first `key =`
after that header. That is exact for the `[[table]]` style the knowledge README documents, and falls
back to the entry's header line (or line 1) for anything more exotic.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.errors import KbIssue

_TOML_AT_LINE = re.compile(r"at line (\d+)")


@dataclass
class Problems:
    """Collects issues across all files of one load, so the merchant sees all of them at once.

    `items` are errors (the load fails); `warnings` are gaps worth fixing that still load (a
    product without a page link), printed by `kb check` and kept on the `KnowledgeBase`.
    """

    items: list[KbIssue] = field(default_factory=list)
    warnings: list[KbIssue] = field(default_factory=list)

    def add(self, file: str, line: int, message: str) -> None:
        self.items.append(KbIssue(file, max(1, line), message))

    def warn(self, file: str, line: int, message: str) -> None:
        self.warnings.append(KbIssue(file, max(1, line), message))


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text, or None after recording why it could not be read.

    UTF-8 with or without a BOM is accepted (Excel writes the BOM). A GBK file from a Chinese Excel
    install is the common mistake, so the message says how to save it properly.
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.add(name, 1, "file is missing")
        return None
    except OSError as exc:
        problems.add(name, 1, f"cannot read file: {exc.strerror or exc}")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.add(name, line, "not UTF-8 text (in Excel: 另存为 → CSV UTF-8)")
        return None


class TomlFile:
    """A parsed TOML knowledge file plus the line lookups that `tomllib` does not provide."""

    def __init__(self, name: str, text: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data
        self._lines = text.splitlines()

    @property
    def lines(self) -> list[str]:
        """The raw lines (1-based line N is `lines[N - 1]`)."""
        return self._lines

    @classmethod
    def parse(cls, path: Path, problems: Problems) -> TomlFile | None:
        text = read_text(path, problems)
        if text is None:
            return None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_AT_LINE.search(str(exc))
            line = int(found.group(1)) if found else 1
            problems.add(str(path), line, f"TOML syntax error: {exc}")
            return None
        return cls(str(path), text, data)

    def entry_line(self, table: str, index: int) -> int:
        """Line of the `[[table]]` header that starts entry `index` (0-based)."""
        header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
        starts = [i + 1 for i, text in enumerate(self._lines) if header.match(text)]
        return starts[index] if index < len(starts) else 1

    def key_line(self, table: str | None, index: int, key: str, needle: str | None = None) -> int:
        """Line of `key = ...` inside one entry; with `needle`, the line in that value holding it."""
        start = self.entry_line(table, index) if table else 1
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        end = self._next_header(start)
        for number in range(start, end + 1):
            if pattern.match(self._lines[number - 1]):
                return self._needle_line(number, end, needle) if needle else number
        return start

    def _next_header(self, start: int) -> int:
        for number in range(start + 1, len(self._lines) + 1):
            if self._lines[number - 1].lstrip().startswith("["):
                return number - 1
        return len(self._lines)

    def _needle_line(self, start: int, end: int, needle: str) -> int:
        for number in range(start, end + 1):
            if needle in self._lines[number - 1]:
                return number
        return start
