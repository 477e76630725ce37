"""The shortcuts of the build give what the long way gives: jieba's dictionary from its cache,
normalisation of plain text, postings made by the caller, and the cycle collector left as it was."""

from __future__ import annotations

import gc
import random
import unicodedata
from pathlib import Path

import jieba
import pytest

from knowledge import KnowledgeBase, Matcher, jieba_dict
from knowledge import normalize as normalize_module
from knowledge.index import InvertedIndex
from knowledge.normalize import clean, normalize, squash
from knowledge.numerals import convert_numerals


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(jieba_dict.CACHE_DIR_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _jiebas_own() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_the_cached_dictionary_is_jiebas_own(cache_dir: Path) -> None:
    first = jieba.Tokenizer()
    jieba_dict.initialize(first)  # no cache yet: jieba loads it, and the cache is written
    assert len(list(cache_dir.iterdir())) == 1
    second = jieba.Tokenizer()
    jieba_dict.initialize(second)  # from the cache
    own = _jiebas_own()
    assert second.initialized and second.total == own.total
    assert second.FREQ == own.FREQ and first.FREQ == own.FREQ
    text = "我想买一件加厚的羽绒服送给我妈"
    assert second.lcut(text, HMM=False) == own.lcut(text, HMM=False)


def test_a_broken_cache_is_read_as_no_cache(cache_dir: Path) -> None:
    jieba_dict.initialize(jieba.Tokenizer())
    (path,) = cache_dir.iterdir()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short, as by a full disk
    tokenizer = jieba.Tokenizer()
    jieba_dict.initialize(tokenizer)
    assert tokenizer.FREQ == _jiebas_own().FREQ
    path.write_bytes(b"something else entirely")
    tokenizer = jieba.Tokenizer()
    jieba_dict.initialize(tokenizer)
    assert tokenizer.total == _jiebas_own().total


def test_an_unwritable_cache_directory_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(jieba_dict.CACHE_DIR_ENV, str(blocker / "cache"))
    tokenizer = jieba.Tokenizer()
    jieba_dict.initialize(tokenizer)
    assert tokenizer.initialized and tokenizer.total == _jiebas_own().total


def _clean_the_long_way(text: str) -> str:
    text = unicodedata.normalize("NFKC", normalize_module._ANSI.sub(" ", text))
    text = text.translate(normalize_module._NOISE)
    text = normalize_module._URL.sub(" ", text)
    text = normalize_module._EMOTICON.sub(normalize_module._emoticon, text)
    text = convert_numerals(text)
    return normalize_module._SPACES.sub(" ", text).strip()


def test_plain_text_is_normalised_as_any_text() -> None:
    plain = [chr(c) for c in range(0x110000) if normalize_module._PLAIN.fullmatch(chr(c))]
    assert "卫" in plain and "A" in plain and "一" not in plain and "两" not in plain
    for char in plain:
        assert clean(char) == _clean_the_long_way(char), hex(ord(char))
    rng = random.Random(5)
    pool = [*rng.sample(plain, 300), " ", "  ", "X", "www", "http", "一", "两", "件", "百", "."]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        assert clean(text) == _clean_the_long_way(text), text
        assert normalize(text) == squash(_clean_the_long_way(text)), text


def test_postings_made_by_the_caller_index_as_documents_do() -> None:
    docs = [["红色", "卫衣"], ["蓝色", "卫衣", "卫衣"], ["红色", "袜子"], [], ["杯子"]]
    postings: dict[str, list[int]] = {}
    for doc_id, terms in enumerate(docs):
        for term in dict.fromkeys(terms):
            postings.setdefault(term, []).append(doc_id)
    made = InvertedIndex.from_postings(postings, len(docs), enumerate_cap=3)
    read = InvertedIndex(docs, enumerate_cap=3)
    assert made.size == read.size and made.enumerate_cap == read.enumerate_cap
    for term in ("红色", "卫衣", "蓝色", "袜子", "杯子", "没有"):
        assert made.df(term) == read.df(term) and made.idf(term) == read.idf(term)
    assert made.candidates(["红色", "卫衣"], 10) == read.candidates(["红色", "卫衣"], 10)


def test_building_leaves_the_cycle_collector_as_it_was(demo_kb: KnowledgeBase) -> None:
    assert gc.isenabled()
    Matcher(demo_kb)
    assert gc.isenabled()
    gc.disable()
    try:
        Matcher(demo_kb)
        assert not gc.isenabled()
    finally:
        gc.enable()
