"""A count corrected after the cart was left ("不对 2包就够了" at the receiver's questions or the
confirmation): the line's count changes and the new total is said. The address question took
"2包就够了" for a too-short address, and the count readers did not run at the name, phone and
address questions; with several lines and nothing saying which, the last one was guessed."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_a_count_said_again_at_the_receiver_questions(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买3包抽纸
        < ×3
        > 结算
        < 收货人姓名
        > 王五
        < 手机号
        > 13700002222
        < 收货地址
        > 不对 2包就够了
        < 已把原木抽纸24包改成2件
        < 现在合计：¥99.80
        <! 地址好像不完整
        > 1包就够了
        < 已把原木抽纸24包改成1件
        <! 地址好像不完整
        > 北京市朝阳区建国路1号
        < ×1
        < 应付：¥55.90
        """
    )


async def test_the_same_count_again_is_no_address(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买2包抽纸
        < ×2
        > 结算
        < 收货人姓名
        > 王五 13700002222
        < 收货地址
        > 不是3包 是2包
        < 已经是2件了
        <! 地址好像不完整
        """
    )


async def test_several_lines_ask_which_one_at_the_confirmation(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 买1包抽纸 再来一个黑色500ml保温杯
        < 保温杯
        > 结算
        < 收货人姓名
        > 王五 13700002222 北京市朝阳区建国路1号
        < 请核对订单
        > 不对 2个就够了
        < 要把哪件改成2件
        <! 已把
        > 第2件改成2件
        < 已把316不锈钢保温杯改成2件
        < ×2  ¥198.00
        """
    )
