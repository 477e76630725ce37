"""The mock WeChat API ships beside the bot, not inside it.

Production code never imports `mockwechat`: only the entry points of `shopbot demo` and
`shopbot chat` (which run the mock or talk to it) do, and `bot/cli.py` reaches them, and the
mock itself for `shopbot mock-api`, inside the command's function, so `shopbot serve` never
loads it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("bot", "knowledge", "scheduler")
MOCK = "mockwechat"
ENTRY_POINTS = frozenset({"bot/demo.py", "bot/simulator/chat.py"})  # may import the mock
ENTRY_MODULES = frozenset({"bot.demo", "bot.simulator.chat"})
LAZY_ONLY = "bot/cli.py"  # may import the mock and the entry points inside functions only


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level or node.module is None:
        return []
    return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]


def _reaches_the_mock(name: str) -> bool:
    return name == MOCK or name.startswith(MOCK + ".") or name in ENTRY_MODULES


def imports_of_the_mock(source: str, *, top_level_only: bool) -> list[int]:
    """Lines that import the mock or an entry point that does (at module level only, if asked)."""
    tree = ast.parse(source)
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    return [
        node.lineno
        for node in nodes
        if isinstance(node, ast.Import | ast.ImportFrom)
        and any(_reaches_the_mock(name) for name in _imported(node))
    ]


def offending_imports() -> list[str]:
    found: list[str] = []
    for package in PRODUCTION:
        for file in sorted((ROOT / package).rglob("*.py")):
            name = file.relative_to(ROOT).as_posix()
            if name in ENTRY_POINTS:
                continue
            lines = imports_of_the_mock(file.read_text("utf-8"), top_level_only=name == LAZY_ONLY)
            found += [f"{name}:{line}" for line in lines]
    return found


def test_production_code_does_not_import_the_mock() -> None:
    assert offending_imports() == []


def test_the_cli_imports_the_mock_only_when_its_command_runs() -> None:
    source = (ROOT / LAZY_ONLY).read_text("utf-8")
    assert imports_of_the_mock(source, top_level_only=True) == []
    assert imports_of_the_mock(source, top_level_only=False)  # mock-api, demo and chat do


def test_the_check_sees_each_way_in() -> None:
    source = (
        "import mockwechat\n"
        "from mockwechat.client import fetch_calls\n"
        "from bot.simulator.chat import run_chat\n"
        "from bot import demo\n"
        "def later():\n"
        "    from mockwechat import MockData\n"
        "from bot.simulator import callbacks\n"
    )
    assert imports_of_the_mock(source, top_level_only=True) == [1, 2, 3, 4]
    assert imports_of_the_mock(source, top_level_only=False) == [1, 2, 3, 4, 6]
