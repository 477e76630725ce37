"""The matcher: intents, bands, FAQ answers, products, bad input, and bounded work per message."""

from __future__ import annotations

import json
import random

import pytest

from knowledge import INTENT_IDS, Matcher, MatchResult


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("你好", "greeting"),
        ("亲 在吗", "greeting"),
        ("好的 谢谢", "thanks_bye"),
        ("转人工", "human_agent"),
        ("有没有卖车厘子的", "product_search"),
        ("推荐一款充电宝", "product_search"),
        ("充电宝能带上飞机吗", "product_info"),
        ("车厘子多少钱", "price_promo"),
        ("有优惠券吗", "price_promo"),
        ("怎么下单", "place_order"),
        ("我要买两件白色T恤", "place_order"),
        ("可以用支付宝吗", "payment"),
        ("我的快递到哪了", "order_status"),
        ("怎么还没发货", "order_status"),
        ("收货地址写错了", "modify_order"),
        ("帮我取消订单", "cancel_order"),
        ("还没发货 不想要了", "cancel_order"),  # not shipped yet: a cancellation, not a return
        ("我要退货", "return_refund"),
        ("退款什么时候到账", "return_refund"),
        ("怎么开发票", "invoice"),
        ("耳机一边没声音", "install_repair"),
        ("怎么修改登录密码", "other"),
    ],
)
def test_clear_messages_are_acted_on(matcher: Matcher, text: str, intent: str) -> None:
    result = matcher.match(text)
    assert (result.intent, result.band) == (intent, "act"), result.alternatives
    assert 0.0 <= result.score <= 1.0


def test_a_concrete_ask_beats_a_greeting_and_a_request_for_a_human(matcher: Matcher) -> None:
    assert matcher.match("你好 我的快递到哪了").intent == "order_status"
    assert matcher.match("你好 人工").intent == "human_agent"
    assert matcher.match("人工 发票抬头开错了").intent == "invoice"


def test_synonyms_reach_the_keywords(matcher: Matcher) -> None:
    # 退掉 is a synonym of 退货 in synonyms.txt; 包裹 of 快递.
    assert matcher.match("这个我想退掉").intent == "return_refund"
    assert matcher.match("包裹到哪了").intent == "order_status"


@pytest.mark.parametrize(
    ("text", "faq_id"),
    [
        ("你们能开专票吗?", "invoice.special"),  # a paraphrase, not a listed question
        ("运费险怎么赔", "return.insurance"),
        ("退货运费谁承担", "return.shipping_fee"),
        ("发票多久能收到", "invoice.when"),
    ],
)
def test_faq_answer_comes_with_its_intent(matcher: Matcher, text: str, faq_id: str) -> None:
    result = matcher.match(text)
    assert result.faq is not None and result.faq.id == faq_id
    assert result.faq.answer and result.faq.score >= matcher.thresholds.faq_min
    assert result.intent == matcher.kb.faqs[faq_id].intent


def test_two_asks_at_once_are_clarified(matcher: Matcher) -> None:
    result = matcher.match("我要退货 还要开发票")
    assert result.band == "clarify"
    assert {result.intent, result.alternatives[0][0]} == {"return_refund", "invoice"}


def test_two_equally_good_products_are_clarified(matcher: Matcher) -> None:
    result = matcher.match("卫衣有XL码吗")
    assert result.intent == "product_info" and result.band == "clarify"
    assert [p.sku for p in result.products[:2]] == ["AP-1002", "AP-1017"]


def test_a_named_product_is_found_by_alias(matcher: Matcher) -> None:
    result = matcher.match("樱桃")
    assert (result.intent, result.band) == ("product_search", "act")
    assert result.products[0].sku == "FR-4001" and result.entities.skus == ("FR-4001",)


def test_something_the_shop_does_not_know_falls_back(matcher: Matcher) -> None:
    for text in ("今天天气怎么样", "asdfgh qwerty", "量子力学的基本原理"):
        result = matcher.match(text)
        assert (result.intent, result.band, result.faq) == ("other", "fallback", None), text


def test_the_weather_is_nothing_the_shop_does(matcher: Matcher) -> None:
    """天气 is a hint of `other`: a weather question is never read as a product question (its
    怎么样 is not 质量怎么样), whether the matcher is sure of it (act) or falls back."""
    for text in ("天气怎么样", "今天天气怎么样呀", "你们那边天气咋样"):
        result = matcher.match(text)
        assert (result.intent, result.faq) == ("other", None), (text, result.alternatives)


def test_fallback_keeps_the_guesses_in_alternatives(matcher: Matcher) -> None:
    result = matcher.match("今天天气怎么样")
    assert result.band == "fallback" and result.alternatives
    assert all(intent in INTENT_IDS for intent, _ in result.alternatives)
    # below the threshold, or no further ahead of "nothing the shop does" than the margin
    other = dict(result.alternatives).get("other", 0.0)
    t = matcher.thresholds
    assert result.score < t.fallback_below or result.score - other < t.margin


def test_json_shape(matcher: Matcher) -> None:
    data = matcher.match("订单SB202401010001 改地址 13812345678").to_json()
    assert set(data) == {
        "text",
        "intent",
        "score",
        "band",
        "faq",
        "products",
        "entities",
        "alternatives",
        "scored",
        "wants",
        "topic",
        "topics",
        "unsold",
        "answers",
    }
    assert data["intent"] == "modify_order"
    assert data["entities"]["order_no"] == "SB202401010001"  # type: ignore[index]
    assert data["entities"]["phone"] == "13812345678"  # type: ignore[index]
    json.dumps(data, ensure_ascii=False)


BAD_INPUTS = [
    "",
    "   \t\n  ",
    "😂😂😂👍🏻🎉",
    "x" * 10_000,
    "好" * 10_000,
    "Привет こんにちは مرحبا שלום",
    "\x00\x01\x02\x1b[31m\x7f\u200b\ufeff",
    "\ud800",  # a lone surrogate, as a broken client may send
    "[微笑][微笑][捂脸]",
    "!!!???。。。，，，",
]


@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_falls_back_without_searching(matcher: Matcher, text: str) -> None:
    """Quick by construction (no timing here: that is bench/'s job): nothing is re-ranked."""
    result = matcher.match(text)
    assert (result.intent, result.band, result.scored) == ("other", "fallback", 0)
    assert isinstance(result, MatchResult)
    json.dumps(result.to_json(), ensure_ascii=False)


def test_non_text_input_does_not_raise(matcher: Matcher) -> None:
    assert matcher.match(None).band == "fallback"  # type: ignore[arg-type]
    assert matcher.extract(b"bytes").skus == ()  # type: ignore[arg-type]


def test_random_unicode_never_raises(matcher: Matcher) -> None:
    rng = random.Random(20240601)
    pools = [
        "退货发票快递你好在吗人工两三斤件",
        "abcXYZ0123456789 -_/",
        "😂👍🏻\u200d\ufe0f",
        "\x00\x1f\x7f",
    ]
    for _ in range(300):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 60)))
        text += chr(rng.randint(0x20, 0x2FFFF))
        result = matcher.match(text)
        assert result.band in ("act", "clarify", "fallback")
        assert result.intent in INTENT_IDS


def test_a_long_letter_falls_back_but_keeps_its_entities(matcher: Matcher) -> None:
    letter = "我的订单SB202401010001一直没到，电话13812345678。" + "情况是这样的，" * 80
    result = matcher.match(letter)
    assert result.band == "fallback"
    assert (result.entities.order_no, result.entities.phone) == ("SB202401010001", "13812345678")


def test_work_per_message_is_bounded(matcher: Matcher) -> None:
    """The re-ranker sees a few dozen candidates, whatever the message."""
    for text in (
        "有没有卖车厘子的",
        "充电宝",
        "我要退货 还要开发票",
        "手机壳 数据线 充电器 耳机 鼠标",
    ):
        assert 0 < matcher.match(text).scored <= 3 * 40


def test_a_size_asked_about_is_not_a_thing_the_shop_does_not_sell(matcher: Matcher) -> None:
    assert matcher.match("卫衣有XL码吗").unsold is None
    assert matcher.match("有iPhone15卖吗").unsold == "iphone15"
    assert matcher.match("你们有没有卖手机的").unsold == "手机"


def test_a_spec_or_a_price_wish_is_not_a_thing_the_shop_does_not_sell(matcher: Matcher) -> None:
    for text in ("有什么颜色", "有没有便宜点的", "有几种容量", "有什么尺码"):
        assert matcher.match(text).unsold is None, text
    assert matcher.match("有没有猫粮").unsold == "猫粮"
    assert matcher.match("有洗碗机吗").unsold == "洗碗机"
