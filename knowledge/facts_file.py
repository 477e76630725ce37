"""`facts.toml`: what shoppers ask about products (topics) and each product's answers (facts).

```toml
[[topic]]
id = "保温时长"                                   # the fact's name, as a merchant would say it
asks = ["保温多久", "能保温几个小时", "保温效果怎么样"]  # the ways shoppers ask about it

[[product]]
sku = "HM-5001"
"保温时长" = "装满开水6小时后约70℃，12小时后约50℃。"  # one key per topic id (quoted)

[[attribute]]                                      # words shoppers use for an attribute value
name = "性别"                                      # of products.csv's `attributes` column
value = "女"
words = ["女士", "女朋友", "我妈"]

[[recipient]]                                      # whom a gift tag of products.csv is for
tag = "送长辈"
words = ["爸爸", "长辈", "老人"]
from_age = 50                                      # optional: an age said this old or older
```

A product question ("能放洗碗机吗" on a card, or "保温杯保温多久") is answered from the product's
fact for the topic asked; a topic the product has no fact for gets an honest "not sure, 人工"
instead of a guess. The file is optional. Unknown SKUs and topics are errors with their line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from knowledge.entries import Entry, entries
from knowledge.model import AttributeWords, RecipientWords, Topic
from knowledge.sources import Problems, TomlFile

_TOPIC_ID = re.compile(r"^\S{1,20}$")
MAX_FACT = 300
"""A fact is one chat bubble: longer text belongs on the product page."""
SIZE_SPEC = "尺码"
_SIZE = r"(?:\d{2,3}|X{0,3}[SL]|M|XXL|XXXL)"
_SIZE_LIST = re.compile(rf"(?<![\w.\-])({_SIZE}(?:\s*[/、]\s*{_SIZE})+)(?![\w\-])")
"""A list of sizes in a fact (110/120/130, S、M、L): each must be a size the product is sold in."""
_CHART_SIZE = re.compile(rf"(?:^|[；;])\s*({_SIZE})\s*[：:]")
"""A size chart's entry (110：105-115cm): its size must be one the product is sold in."""


def sizes_stated(fact: str) -> list[str]:
    """The sizes a fact lists or charts ("尺码按身高选：110/120/130" → 110, 120, 130)."""
    listed = [v for m in _SIZE_LIST.finditer(fact) for v in re.split(r"\s*[/、]\s*", m.group(1))]
    return [*listed, *(m.group(1) for m in _CHART_SIZE.finditer(fact))]


def _topic(entry: Entry) -> Topic | None:
    entry.check_keys({"id", "asks"})
    topic_id = entry.text("id")
    if topic_id and not _TOPIC_ID.match(topic_id):
        entry.fail("id", f"topic id {topic_id!r}: 1-20 characters, no spaces")
    asks = entry.texts("asks", required=True)
    return Topic(topic_id, asks) if entry.ok else None


def _facts(
    entry: Entry,
    topics: dict[str, Topic],
    skus: set[str] | None,
    sizes: Mapping[str, tuple[str, ...]],
) -> tuple[str, dict[str, str]]:
    sku = entry.text("sku")
    if sku and skus is not None and sku not in skus:
        entry.fail("sku", f"no product with sku {sku!r} in products.csv")
    facts: dict[str, str] = {}
    for key in entry.data:
        if key == "sku":
            continue
        if key not in topics:
            entry.fail(key, f"unknown topic {key!r} (add a [[topic]] with this id first)")
            continue
        value = entry.text(key)
        if len(value) > MAX_FACT:
            entry.fail(key, f"{key!r} is {len(value)} characters; keep a fact under {MAX_FACT}")
        sold = sizes.get(sku)
        unsold = [v for v in sizes_stated(value) if v not in sold] if sold else []
        if unsold:  # 110/120/130/140/150 of a hoodie sold in 100-140: the shopper is misled
            entry.fail(
                key,
                f"{key!r} names size {'、'.join(dict.fromkeys(unsold))}, which {sku} is not sold"
                f" in (its {SIZE_SPEC}: {'|'.join(sold or ())})",
            )
        facts[key] = value
    return sku, facts


def _attribute(entry: Entry) -> AttributeWords | None:
    entry.check_keys({"name", "value", "words"})
    words = AttributeWords(
        entry.text("name"), entry.text("value"), entry.texts("words", required=True)
    )
    return words if entry.ok else None


def _recipient(entry: Entry, tags: set[str] | None) -> RecipientWords | None:
    entry.check_keys({"tag", "words", "from_age"})
    tag = entry.text("tag")
    if tag and tags is not None and tag not in tags:
        entry.fail("tag", f"no product is tagged {tag!r} in products.csv")
    age = entry.whole("from_age", minimum=1) if "from_age" in entry.data else None
    words = RecipientWords(tag, entry.texts("words", required=True), age)
    return words if entry.ok else None


@dataclass(frozen=True, slots=True)
class Facts:
    topics: MappingProxyType[str, Topic] = field(default_factory=lambda: MappingProxyType({}))
    by_sku: dict[str, MappingProxyType[str, str]] = field(default_factory=dict)
    attribute_words: tuple[AttributeWords, ...] = ()
    recipient_words: tuple[RecipientWords, ...] = ()


def load_facts(
    path: Path,
    skus: set[str] | None,
    problems: Problems,
    sizes: Mapping[str, tuple[str, ...]] | None = None,
    tags: set[str] | None = None,
) -> Facts:
    """Topics by id, facts by SKU and attribute words; the file is optional. `skus` are the
    SKUs products.csv names (None: they cannot be judged, so unknown SKUs are not reported);
    `sizes` each product's 尺码 values, which the sizes a fact lists must be among; `tags` the
    tags of products.csv, which a [[recipient]] must name one of (None: not judged)."""
    if not path.exists():
        return Facts()
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return Facts()
    topics: dict[str, Topic] = {}
    for entry in entries(doc, "topic", problems):
        topic = _topic(entry)
        if topic is not None and topic.id in topics:
            entry.fail("id", f"topic {topic.id!r} is defined twice")
        elif topic is not None:
            topics[topic.id] = topic
    facts: dict[str, MappingProxyType[str, str]] = {}
    for entry in entries(doc, "product", problems):
        sku, found = _facts(entry, topics, skus, sizes or {})
        if sku in facts:
            entry.fail("sku", f"facts for {sku!r} are given twice")
        elif entry.ok:
            facts[sku] = MappingProxyType(found)
    attributes = [_attribute(entry) for entry in entries(doc, "attribute", problems)]
    words = tuple(a for a in attributes if a is not None)
    recipients = [_recipient(entry, tags) for entry in entries(doc, "recipient", problems)]
    whom = tuple(r for r in recipients if r is not None)
    return Facts(MappingProxyType(topics), facts, words, whom)
