"""The question similarity: what two questions share, less what makes their answers differ."""

from __future__ import annotations

import pytest

from knowledge.lexicon import Lexicon
from knowledge.similarity import ASK_PENALTY, PhraseScorer, contrast, contrast_marks

CORPUS = [
    "为什么不能开通",
    "为什么能开通",
    "什么时候能开通",
    "怎么开通",
    "能开专票吗",
    "包邮吗",
    "发货了吗",
    "为什么我没有额度",
]


@pytest.fixture(scope="module")
def similar():
    lexicon = Lexicon([], [])
    scorer = PhraseScorer([(t, lexicon.tokens(t)) for t in CORPUS])

    def score(a: str, b: str) -> float:
        pa = scorer.phrase(a, lexicon.tokens(a))
        pb = scorer.phrase(b, lexicon.tokens(b))
        return scorer.similarity(pa, pb)

    return score


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("为什么不能开通", True),
        ("我没有收到", True),
        ("为什么没有", True),
        ("能不能开专票", False),
        ("有没有优惠", False),
        ("包邮不", False),
        ("发货了没有", False),
        ("可以开专票", False),
    ],
)
def test_negation_is_told_from_a_question(text: str, negated: bool) -> None:
    assert contrast_marks(text).negated is negated


def test_question_kinds() -> None:
    assert contrast_marks("怎么会扣款").asks == {"why"}
    assert contrast_marks("什么时候到").asks == {"when"}
    assert contrast_marks("运费多少").asks == {"much"}
    assert contrast_marks("专票").asks == frozenset()


def test_a_negation_on_one_side_lowers_the_score(similar) -> None:
    assert similar("为什么能开通", "为什么能开通") == pytest.approx(1.0)
    opposite = similar("为什么能开通", "为什么不能开通")
    assert opposite < 0.7
    # The same pair without the penalty would be far closer than an unrelated ask.
    assert similar("为什么不能开通", "为什么不能开通了") > opposite


def test_a_final_bu_is_a_question_not_a_negation(similar) -> None:
    assert similar("包邮不", "包邮吗") > 0.6


def test_different_question_kinds_lower_the_score(similar) -> None:
    when, why = contrast_marks("什么时候能开通"), contrast_marks("为什么能开通")
    assert contrast(when, why) == pytest.approx(1.0 - ASK_PENALTY)
    assert contrast(when, contrast_marks("几天能开通")) == 1.0
    assert similar("什么时候能开通", "为什么能开通") < 0.75 * similar(
        "什么时候能开通", "什么时候能开通"
    )
    # A question with no question word is never penalised for it.
    assert similar("开通", "怎么开通") > similar("为什么开通", "怎么开通")
