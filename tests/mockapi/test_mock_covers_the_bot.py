"""The mock emulates every WeChat API path the bot calls, and only those plus a declared few.

The bot's paths are read from its source: every string that is a whole `/cgi-bin/…` path.
That only works if paths are written whole, so a path built from pieces (an f-string or a
`+` starting with `/cgi-bin/`) fails here too. The check runs both ways: a path the bot calls
that the mock does not emulate would answer 404 in every test and demo; a path the mock
emulates that the bot never calls is code nobody needs, unless `KEPT_ON_PURPOSE` says why.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mockwechat.dispatch import ALL_ENDPOINTS, ROUTES

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ("bot", "knowledge", "scheduler")  # the packages that ship and run in production

API_PATH = re.compile(r"/cgi-bin/[a-z0-9_]+(?:/[a-z0-9_]+)*")
PREFIX = "/cgi-bin/"
# Calls that may take a piece of a path: matching a family of paths, not building one.
MATCHING_CALLS = frozenset({"startswith", "split", "removeprefix"})

KEPT_ON_PURPOSE: dict[str, str] = {
    "/cgi-bin/token": (
        "OA getAccessToken, which every SDK uses: each call knocks out the previous token "
        "(40001 after 5 minutes); kept to show why the bot uses stable_token instead, and so "
        "that an SDK pointed at the mock can fetch a token"
    ),
}


@dataclass(frozen=True)
class PathUse:
    path: str
    where: str  # file:line


def _matching_call_args(tree: ast.AST) -> set[int]:
    """ids of the string nodes passed to startswith / split / removeprefix."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MATCHING_CALLS
        ):
            ids.update(id(arg) for arg in node.args)
    return ids


def _built_path_head(node: ast.AST) -> ast.Constant | None:
    """The leading string of an f-string or a concatenation that starts with /cgi-bin/."""
    if isinstance(node, ast.JoinedStr) and node.values:
        head: ast.AST = node.values[0]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        head = node.left
    else:
        return None
    if isinstance(head, ast.Constant) and str(head.value).startswith(PREFIX):
        return head
    return None


def scan_source(source: str, name: str) -> tuple[list[PathUse], list[PathUse]]:
    """(the whole API paths named in `source`, the places that build one from pieces)."""
    tree = ast.parse(source)
    matching = _matching_call_args(tree)
    paths: list[PathUse] = []
    built: list[PathUse] = []
    for node in ast.walk(tree):  # parents before children: a built path's head is seen first
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        head = _built_path_head(node)
        if head is not None:
            built.append(PathUse(ast.unparse(node), where))
            matching.add(id(head))  # reported with the whole expression, not again alone
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if API_PATH.fullmatch(node.value):
                paths.append(PathUse(node.value, where))
            elif node.value.startswith(PREFIX) and id(node) not in matching:
                built.append(PathUse(node.value, where))
    return paths, built


def _production_files() -> Iterator[Path]:
    for package in PRODUCTION:
        yield from sorted((ROOT / package).rglob("*.py"))


def scan_production() -> tuple[list[PathUse], list[PathUse]]:
    paths: list[PathUse] = []
    built: list[PathUse] = []
    for file in _production_files():
        found, pieces = scan_source(file.read_text("utf-8"), str(file.relative_to(ROOT)))
        paths += found
        built += pieces
    return paths, built


def called_paths() -> set[str]:
    return {use.path for use in scan_production()[0]}


def emulated_paths() -> set[str]:
    return {endpoint.path for endpoint in ALL_ENDPOINTS}


def test_the_bot_writes_its_api_paths_whole() -> None:
    built = scan_production()[1]
    assert not built, "write these API paths as one string, so this test can see them: " + (
        ", ".join(f"{use.path} ({use.where})" for use in built)
    )


def test_the_scan_finds_the_bots_calls() -> None:
    # Without this, a scan that found nothing would pass every check below.
    called = called_paths()
    for path in ("/cgi-bin/stable_token", "/cgi-bin/message/custom/send", "/cgi-bin/kf/sync_msg"):
        assert path in called


def test_every_path_the_bot_calls_is_emulated() -> None:
    missing = sorted(called_paths() - emulated_paths())
    assert not missing, f"the bot calls these and the mock answers 404: {missing}"


def test_every_emulated_path_is_called_or_kept_on_purpose() -> None:
    stray = sorted(emulated_paths() - called_paths() - KEPT_ON_PURPOSE.keys())
    assert not stray, (
        f"the mock emulates these and the bot never calls them: {stray}; remove them, or add "
        "them to KEPT_ON_PURPOSE with the reason"
    )


def test_the_kept_list_is_current() -> None:
    called = sorted(KEPT_ON_PURPOSE.keys() & called_paths())
    assert not called, f"the bot calls these now; take them off KEPT_ON_PURPOSE: {called}"
    gone = sorted(KEPT_ON_PURPOSE.keys() - emulated_paths())
    assert not gone, f"the mock no longer emulates these; take them off KEPT_ON_PURPOSE: {gone}"


def test_each_path_is_emulated_once() -> None:
    # The bot calls each path with one method on one platform; a second emulation of a path
    # (the other platform's, an older method) is one it never calls.
    twice = sorted(path for path, endpoints in ROUTES.items() if len(endpoints) > 1)
    assert not twice, f"emulated more than once: {twice}"


def test_the_scan_sees_paths_built_from_pieces() -> None:
    source = (
        'PREFIX = "/cgi-bin/kf/"\n'
        'a = f"/cgi-bin/kf/{name}"\n'
        'b = "/cgi-bin/user/" + kind\n'
        'ok = path.startswith("/cgi-bin/kf/")\n'
        'whole = "/cgi-bin/message/send"\n'
    )
    paths, built = scan_source(source, "example.py")
    assert [use.path for use in paths] == ["/cgi-bin/message/send"]
    assert sorted(use.where for use in built) == ["example.py:1", "example.py:2", "example.py:3"]
