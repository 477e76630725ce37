"""Product talk keeps its topic:

* a product answered while something else is on screen (the category menu, the cart) is then
  the product on screen: "多少钱", "那120g的呢", "有黑色吗" next are about it;
* a budget said after a topic ("有面霜吗" → "一百以内的有没") filters that topic, or says none
  of it fits and names the cheapest of it, never a search of the whole shop under 100;
* after a budget that left fewer on screen, "第二个…" past the end says only those fit and
  names the nearest ones above the budget, never a product from the list before;
* in the order form "再加个保温杯 黑色350的" is one of that spec (再加个 = one more), not a
  question how many; "保温杯也来一个" with the cup in the cart is one more of it;
* "那有别的围巾吗" on a sold-out scarf's card does not list the same scarf again: the other
  ones of the kind in stock, or, with none, says so and offers what is like it.

Broke because the interrupt path answered without remembering the product, a bare budget
was read as a question about the listed products (or not at all), an ordinal was checked
only against the list before the budget, 加 was no buying verb for "one by measure word", and
"别的围巾" was a new search that found the same scarf.
"""

from __future__ import annotations

from bot.dialogs.parse import quantity_in
from tests.dialogs.transcript import Shop


async def test_a_product_answered_from_the_category_menu_is_then_on_screen(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 逛逛
        > 保温杯能保温多久
        < 6小时后约70℃
        > 多少钱
        < ¥99.00
        <! 答不上来
        > 有黑色吗
        < 黑色有货
        <! 答不上来
        """
    )
    assert await chat.state() == "browse:card"


async def test_a_product_named_over_a_list_is_then_on_screen_and_back_is_the_list(
    shop: Shop,
) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有面霜吗
        < 控油清爽啫喱面霜
        > 保温杯能放洗碗机吗
        < 不建议放洗碗机
        <! 这几款
        > 多少钱
        < 316不锈钢保温杯 ¥99.00
        > 返回
        < 2. 控油清爽啫喱面霜
        """
    )
    assert await chat.state() == "browse:list"


async def test_a_product_answered_in_the_cart_is_the_one_asked_about_next(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 洗面奶有双支装吗
        < 双支装有货
        > 多少钱
        < 氨基酸温和洗面奶 ¥49.90
        <! 答不上来
        > 那120g的呢
        < 120g有货
        <! 答不上来
        """
    )
    assert await chat.state() == "order:cart"  # the form stays where it was


async def test_a_budget_after_a_topic_filters_the_topic(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有面霜吗
        < 保湿修护面霜
        > 一百以内的有没
        < 没有100元以内的，最便宜的是控油清爽啫喱面霜
        <! 洗面奶
        <! 没太明白
        """
    )
    await shop.chat().run(
        """
        > 有没有外套
        < 轻薄白鸭绒羽绒服
        > 300以内的有吗
        < 300元以内的有这2款
        < 羊毛混纺针织开衫
        < 冰丝防晒衣
        <! 轻薄白鸭绒羽绒服
        <! 30%羊毛
        """
    )
    await shop.chat().run(
        """
        > 逛逛
        > 零食
        > 20块以内的呢
        < 20元以内的有这
        < 山楂条
        <! 每日坚果
        <! 中筒棉袜
        """
    )


async def test_a_budget_on_a_card_filters_the_list_it_came_from(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有面霜吗
        > 1
        < 保湿修护面霜
        > 一百以内的有没
        < 没有100元以内的，最便宜的是控油清爽啫喱面霜
        """
    )


async def test_a_second_one_past_a_budget_list_of_one_is_not_a_stale_pick(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 有没有外套
        < 2. 加厚长款羽绒服
        > 100以内的呢
        < 100元以内的只有这一款
        < 冰丝防晒衣
        > 第二个有啥颜色
        < 100元以内的只有这一款：冰丝防晒衣
        < 羊毛混纺针织开衫
        <! 黑色 / 卡其
        > 第二个呢
        < 只有这一款
        <! 加厚长款羽绒服
        """
    )
    assert await chat.state() == "browse:list"
    await shop.chat().run(
        """
        > 100以内的外套
        < 100元以内的只有这一款
        > 第三个怎么样
        < 100元以内的只有这一款：冰丝防晒衣
        <! 三合一户外冲锋衣
        """
    )


async def test_one_more_in_the_order_form_is_one(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色M码的T恤
        < 已加入购物车
        > 再加个保温杯 黑色350的
        < 316不锈钢保温杯（颜色:黑色 容量:350ml） ×1
        <! 要买几件
        > 再来两个
        < 现在共3件
        > 再加一个白色的
        < 再加1件316不锈钢保温杯（颜色:白色 容量:350ml）
        > 保温杯也来一个
        < 再加1件
        <! 没太明白
        > 添个袜子 纯黑的
        < 中筒棉袜5双装（颜色:纯黑 尺码:均码） ×1
        <! 要买几件
        """
    )
    assert await chat.state() == "order:cart"


def test_add_with_a_measure_word_and_no_number_counts_one() -> None:
    assert quantity_in("再加个保温杯 黑色350的") == 1
    assert quantity_in("多加瓶水") == 1
    assert quantity_in("再加两个") == 2
    assert quantity_in("加个备注 下午送") is None


async def test_other_ones_of_a_sold_out_kind_never_list_it_again(shop: Shop) -> None:
    chat = shop.chat()
    await chat.run(
        """
        > 围巾
        < 暂时缺货
        > 那有别的围巾吗
        < 店里的围巾目前只有羊绒围巾这一款，暂时缺货
        < 同样保暖的还有
        < 补货时间可以回复“人工”问问客服
        <! 1. 羊绒围巾
        <! 为您找到
        <! 到货提醒
        > 有没有其他围巾
        < 只有羊绒围巾这一款
        <! 1. 羊绒围巾
        > 有没有别的
        < 同类的还有这些
        <! 羊绒围巾 ¥259.00
        """
    )
    await shop.chat().run(
        """
        > 有没有耳机
        > 1
        < 主动降噪蓝牙耳机
        > 还有别的耳机吗
        < 还有这些耳机
        < 头戴式蓝牙耳机
        < Type-C有线耳机
        <! 1. 主动降噪蓝牙耳机
        """
    )


async def test_others_asked_of_a_budget_list_name_the_nearest_above_it(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 有没有外套
        > 200左右的呢
        < 200元左右的只有这一款
        < 羊毛混纺针织开衫
        > 有没有别的
        < 200元左右的只有这一款：羊毛混纺针织开衫
        < 预算能再高一点的话，还有轻薄白鸭绒羽绒服
        <! 冰丝防晒衣
        <! 答不上来
        """
    )
