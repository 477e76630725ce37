"""Every state-store key is built by a KeySpace of bot/state/keys.py: prefixes cannot collide and
no module makes keys of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.state import keys

ROOT = Path(__file__).resolve().parents[2] / "bot"
STORE_CALL = re.compile(
    r"\b(?:store|self\.store|services\.store)\s*\.\s*"
    r"(?:get|set|set_if_absent|incr|delete|delete_if_equals|take|lock|get_many|set_many)"
    r"\(\s*f?[\"']"
)


def test_prefixes_are_distinct_and_none_is_a_prefix_of_another_space() -> None:
    prefixes = [space.prefix for space in keys.ALL]
    assert len(prefixes) == len(set(prefixes))
    for one in prefixes:
        for other in prefixes:
            assert one == other or not other.startswith(one + ":"), (one, other)


def test_every_space_is_listed() -> None:
    declared = [v for v in vars(keys).values() if isinstance(v, keys.KeySpace)]
    assert set(declared) == set(keys.ALL)


def test_keys_join_their_parts() -> None:
    assert keys.SESSION.key("oa", "o_123") == "session:oa:o_123"
    assert keys.KF_PURGE.key() == "kf:purge"
    assert keys.HEARD.life_s == 2 * 3600
    with pytest.raises(ValueError, match="dedup"):
        _ = keys.DEDUP.life_s


def test_no_module_writes_a_key_literal_to_the_store() -> None:
    found = []
    for path in ROOT.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if STORE_CALL.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    assert not found, "build these keys in bot/state/keys.py:\n" + "\n".join(found)
