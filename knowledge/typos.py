"""Typos and near-misses in the shop's own words: 冲电宝 → 充电宝, 腿货 → 退货, 液太硅胶 → 液态硅胶.

Shoppers type with a pinyin keyboard, so their slips are mostly the right sound with the wrong
character. At load the shop's vocabulary (product names and aliases, brands, categories, tags,
intent keywords, synonyms) is indexed by its toneless pinyin, folded the way southern speakers
blur it (zh/z, ch/c, sh/s, ang/an, eng/en, ing/in, l/n); words of four characters or more are
also indexed with each character in turn left open, for the slip of one character whatever its
sound. Words that start with a Latin letter (t恤) keep their letters as they are: 买个t嘘 is
a t恤. A stretch of a message that is neither a shop word nor a word of jieba's dictionary and
reads like exactly one shop word is replaced by that word before the message is read. A
two-character stretch must also be one word of jieba's cut: two-character homophones are
everywhere (我是 sounds like 卧室, 为一 like 卫衣), a two-character typo cut as one word is not.

Why not a library: pypinyin holds ~55 MB once imported, for a table of 6,763 characters
(pinyin.txt, 28 KB, read once per process at the first build). Why not an edit distance over
every message: a one-character slip of a two-character word is another word (耳机 → 手机), so
only the sound, or a long word, is trusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

PINYIN_FILE = Path(__file__).with_name("pinyin.txt")
MIN_SOUND = 2
"""Shortest shop word matched by its sound (two characters: 腿货 → 退货)."""
MIN_SLIP = 4
"""Shortest shop word matched with one character of any sound wrong."""
MAX_WORD = 8
MAX_RUN = 60
"""Longer stretches of Chinese are letters, not product asks: left as they are."""
_CJK_RUN = re.compile(r"(?:(?<![a-z0-9])[a-z]{1,3})?[\u4e00-\u9fff]+")
"""A stretch of Chinese, with the few Latin letters a shop word may start with (t恤, u盘): in
"t嘘" the letter is typed as it is, only the character after it can be the slip."""
_SPELLED = re.compile(r"([\u4e00-\u9fff0-9]{1,6})([a-z]{1,6})(?![a-z0-9])")
"""Chinese followed by a syllable or two typed in pinyin letters (四件tao: the keyboard's
candidate was not picked): the letters are the sound of the characters meant. Digits are
there because normalising wrote 四 as 4."""
_DIGITS = str.maketrans("0123456789", "零一二三四五六七八九")
_FOLDS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


def _fold(syllable: str) -> str:
    for long, short in _FOLDS:
        syllable = syllable.replace(long, short)
    return "n" + syllable[1:] if syllable.startswith("l") else syllable


@cache
def syllables() -> frozenset[str]:
    """Every toneless syllable of pinyin.txt, as typed (zhuang, not its folded zuan)."""
    lines = PINYIN_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split(" ", 1)[0] for line in lines if line and not line.startswith("#"))


def _split_syllables(letters: str) -> list[str] | None:
    """Latin letters cut into pinyin syllables, longest first (taozhuang → tao zhuang); None
    when they are no pinyin."""
    if not letters:
        return []
    known = syllables()
    for size in range(min(6, len(letters)), 0, -1):
        head = letters[:size]
        if head in known:
            rest = _split_syllables(letters[size:])
            if rest is not None:
                return [head, *rest]
    return None


@cache
def readings() -> dict[str, str]:
    """Character → its folded most common reading, from pinyin.txt. A typist picks the wrong
    character of the sound they meant, which is that character's common reading too."""
    found: dict[str, str] = {}
    for line in PINYIN_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            syllable, chars = line.split(" ", 1)
            found.update(dict.fromkeys(chars, _fold(syllable)))
    return found


class TypoFixer:
    """The shop's words by sound (and, when long, by shape), and the fix of one message."""

    def __init__(
        self,
        words: Iterable[str],
        product_words: Iterable[str],
        is_word: Callable[[str], bool],
        canonical: Callable[[str], str],
    ) -> None:
        """`words` are the shop's vocabulary and `product_words` what its products are called
        (only those are matched by shape: 有没有卖 is a keyword, and 有没有冲 no slip of it);
        `is_word` says whether a text is a real word (jieba's dictionary), which is never
        "corrected"; `canonical` folds synonyms (充电宝 and 充电包 sound alike and are one)."""
        self._sounds = readings()
        self._is_word = is_word
        self._words: set[str] = set()
        by_sound: dict[str, set[str]] = {}
        by_shape: dict[str, set[str]] = {}
        named = set(product_words)
        for word in dict.fromkeys([*words, *named]):
            if not (MIN_SOUND <= len(word) <= MAX_WORD and _CJK_RUN.fullmatch(word)):
                continue
            self._words.add(word)
            meant = canonical(word)
            for key in self._keys(word):
                by_sound.setdefault(key, set()).add(meant)
            if len(word) >= MIN_SLIP and word in named:
                for i in range(len(word)):
                    by_shape.setdefault(word[:i] + "?" + word[i + 1 :], set()).add(meant)
        # A sound or shape two shop words share is no evidence for either: never guessed.
        self._by_sound = {k: next(iter(v)) for k, v in by_sound.items() if len(v) == 1}
        self._by_shape = {k: next(iter(v)) for k, v in by_shape.items() if len(v) == 1}
        self._lengths = sorted({len(w) for w in self._words}, reverse=True)
        self._starts = {w[:2] for w in self._words}
        self._sound_starts = {" ".join(k.split(" ")[:2]) for k in self._by_sound}
        long_words = [w for w in self._words if len(w) >= MIN_SLIP and w in named]
        self._shape_starts = {w[:2] for w in long_words} | {w[1:3] for w in long_words}
        self._shape_starts |= {w[0] + "?" + w[2] for w in long_words}

    def _keys(self, text: str) -> list[str]:
        return [" ".join(self._sounds.get(ch, ch) for ch in text)]

    def fix(self, norm: str, cut: Iterable[str]) -> str:
        """`norm` with every stretch that reads like one shop word replaced by it; `cut` is
        jieba's cut of `norm` (its word boundaries)."""
        if not self._words:
            return norm
        norm = _SPELLED.sub(self._spelled, norm)
        spans = _spans(norm, cut)
        return _CJK_RUN.sub(lambda m: self._fix_run(m.group(), m.start(), spans), norm)

    def _spelled(self, found: re.Match[str]) -> str:
        """四件tao → 四件套: the shop word sounding like the characters and the letters, whose
        characters as typed stand where they were typed (only the letters are a guess)."""
        chars, letters = found.group(1).translate(_DIGITS), found.group(2)
        spelled = _split_syllables(letters)
        if not spelled:
            return found.group()
        sounds = [_fold(s) for s in spelled]
        for start in range(len(chars)):
            typed = chars[start:]
            key = " ".join([*(self._sounds.get(ch, ch) for ch in typed), *sounds])
            word = self._by_sound.get(key)
            if (
                word is not None
                and len(word) == len(typed) + len(spelled)
                and word.startswith(typed)
            ):
                return found.group(1) + word[len(typed) :]  # the typed part stays as normalised
        return found.group()

    def _fix_run(self, run: str, offset: int, spans: set[tuple[int, int]]) -> str:
        if len(run) < MIN_SOUND or len(run) > MAX_RUN:
            return run
        sounds = [self._sounds.get(ch, ch) for ch in run]
        out: list[str] = []
        i = 0
        while i < len(run):
            size, word = self._at(run, sounds, i, offset, spans)
            out.append(word if size else run[i])
            i += size or 1
        return "".join(out)

    def _at(
        self, run: str, sounds: list[str], start: int, offset: int, spans: set[tuple[int, int]]
    ) -> tuple[int, str]:
        """(length, shop word) of the longest shop word or near-miss starting at `start`."""
        if start + 1 >= len(run):
            return 0, ""
        # Most positions start nothing: their first two characters (or sounds) begin no shop
        # word, so the windows are never built.
        known = run[start : start + 2] in self._starts
        sound = f"{sounds[start]} {sounds[start + 1]}" in self._sound_starts
        third = run[start + 2 : start + 3]
        shape = (
            run[start : start + 2] in self._shape_starts
            or run[start + 1 : start + 3] in self._shape_starts
            or run[start] + "?" + third in self._shape_starts
        )
        if not (known or sound or shape):
            return 0, ""
        # A shop word typed exactly is no slip: a longer sound-alike may extend it (充电包 →
        # 充电宝) but never rewrite it (赠品吗 is not 正品吗).
        typed = next((w for n in self._lengths if (w := run[start : start + n]) in self._words), "")
        for size in self._lengths:
            window = run[start : start + size]
            if len(window) < size:
                continue
            if window in self._words:
                return size, window
            if self._is_word(window):
                continue
            at = offset + start
            lettered = window[0].isascii()  # its letters are exact: only the rest is a guess
            if size == MIN_SOUND and (at, at + size) not in spans and not lettered:
                continue
            if sound:
                found = self._by_sound.get(" ".join(sounds[start : start + size]))
                if found is not None and found.startswith(typed):
                    return size, found
            if shape and size >= MIN_SLIP:
                for i in range(size):
                    found = self._by_shape.get(window[:i] + "?" + window[i + 1 :])
                    if found is not None and found.startswith(typed):
                        return size, found
        return 0, ""


def _spans(text: str, cut: Iterable[str]) -> set[tuple[int, int]]:
    """(start, end) in `text` of every word of `cut`."""
    spans: set[tuple[int, int]] = set()
    at = 0
    for token in cut:
        found = text.find(token, at)
        if found < 0:
            continue
        spans.add((found, found + len(token)))
        at = found + len(token)
    return spans
