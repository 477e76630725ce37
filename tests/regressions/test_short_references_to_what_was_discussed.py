"""A buying message whose product is only a short reference (a spec value, a word of its name, 壳子)
buys the one product on screen or spoken of lately that it fits, with the values it names; a
model or size chosen for one product carries to its companion (the case's 15 Pro to the film,
同尺码 for the same child)."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_spec_values_on_a_card_buy_it_however_long_the_message(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 给我爸买个生日礼物 200以内 有推荐吗
        > 腰带是真皮的吗 有多长
        > 他腰围比较大 要130cm的 棕色
        < 已加入购物车
        < 真皮自动扣腰带（颜色:棕色 尺码:130cm） ×1
        <! 尺码表
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 有T恤吗
        > 我老公穿 要XL的 藏青
        < 纯棉圆领短袖T恤（颜色:藏青 尺码:XL） ×1
        """
    )


async def test_a_word_of_the_name_on_the_card_with_a_count(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 油皮夏天用什么面霜好啊
        > 我男朋友也是大油皮 他能用不
        > 那就买啫喱那个 两瓶
        < 控油清爽啫喱面霜（规格:50g） ×2
        <! 为您找到
        """
    )


async def test_the_other_one_of_a_compared_pair(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 降噪耳机和头戴的那个哪个好 主要地铁通勤用
        > 头戴的能折叠吗 有啥颜色
        > 那还是要入耳的吧 白色
        < 主动降噪蓝牙耳机（颜色:白色） ×1
        <! 没太明白
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 10000和20000的充电宝有啥区别
        > 那还是要超薄的吧 粉色
        < 10000mAh超薄充电宝（颜色:粉色） ×1
        """
    )


async def test_a_word_of_the_name_in_a_list(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有什么洗面奶
        > 那就买氨基酸那个 双支装
        < 氨基酸温和洗面奶（规格:双支装） ×1
        """
    )


async def test_the_case_of_the_list_before_and_its_model_for_the_film(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有iPhone14的手机壳
        > 只有15的吗 那钢化膜呢
        > 我换15pro了哈哈 壳子要远峰蓝的
        < iPhone15液态硅胶手机壳（型号:iPhone 15 Pro 颜色:远峰蓝） ×1
        > 膜要防窥的 一起下单
        < iPhone15高清钢化膜（型号:iPhone 15 Pro 规格:防窥）
        <! 请选择型号
        """
    )


async def test_a_colour_the_case_lacks_is_said_with_those_it_has(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有iPhone14的手机壳
        > 只有15的吗 那钢化膜呢
        > 壳子要红色的 15pro
        < 这款没有“红色”
        < 远峰蓝
        <! 钢化膜
        """
    )


async def test_the_same_size_for_the_next_piece(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 给我儿子买个卫衣 他5岁 身高112
        > 儿童纯棉卫衣
        > 要蓝色 120的吧 长得快
        > 再加一条加绒裤 黑色 同尺码
        < 儿童加绒运动裤（颜色:黑色 尺码:120） ×1
        <! 请选择尺码
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 我要一件黑色L码的T恤
        > 再来条运动短裤 黑色 同一尺码
        < 男士运动速干短裤（颜色:黑色 尺码:L） ×1
        """
    )


async def test_a_product_asked_about_before_is_bought_by_its_spec(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 公司要买10个机械键盘 能开专票吗
        > 开专票需要啥资料
        > 那先拍10个 红轴黑色的
        < 87键机械键盘（轴体:红轴 颜色:黑色） ×10
        <! 还没学会
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 面膜拆了能退吗
        > 20片装的来两盒
        < 玻尿酸补水面膜（规格:20片装） ×2
        <! 想买哪件商品
        """
    )


async def test_a_gift_box_of_the_fruit_asked_about(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 丹东草莓有货吗
        > 那车厘子呢 2斤装多少钱 坏了怎么办
        > 5斤礼盒的来一个 送我爸妈
        < 智利车厘子JJ级（规格:5斤礼盒） ×1
        <! 想买哪件商品
        """
    )


async def test_what_fits_several_or_is_about_an_order_is_not_guessed(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 有没有蓝牙耳机
        > 黑色来一个
        < 您要哪一款
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 公司要买10个机械键盘 能开专票吗
        > 我要退货 红轴那个
        <! 已加入购物车
        """
    )


async def test_an_order_asking_its_total_gets_the_cart_with_the_coupon(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    await chat.run(
        """
        > 新人券怎么用 能和满减一起用吗
        > 我买个四件套 1.8米奶白的 用NEWBIE15 一共多少钱
        < 全棉磨毛四件套（颜色:奶白 尺寸:1.8米床） ×1
        < 优惠券 新人券 满99减15：-¥15.00
        < 合计：¥264.00
        <! 下单确认时把券码发给我
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 拍两个保温杯 白色500ml的 用XIAOHE10 一共多少
        < 316不锈钢保温杯（颜色:白色 容量:500ml） ×2
        < 合计：¥188.00
        """
    )
    chat = shop.chat()
    await chat.run(
        """
        > 我买个四件套 1.8米灰蓝的 用FRUIT20 一共多少钱
        < 只能用在水果生鲜商品上
        < 全棉磨毛四件套（颜色:灰蓝 尺寸:1.8米床） ×1
        < 合计：¥279.00
        """
    )
