"""One regular expression for many literal words, matching the longest word at each position.

A plain `a|b|c` alternation of hundreds of keywords tries every branch at every character; a
pattern shaped like a trie shares prefixes, so a message is scanned once whatever the word count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
Trie = dict[str, "Trie"]


def _build(words: Iterable[str]) -> Trie:
    root: Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _pattern(node: Trie) -> str:
    branches = [re.escape(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # Greedy optional: the longer word is tried first, the shorter one is the fallback.
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return body


def trie_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    """A compiled pattern matching any of `words` (longest first); None when there are none."""
    root = _build(w for w in set(words) if w)
    if not root:
        return None
    return re.compile(_pattern(root))
