"""Errors raised while loading knowledge files.

Every problem a merchant can make in a knowledge file is reported with the file and the line, so the
message can be pasted straight into an editor's "go to line". All problems found in one pass are
collected, not just the first, because a merchant fixing a 150-row CSV wants the whole list at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KbIssue:
    """One problem in one knowledge file; `line` is 1-based (1 for file-level problems)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge files are unusable; `errors` lists every problem found, in file order."""

    def __init__(self, errors: list[KbIssue]) -> None:
        self.errors: list[KbIssue] = list(errors)
        super().__init__("\n".join(str(issue) for issue in self.errors))

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.errors)
