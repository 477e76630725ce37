"""The lexicon's cut of a whole catalogue at once is jieba's own cut, word for word."""

from __future__ import annotations

from knowledge import KnowledgeBase, Matcher
from knowledge.normalize import normalize

_TRICKY = [
    "iphone15pro手机壳",
    "t恤xl",
    "3.5mm耳机转接头",
    "100%纯棉",
    "c++编程书",
    "k-12儿童款",
    "ａｂｃ",
    "é咖啡杯",
    "〇号色",
    "鿏鿐鿑",
    "x",
    "云朵加厚卫衣",
    "禾风加厚卫衣",
    "加厚卫衣",
    "卫衣",
    "衣",
]


def test_split_many_is_split_for_every_text_of_the_demo_shop(
    matcher: Matcher, demo_kb: KnowledgeBase
) -> None:
    lexicon = matcher._lexicon
    texts = [text for p in demo_kb.products.values() for text in (p.name, *p.aliases, p.brand)]
    texts += [t for p in demo_kb.products.values() for t in (p.category, *p.tags)]
    texts += [q for f in demo_kb.faqs.values() for q in f.questions]
    texts += [e for i in demo_kb.intents.values() for e in i.examples]
    chunks = {chunk for text in texts for chunk in normalize(text).split()} | set(_TRICKY)
    assert len(chunks) > 1000
    together = lexicon.split_many(chunks)
    for chunk in chunks:
        whole, parts = lexicon.split(chunk)
        assert together[chunk] == (tuple(whole), tuple(parts)), chunk
