"""The demo shop's own FAQ evaluation: shopper phrasings, near misses and out-of-scope messages
(faq_eval_dev.tsv, faq_eval_holdout.tsv), and how the matcher's answers to them are counted.

Each message gets one outcome:
- right: the answer the line expects (or, for `!id` and `-`, no forbidden answer);
- wrong: another FAQ's answer, i.e. a confident answer to a different question;
- fallback: no FAQ answer where one was expected (the bot asks, searches or offers a human).
A wrong answer is worse than a fallback, so both rates are reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from knowledge import Matcher, MatchResult

HERE = Path(__file__).resolve().parent
DEV = HERE / "faq_eval_dev.tsv"
HOLDOUT = HERE / "faq_eval_holdout.tsv"
SHOWN_IN_CLARIFY = 0.80
"""A clarify-band FAQ answer the bot still sends (bot/handlers/answers.FAQ_MIN_IN_CLARIFY)."""

Outcome = Literal["right", "wrong", "fallback"]


@dataclass(frozen=True, slots=True)
class Case:
    expect: str
    """A FAQ id, `!id` (anything but it) or `-` (no FAQ answer)."""
    text: str
    line: int


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        expect, text = raw.split("\t")
        cases.append(Case(expect, text, number))
    return cases


def answered(result: MatchResult) -> str | None:
    """The FAQ whose answer the bot sends for this result, if any."""
    if result.answers:
        return result.answers[0].id
    faq = result.faq
    if faq is None:
        return None
    if result.band == "act" or faq.score >= SHOWN_IN_CLARIFY:
        return faq.id
    return None


def outcome(case: Case, got: str | None) -> Outcome:
    if case.expect == "-":
        return "right" if got is None else "wrong"
    if case.expect.startswith("!"):
        return "wrong" if got == case.expect[1:] else "right"
    if got == case.expect:
        return "right"
    return "fallback" if got is None else "wrong"


@dataclass(frozen=True, slots=True)
class Scored:
    case: Case
    got: str | None
    outcome: Outcome


def score(matcher: Matcher, cases: Iterable[Case]) -> list[Scored]:
    scored = []
    for case in cases:
        got = answered(matcher.match(case.text))
        scored.append(Scored(case, got, outcome(case, got)))
    return scored


def rates(scored: list[Scored]) -> dict[str, float]:
    counts = Counter(s.outcome for s in scored)
    n = len(scored) or 1
    return {key: counts[key] / n for key in ("right", "wrong", "fallback")}
