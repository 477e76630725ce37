"""Size advice for a height or a weight ("170穿什么码", "我120斤穿多大") from the product's size
chart (facts.toml topic 尺码表), on its card and at the order form's size question (which stays
open); without a chart, an honest "not sure" with a human offered."""

from __future__ import annotations

from bot.dialogs.size_advice import Body, advice, asks_size_for, body_in, chart_of
from knowledge.model import Product
from tests.dialogs.transcript import Shop


async def test_on_a_card_the_chart_gives_the_size(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有T恤吗
        < [图文] 纯棉圆领短袖T恤
        > 170穿什么码
        < 170cm的话建议选M
        <! 回复“买”下单
        > 我120斤穿多大
        < 120斤的话建议选M
        <! 尺码：S / M / L / XL / XXL
        > 身高175 体重160斤选哪个码
        < 按身高是L，按体重是XL，建议选大一码的XL
        """
    )


async def test_at_the_size_question_the_advice_keeps_the_question_open(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件重磅连帽卫衣
        < 请选择颜色
        > 燕麦色
        < 请选择尺码
        > 我175cm 140斤
        < 175cm、140斤的话建议选L
        < 请选择尺码
        <! 最多可以买99件
        > L
        < 重磅连帽卫衣（颜色:燕麦色 尺码:L） ×1
        """
    )


async def test_without_a_chart_the_bot_is_not_sure(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 开衫
        < [图文] 羊毛混纺针织开衫
        > 170穿什么码
        < 没有尺码表，我不太确定
        < 人工
        <! 尺码：S / M / L
        """
    )


def test_bodies_and_charts_are_read() -> None:
    assert body_in("我一米七二") == Body(172, None)
    assert body_in("1.65米 55kg") == Body(165, 110.0)
    assert body_in("要150件") is None
    assert asks_size_for("170穿什么码") == Body(170, None)
    assert asks_size_for("170块能便宜吗") is None
    shirt = Product(
        "X", "衬衫", "服饰", "", 100, 1,
        specs={"尺码": ("M", "L")},
        facts={"尺码表": "M：160-170cm，50-60kg；L：170-180cm，120-140斤"},
    )  # fmt: skip
    assert [r.size for r in chart_of(shirt)] == ["M", "L"]
    assert chart_of(shirt)[0].weight == (100.0, 120.0)
    assert "建议选L" in advice(Body(175, None), shirt)
    assert "不在这款的尺码表里" in advice(Body(195, None), shirt)
