"""A reply says each sentence once, whatever parts and sources it was put together from."""

from __future__ import annotations

from bot.protocol import Article, ImageReply, NewsReply, TextReply
from bot.said_once import key, said_once


def _texts(*texts: str) -> list[str]:
    return [r.text for r in said_once([TextReply(t) for t in texts]) if isinstance(r, TextReply)]


def test_a_sentence_said_again_in_a_later_part_is_left_out() -> None:
    gift = "下单时发“备注”加祝福语，我们免费手写贺卡。"
    faq = "可以：下单时发“备注”加祝福语，我们免费手写贺卡；送礼订单不放价格单。"
    assert _texts(f"这条围巾没有礼盒。{gift}", faq) == [
        f"这条围巾没有礼盒。{gift}",
        "送礼订单不放价格单。",
    ]


def test_sentences_are_compared_normalised() -> None:
    assert key("可以：单只约２３０Ｇ！") == key("单只约230g。")
    assert _texts("保温12小时。", "保温 12 小时～") == ["保温12小时。"]


def test_the_same_sentence_twice_in_one_text_is_said_once() -> None:
    assert _texts("单只约230g。\n单只约230g。\n\n回复“买”下单。") == [
        "单只约230g。\n\n回复“买”下单。"
    ]


def test_a_part_left_with_nothing_new_is_dropped() -> None:
    assert _texts("可自行裁剪长度。", "可自行裁剪长度。") == ["可自行裁剪长度。"]


def test_a_card_does_not_repeat_the_answer_before_it() -> None:
    card = NewsReply((Article("跑步鞋", "有货\n飞织鞋面，单只约230g。\n回复“买”下单。"),))
    replies = said_once([TextReply("单只约230g。"), card, ImageReply("m1")])
    assert replies[0] == TextReply("单只约230g。")
    assert isinstance(replies[1], NewsReply)
    assert replies[1].articles[0].description == "有货\n飞织鞋面。\n回复“买”下单。"
    assert replies[2] == ImageReply("m1")


def test_a_sentence_said_before_as_a_clause_is_not_said_again() -> None:
    assert _texts("头层牛皮，可自行裁剪长度。", "可自行裁剪长度。") == [
        "头层牛皮，可自行裁剪长度。"
    ]


def test_short_answers_may_stand_twice() -> None:
    """Two questions may both be answered "可以" or "有货": each is the answer to its part."""
    assert _texts("1. 可以。\n2. 可以。", "有货。") == ["1. 可以。\n2. 可以。", "有货。"]


def test_a_reply_with_nothing_said_twice_is_unchanged() -> None:
    text = "在的，您说～😊\n  · 查物流\n  · 售后"
    assert _texts(text) == [text]


def test_a_numbered_answer_is_the_same_sentence_unnumbered() -> None:
    assert key("2. 质量问题由我们承担运费。") == key("质量问题由我们承担运费。")
