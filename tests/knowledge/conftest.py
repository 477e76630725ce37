"""Fixtures for the knowledge tests: the demo shop and one matcher built once per session.

Building a matcher loads jieba's dictionary (about half a second), so tests share one; tests that
need a broken or changed shop copy the demo files into tmp_path and edit them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge import DEMO_SHOP_DIR, KnowledgeBase, Matcher, load_knowledge


@pytest.fixture(scope="session")
def demo_kb() -> KnowledgeBase:
    return load_knowledge(None)


@pytest.fixture(scope="session")
def matcher(demo_kb: KnowledgeBase) -> Matcher:
    return Matcher(demo_kb)


@pytest.fixture
def shop_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo shop."""
    target = tmp_path / "shop"
    shutil.copytree(DEMO_SHOP_DIR, target)
    return target


@pytest.fixture
def edit(shop_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace the first occurrence of `old` by `new` in one file of the shop copy."""

    def apply(name: str, old: str, new: str) -> Path:
        path = shop_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return apply


def find_line(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def line_of() -> Callable[[Path, str], int]:
    return find_line
