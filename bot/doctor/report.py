"""What one doctor check found, and the report that prints them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"  # works, but something a merchant should know (a feature unavailable)
    FAIL = "FAIL"  # something a configured feature needs is broken: exit non-zero
    SKIP = "skip"  # not configured, or could not be checked from here


@dataclass(frozen=True)
class Check:
    area: str  # "oa", "wecom", "callbacks", "knowledge", "database", "state"
    name: str
    status: Status
    detail: str = ""
    fix: str = ""


def ok(area: str, name: str, detail: str = "") -> Check:
    return Check(area, name, Status.OK, detail)


def failed(area: str, name: str, detail: str, fix: str = "") -> Check:
    return Check(area, name, Status.FAIL, detail, fix)


def warned(area: str, name: str, detail: str, fix: str = "") -> Check:
    return Check(area, name, Status.WARN, detail, fix)


def skipped(area: str, name: str, detail: str) -> Check:
    return Check(area, name, Status.SKIP, detail)


def print_report(checks: Iterable[Check], out: TextIO) -> int:
    """One line per check (and its fix); returns the exit code: 1 when any check failed."""
    worst = 0
    for check in checks:
        line = f"[{check.status:>4}] {check.area:<10} {check.name}"
        print(f"{line}: {check.detail}" if check.detail else line, file=out)
        if check.fix and check.status in (Status.FAIL, Status.WARN):
            print(f"       {'':<10} fix: {check.fix}", file=out)
        if check.status is Status.FAIL:
            worst = 1
    print("all configured features look usable" if not worst else "problems found", file=out)
    return worst
