"""The receiver's name is only ever a name: "快点啊" at the name question was taken as the
receiver (and the real name next came as a correction), and "那寄深圳 陈刚 136… 地址" gave the
name "那寄深圳": the words left over after 陈刚 was found beside the phone overwrote it."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_impatience_is_no_name(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:name")
    for said in ("快点啊", "能不能快点", "赶紧的"):
        await chat.run(
            f"""
            > {said}
            < 抱歉让您久等了
            < 请告诉我收货人姓名
            <! 手机号是多少
            """
        )
    await chat.run(
        """
        > 林峰 13988889999 广东省广州市天河区天河路200号
        < 林* 139****9999
        <! 已把收货人改成
        """
    )


async def test_lead_in_words_are_no_part_of_the_name(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.reach("order:name")
    await chat.run(
        """
        > 那寄深圳 陈刚 13600003333 广东省深圳市南山区科技园南路9号
        < 收货人：陈* 136****3333
        <! 那*
        """
    )
    other = shop.chat()
    await other.reach("order:name")
    await other.run(
        """
        > 发北京 王芳 13812345678 北京市朝阳区建国路1号
        < 收货人：王* 138****5678
        """
    )
    spaced = shop.chat()
    await spaced.reach("order:name")
    await spaced.run(
        """
        > 那就寄给 李四
        < 手机号是多少
        """
    )
    assert (await spaced.state()) == "order:phone"


async def test_urging_the_parcel_is_still_not_small_talk(make_shop) -> None:  # noqa: F811
    shop: Shop = await make_shop()
    chat = shop.chat()
    await chat.run(
        """
        > 快点 我要买抽纸
        < 原木抽纸24包
        < 要买几件
        """
    )
