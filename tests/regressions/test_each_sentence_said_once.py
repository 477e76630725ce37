"""No sentence twice in one reply: two parts of a question, or an answer and the card after it,
that say the same thing say it once (bot/said_once.py, applied by the pipeline to every reply)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_the_gift_card_is_said_once_when_two_parts_both_say_it(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 皮带
        < 真皮自动扣腰带
        > 有礼盒吗 能写贺卡吗
        < 没有礼盒包装
        <1 免费手写贺卡
        < 送礼订单不放价格单
        """
    )
    await shop.chat().run(
        """
        > 羊绒围巾
        < 羊绒围巾
        > 带礼盒吗 可以帮忙写张贺卡吗
        <1 免费手写贺卡
        """
    )


async def test_a_measure_answered_is_not_said_again_by_the_card(shop: Shop) -> None:  # noqa: F811
    await shop.chat().run(
        """
        > 跑步鞋多重
        <1 单只约230g
        < 轻便透气跑步鞋
        < 飞织鞋面，缓震中底
        """
    )
    await shop.chat().run(
        """
        > 那个真皮腰带多长啊
        < 110cm、120cm、130cm
        <1 可自行裁剪长度
        < 头层牛皮，自动扣
        """
    )


async def test_a_fact_said_with_the_product_s_name_is_not_said_again_by_the_card(
    shop: Shop,  # noqa: F811
) -> None:
    await shop.chat().run(
        """
        > 羽绒服充绒量多少
        <1 充绒量约120g
        < 90%白鸭绒，可收纳进随附小袋
        """
    )
    await shop.chat().run(
        """
        > 围巾有多长
        <1 180×30cm
        < 含羊绒30%，礼盒包装可送人
        """
    )
