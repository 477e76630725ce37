"""A correction said inside one message keeps what was said last ("电话138… 哦不对 是139…" took
the first number), and "收件人还是我" / "收件人不变" keep the receiver (they became the name)."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop

T_SHIRT = "我要一件黑色M码的T恤"


@pytest.mark.parametrize(
    ("said", "masked", "kept"),
    [
        ("电话13811112222 哦不对打错了 是13811112223", "138****2223", "13811112223"),
        ("手机13700003333 不对 应该是13700003344", "137****3344", "13700003344"),
        ("电话不是13566667777 是13566667788", "135****7788", "13566667788"),
    ],
)
async def test_the_last_phone_after_a_correction_word_is_kept(
    shop: Shop, said: str, masked: str, kept: str
) -> None:
    chat = shop.chat()
    await chat.reach("order:name", T_SHIRT)
    await chat.run(
        f"""
        > 王小燕
        < 手机号
        > {said}
        < {masked}
        <1 记下了
        > 上海市浦东新区张杨路300号
        < 收货人：王** {masked}
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.phone == kept


async def test_the_number_said_first_is_kept_when_the_second_is_denied(shop: Shop) -> None:
    chat = shop.chat()
    await chat.reach("order:phone", T_SHIRT)
    await chat.run(
        """
        > 是13811112222 不是13811112223
        < 收货地址
        > 上海市浦东新区张杨路300号
        < 138****2222
        """
    )


@pytest.mark.parametrize("kept", ["收件人还是我", "收件人不变", "名字不用改", "收货人跟原来一样"])
async def test_the_receiver_said_to_stay_is_kept_with_a_new_address(shop: Shop, kept: str) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)  # receiver 张三
    await chat.run(
        f"""
        > 换个地址 四川省成都市锦江区红星路二段8号 {kept}
        < 已把地址改成四川省成都市锦江区红星路二段8号
        <! 已把收货人改成
        < 收货人：张*
        > {kept}
        < 收货人还是张三
        <! 已把收货人改成
        < 收货人：张*
        > 确认
        < 下单成功
        """
    )
    (order,) = await shop.db.orders.list_orders(chat.user)
    assert order.receiver_name == "张三"
    assert order.address == "四川省成都市锦江区红星路二段8号"


@pytest.mark.parametrize(
    "said", ["好吧 那就这样 确认", "行吧 就这样 确定下单", "那好 提交吧", "好吧 下单"]
)
async def test_a_go_on_word_after_an_acknowledgement_places_the_order(
    shop: Shop, said: str
) -> None:
    chat = shop.chat()
    await chat.reach("order:confirm", T_SHIRT)
    await chat.run(
        f"""
        > {said}
        < 下单成功
        <! 不客气
        """
    )


@pytest.mark.parametrize("said", ["嗯 就它 一件", "好的 就这款 来一件", "行 要这个 两件"])
async def test_a_buy_word_with_a_count_on_a_card_orders(shop: Shop, said: str) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > 针织开衫米白的有吗 M码
        < 有货
        > {said}
        < 已加入购物车
        < 羊毛混纺针织开衫（颜色:米白 尺码:M）
        <! 没太明白
        <! 要买几件
        """
    )


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("要个一万毫安的充电宝 粉的", "10000mAh超薄充电宝（颜色:粉色） ×1"),
        ("来个充电宝 一万毫安 白色", "10000mAh超薄充电宝（颜色:白色） ×1"),
        ("要个两万毫安的充电宝", "20000mAh大容量充电宝"),
    ],
)
async def test_a_measure_said_in_chinese_finds_its_product_and_one_is_bought(
    shop: Shop, said: str, name: str
) -> None:
    chat = shop.chat()
    await chat.run(
        f"""
        > {said}
        < {name}
        <! 您要哪一件
        <! 要买几件
        """
    )
