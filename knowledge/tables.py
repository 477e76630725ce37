"""The TOML and text knowledge files: shop, FAQ, intents, synonyms, promotions and coupons."""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.entries import Entry, entries
from knowledge.model import INTENT_IDS, Coupon, Faq, Intent, Promotion, SynonymGroup
from knowledge.sources import Problems, TomlFile, read_text

_FAQ_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_COUPON = re.compile(r"^[A-Za-z0-9]{4,20}$")
_SYNONYM_SEP = re.compile(r"[\s,，、]+")


def load_shop(path: Path, problems: Problems) -> tuple[str, list[str]]:
    """The shop's display name and its categories in display order."""
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return "", []
    entry = Entry(doc, "shop", -1, doc.data.get("shop"), problems)
    entry.check_keys({"name", "categories"})
    name = entry.text("name")
    categories = entry.texts("categories", required=True)
    if len(set(categories)) != len(categories):
        entry.fail("categories", "categories lists a name twice")
    return name, list(categories)


def _faq(entry: Entry, seen_questions: dict[str, str]) -> Faq | None:
    entry.check_keys({"id", "intent", "questions", "answer", "needs"})
    faq_id = entry.text("id")
    if faq_id and not _FAQ_ID.match(faq_id):
        entry.fail("id", f"FAQ id {faq_id!r}: use lower-case letters, digits, '_', '-' or '.'")
    intent = entry.text("intent", required=False) or None
    if intent and intent not in INTENT_IDS:
        entry.fail("intent", f"unknown intent {intent!r}")
    questions = entry.texts("questions", required=True)
    needs = tuple(tuple(w for w in group.split("|") if w) for group in entry.texts("needs"))
    for question in questions:
        key = "".join(question.casefold().split())
        owner = seen_questions.setdefault(key, faq_id)
        if owner != faq_id:
            entry.fail("questions", f"question {question!r} also belongs to {owner!r}", question)
        else:
            _check_needs(entry, question, needs)
    answer = entry.text("answer")
    return Faq(faq_id, questions, answer, intent, needs) if entry.ok else None


def _check_needs(entry: Entry, question: str, needs: tuple[tuple[str, ...], ...]) -> None:
    """An FAQ's own question must say what its answer `needs`, or the answer could never fit."""
    said = question.casefold()
    for group in needs:
        if not any(word.casefold() in said for word in group):
            message = f"question {question!r} says none of {'|'.join(group)!r} (needs)"
            entry.fail("questions", message, question)


def load_faqs(path: Path, problems: Problems) -> dict[str, Faq]:
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return {}
    faqs: dict[str, Faq] = {}
    seen_questions: dict[str, str] = {}
    for entry in entries(doc, "faq", problems):
        faq = _faq(entry, seen_questions)
        if faq is None:
            continue
        if faq.id in faqs:
            entry.fail("id", f"duplicate FAQ id {faq.id!r}")
        else:
            faqs[faq.id] = faq
    return faqs


def _patterns(entry: Entry) -> tuple[str, ...]:
    patterns = entry.texts("patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            entry.fail("patterns", f"bad regular expression {pattern!r}: {exc}", pattern)
    return patterns


def _intent(entry: Entry) -> Intent | None:
    entry.check_keys({"id", "weak", "keywords", "hints", "patterns", "examples"})
    intent_id = entry.text("id")
    if intent_id and intent_id not in INTENT_IDS:
        entry.fail("id", f"unknown intent {intent_id!r} (the ids are fixed: see README)")
    intent = Intent(
        id=intent_id,
        examples=entry.texts("examples"),
        keywords=entry.texts("keywords"),
        hints=entry.texts("hints"),
        patterns=_patterns(entry),
        weak=entry.flag("weak"),
    )
    if intent_id != "other" and not (intent.examples or intent.keywords):
        entry.fail(None, f"intent {intent_id!r} needs examples or keywords")
    return intent if entry.ok else None


def load_noise(doc: TomlFile, problems: Problems) -> tuple[str, ...]:
    """`[noise] patterns`: text a shopper's app pastes in that carries no ask (order cards,
    button labels). Regular expressions over the normalised message, checked here."""
    if "noise" not in doc.data:
        return ()
    entry = Entry(doc, "noise", -1, doc.data.get("noise"), problems)
    entry.check_keys({"patterns"})
    return _patterns(entry)


def load_intents(path: Path, problems: Problems) -> tuple[dict[str, Intent], tuple[str, ...]]:
    """The intents by id, and the noise patterns of the same file."""
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return {}, ()
    intents: dict[str, Intent] = {}
    written: set[object] = set()
    for entry in entries(doc, "intent", problems):
        written.add(entry.data.get("id"))
        intent = _intent(entry)
        if intent is not None and intent.id in intents:
            entry.fail("id", f"intent {intent.id!r} is defined twice")
        elif intent is not None:
            intents[intent.id] = intent
    absent = [i for i in INTENT_IDS if i not in written and i != "other"]
    if absent:
        problems.add(doc.name, 1, f"intents missing: {', '.join(absent)}")
    intents.setdefault("other", Intent("other"))
    return intents, load_noise(doc, problems)


def load_synonyms(path: Path, problems: Problems) -> tuple[SynonymGroup, ...]:
    """One group a line, words split by spaces or commas; the first word is the canonical one."""
    text = read_text(path, problems)
    if text is None:
        return ()
    groups: list[SynonymGroup] = []
    owner: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        terms = tuple(t for t in _SYNONYM_SEP.split(raw.split("#", 1)[0].strip()) if t)
        if not terms:
            continue
        if len(terms) < 2:
            problems.add(str(path), number, f"{terms[0]!r} has no synonym on its line")
            continue
        for term in terms:
            first = owner.setdefault(term.casefold(), number)
            if first != number:
                problems.add(str(path), number, f"{term!r} is already in the group on line {first}")
        groups.append(SynonymGroup(terms[0], terms))
    return tuple(groups)


def _categories(entry: Entry, known: set[str]) -> tuple[str, ...]:
    categories = entry.texts("categories")
    for category in categories:
        if known and category not in known:
            entry.fail("categories", f"unknown category {category!r}", category)
    return categories


def _promotion(entry: Entry, known: set[str]) -> Promotion | None:
    entry.check_keys(
        {"id", "title", "threshold_fen", "discount_fen", "starts", "ends", "categories"}
    )
    threshold, discount = (
        entry.whole("threshold_fen", minimum=1),
        entry.whole("discount_fen", minimum=1),
    )
    if entry.ok and discount >= threshold:
        entry.fail("discount_fen", "discount_fen must be less than threshold_fen")
    promotion = Promotion(
        id=entry.text("id"),
        title=entry.text("title"),
        threshold_fen=threshold,
        discount_fen=discount,
        starts=entry.day("starts"),
        ends=entry.day("ends") if "ends" in entry.data else None,
        categories=_categories(entry, known),
    )
    if entry.ok and promotion.ends is not None and promotion.ends < promotion.starts:
        entry.fail("ends", "ends before it starts")
    return promotion if entry.ok else None


def _coupon(entry: Entry, known: set[str]) -> Coupon | None:
    entry.check_keys(
        {"code", "title", "discount_fen", "min_spend_fen", "starts", "ends", "categories"}
    )
    code = entry.text("code")
    if code and not _COUPON.match(code):
        entry.fail("code", f"coupon code {code!r} must be 4-20 letters or digits")
    discount = entry.whole("discount_fen", minimum=1)
    min_spend = entry.whole("min_spend_fen") if "min_spend_fen" in entry.data else 0
    if entry.ok and min_spend and discount >= min_spend:
        entry.fail("discount_fen", "discount_fen must be less than min_spend_fen")
    coupon = Coupon(
        code=code.upper(),
        title=entry.text("title"),
        discount_fen=discount,
        min_spend_fen=min_spend,
        starts=entry.day("starts"),
        ends=entry.day("ends") if "ends" in entry.data else None,
        categories=_categories(entry, known),
    )
    if entry.ok and coupon.ends is not None and coupon.ends < coupon.starts:
        entry.fail("ends", "ends before it starts")
    return coupon if entry.ok else None


def load_promotions(
    path: Path, known: set[str], problems: Problems
) -> tuple[tuple[Promotion, ...], dict[str, Coupon]]:
    """Promotions and coupons; the file is optional (a shop may run none)."""
    if not path.exists():
        return (), {}
    doc = TomlFile.parse(path, problems)
    if doc is None:
        return (), {}
    promotions: list[Promotion] = []
    for entry in entries(doc, "promotion", problems):
        promotion = _promotion(entry, known)
        if promotion is not None and any(p.id == promotion.id for p in promotions):
            entry.fail("id", f"duplicate promotion id {promotion.id!r}")
        elif promotion is not None:
            promotions.append(promotion)
    coupons: dict[str, Coupon] = {}
    for entry in entries(doc, "coupon", problems):
        coupon = _coupon(entry, known)
        if coupon is not None and coupon.code in coupons:
            entry.fail("code", f"duplicate coupon code {coupon.code!r}")
        elif coupon is not None:
            coupons[coupon.code] = coupon
    return tuple(promotions), coupons
