"""Kinds of shopper messages the intent rules read wrong, each a shape of sentence rather than one
wording: a yes/no keyword ended with 么 or 嘛 instead of 吗, a comparison between two variants, a
parcel that came short, a better one asked for with 比…更, and a delivery day asked to move after
the day it was planned for."""

from __future__ import annotations

import pytest

from knowledge import Matcher


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("你好 请问有货么", "product_info"),
        ("亲 到了么", "order_status"),
        ("你好 到了嘛", "order_status"),
    ],
)
def test_a_keyword_asked_with_me_or_ma_is_that_ask(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.match(text).intent == intent


@pytest.mark.parametrize(
    "text", ["这件比那件厚多少", "XL比L长多少", "黑色比白色大吗", "大号比中号重很多吗"]
)
def test_comparing_two_variants_is_a_product_question(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert (result.intent, result.band) == ("product_info", "act")


@pytest.mark.parametrize(
    "text", ["买了4个只收到3个", "订了两箱就来了一箱", "一共三件 才收到两件", "要的5瓶 就送来4瓶"]
)
def test_a_parcel_that_came_short_is_order_status(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "order_status"


@pytest.mark.parametrize(
    "text", ["还有比这款更轻的吗", "有没有比这个还要结实的", "有比上次那个更好用的吗"]
)
def test_asking_for_a_better_one_is_a_search(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "product_search"


@pytest.mark.parametrize(
    "text",
    ["原本今天送的 能不能后天再送", "原定今天送的 可以明天送货吗", "本来今天送的 我不在 明天送吧"],
)
def test_moving_the_planned_delivery_day_is_a_change(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "modify_order"


@pytest.mark.parametrize("text", ["说好今天送的怎么还没来", "今天能送到吗", "买了两件 什么时候发"])
def test_chasing_a_delivery_stays_order_status(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "order_status"


@pytest.mark.parametrize(
    "text",
    ["看下我的订单 我买完就便宜了", "这个订单付完就打折了 怎么回事", "我的订单呢 刚下完单就降了"],
)
def test_a_price_drop_right_after_buying_is_price_protection(matcher: Matcher, text: str) -> None:
    """The order is named because the price fell after it: the ask is 价保, not where it is."""
    result = matcher.match(text)
    assert (result.intent, result.band) == ("price_promo", "act")


@pytest.mark.parametrize(
    "text",
    ["说好不要的 怎么还是给我寄出了", "要求取消了 为啥还是发货了", "来不及送到的话就取消吧"],
)
def test_an_unwanted_order_shipped_anyway_is_a_cancellation(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert (result.intent, result.band) == ("cancel_order", "act")


@pytest.mark.parametrize("text", ["尽量选个大点的", "给我发些新鲜点的", "帮我挑个熟一点的"])
def test_asking_the_shop_to_pick_a_better_piece_is_a_product_request(
    matcher: Matcher, text: str
) -> None:
    """Labelling guide R15: a wish about the piece sent (熟一点, 大点) is about the product."""
    result = matcher.match(text)
    assert (result.intent, result.band) == ("product_info", "act")


@pytest.mark.parametrize("text", ["那我等着", "行 我就等着吧", "好 那我慢慢等"])
def test_saying_one_will_wait_is_a_goodbye(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "thanks_bye"


@pytest.mark.parametrize("text", ["等着送人的 能快点吗", "我等着用呢 什么时候到"])
def test_waiting_for_a_parcel_is_still_asking_after_it(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "order_status"


@pytest.mark.parametrize(
    "text",
    [
        "其他没有了 订单已经取消了 谢谢",
        "好的 谢谢 地址改好了",
        "发票收到了 谢谢",
        "谢谢 安装师傅来过了",
    ],
)
def test_thanks_for_something_done_is_a_goodbye(matcher: Matcher, text: str) -> None:
    """Labelling guide R13: an acknowledgement that says what has happened asks nothing."""
    assert matcher.match(text).intent == "thanks_bye"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("这单不要了 谢谢", "cancel_order"),
        ("帮我取消了吧 谢谢", "cancel_order"),
        ("谢谢 那订单取消了没有", "cancel_order"),
        ("已经付款了 谢谢 什么时候发货", "order_status"),
        ("麻烦帮我改一下地址 谢谢", "modify_order"),
    ],
)
def test_thanks_beside_a_request_or_question_keeps_the_ask(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.match(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "SB20261204000123 这个还有货吗",
        "订单编号:5521983004 请问什么时候有货",
        "我下的单 SB20261130998877 是不是缺货了",
    ],
)
def test_stock_asked_beside_a_placed_order_is_its_status(matcher: Matcher, text: str) -> None:
    """Labelling guide R9: with the order in the message, 有货吗 asks when that order ships."""
    assert matcher.match(text).intent == "order_status"


@pytest.mark.parametrize("text", ["这个还有货吗", "什么时候有货", "白色的缺货了吗"])
def test_stock_asked_before_buying_is_a_product_question(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).intent == "product_info"


@pytest.mark.parametrize(
    "text", ["想买这款 洗起来麻烦吗", "打算买这个 自己能装吗", "准备买这件 会不会起球"]
)
def test_a_question_about_the_one_about_to_be_bought_is_about_it(
    matcher: Matcher, text: str
) -> None:
    """想买这款 names no kind of thing to look for: the question after it is about this one."""
    result = matcher.match(text)
    assert (result.intent, result.band) == ("product_info", "act")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("要开个人的", "invoice"),
        ("要填公司的 我填成个人的了", "invoice"),
        ("来一箱", "place_order"),
    ],
)
def test_only_a_thing_after_yao_makes_an_order_command(
    matcher: Matcher, text: str, intent: str
) -> None:
    """要 before another verb (要开, 要填) is no "I'll take …"."""
    result = matcher.match(text)
    assert (result.intent, result.band) == (intent, "act")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("买错了想退", "return_refund"),
        ("买的鞋子磨脚想换", "return_refund"),
        ("买多了 取消一个", "cancel_order"),
        ("买的油烟机还没人来安", "install_repair"),
    ],
)
def test_a_message_starting_with_mai_about_a_bought_thing_is_no_order_command(
    matcher: Matcher, text: str, intent: str
) -> None:
    """买 + what went wrong with it (买错了, 买多了, 还没人来安) is after the purchase."""
    result = matcher.match(text)
    assert (result.intent, result.band) == (intent, "act")


@pytest.mark.parametrize("text", ["我想改一下售后", "售后单填的不对 要改"])
def test_changing_an_after_sales_request_is_about_the_return(matcher: Matcher, text: str) -> None:
    """改 beside 售后 changes the after-sales request, not the order (labelling guide R6)."""
    result = matcher.match(text)
    assert result.intent == "return_refund"
    assert result.band != "fallback"
