"""Product questions answered from what the product's data says, and never against it: a model
the product does not list is 不能 (the iPhone 15 case was "支持的" for a 14), a fact recorded for
the product is used for the question it answers, and what a sentence says is whole (no pasted
spec value after the name)."""

from __future__ import annotations

import pytest

from tests.dialogs.transcript import Shop


@pytest.mark.parametrize(
    ("card", "said", "fits"),
    [
        ("iPhone15液态硅胶手机壳", "iPhone14能用吗", "iPhone 15 Pro Max"),
        ("iPhone15液态硅胶手机壳", "苹果13可以用不", "iPhone 15 Pro"),
        ("iPhone15高清钢化膜", "iphone 14 pro能用吗", "iPhone 15"),
        ("磁吸无线充电宝", "iPhone11能用吗", "iPhone 12及以上"),
    ],
)
async def test_a_model_the_product_does_not_list_is_no(
    shop: Shop, card: str, said: str, fits: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < 不能
        < {fits}
        <! 支持的
        <! 能用，
        """
    )


@pytest.mark.parametrize(
    ("card", "said", "fits"),
    [
        ("iPhone15液态硅胶手机壳", "15pro能用吗", "iPhone 15 Pro"),
        ("iPhone15液态硅胶手机壳", "苹果15promax可以用吗", "iPhone 15 Pro Max"),
        ("磁吸无线充电宝", "苹果14能用吗", "iPhone 12及以上"),
        ("20W苹果快充充电器", "iPhone15能用吗", "iPhone 8以上"),
    ],
)
async def test_a_model_the_product_lists_is_yes(
    shop: Shop, card: str, said: str, fits: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < 能用
        < {fits}
        <! 不能
        <! 支持的，
        """
    )


async def test_a_fact_speaking_of_children_in_other_words_answers_whether_a_child_can_eat_it(
    shop: Shop,
) -> None:
    await shop.chat().run(
        """
        > 牛肉干小孩子能吃吗 辣不辣
        < 中辣
        < 小朋友不建议吃
        <! 试用
        <! 没写
        """
    )


async def test_a_fact_that_does_not_speak_of_children_is_said_with_what_it_leaves_out(
    shop: Shop,
) -> None:
    await shop.chat().run(
        """
        > 辣条小孩能吃吗
        < 微辣偏甜
        < 没写适不适合儿童
        < 人工
        <! 试用
        """
    )


@pytest.mark.parametrize(
    ("said", "listed", "left_out"),
    [
        ("有没有不辣的小孩零食 30块以内", "冻干草莓脆", "麻辣牛肉干"),
        ("给孩子买点零食 不要辣的 20块以内", "海苔脆片", "大人款"),
    ],
)
async def test_snacks_tagged_for_children_are_listed_for_a_child(
    shop: Shop, said: str, listed: str, left_out: str
) -> None:
    await shop.chat().run(
        f"""
        > {said}
        < {listed}
        <! {left_out}
        <! 尺码
        """
    )


@pytest.mark.parametrize(
    ("said", "wish"),
    [
        ("想给我妈买件过冬的外套 预算300以内有吗", "女款、冬天穿"),
        ("给我老婆买件冬天穿的外套 500以内", "冰丝防晒衣不太适合冬天穿"),
    ],
)
async def test_a_wish_reads_as_words_never_as_the_datas_bare_values(
    shop: Shop, said: str, wish: str
) -> None:
    await shop.chat().run(
        f"""
        > {said}
        < {wish}
        <! 女、冬
        <! 适合女、
        <! 用的是这款
        """
    )


@pytest.mark.parametrize(
    ("card", "said", "price"),
    [
        ("每日坚果", "15袋装多少钱", "¥139.00"),
        ("芒果干", "500g的多少钱", "¥25.90"),
        ("20000mAh大容量充电宝", "白色的多少钱", "¥129.00"),
    ],
)
async def test_the_price_of_a_spec_named_is_its_price(
    shop: Shop, card: str, said: str, price: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < {price}
        <! 的规格就是
        """
    )


@pytest.mark.parametrize(
    ("card", "said", "clause", "stock"),
    [
        ("丝绒哑光口红", "豆沙色黄皮能用吗", "黄皮友好", "02豆沙有货"),
        ("丝绒哑光口红", "正红的显色吗", "显色持久", "01正红有货"),
    ],
)
async def test_a_spec_asked_with_a_question_its_description_answers(
    shop: Shop, card: str, said: str, clause: str, stock: str
) -> None:
    await shop.chat().run(
        f"""
        > {card}
        > {said}
        < {clause}
        < {stock}
        """
    )


async def test_how_many_charges_over_a_list_is_the_battery_fact(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 充电宝
        < 10000mAh超薄充电宝
        > 能充几次iPhone15
        < 充2次
        < 充4次
        <! 没有写明支不支持
        """
    )


async def test_postage_to_a_remote_region_is_the_checkouts_fee(shop: Shop) -> None:
    await shop.chat().run(
        """
        > 我在乌鲁木齐 买个保温杯运费多少
        < 运费¥15.00
        < 新疆不参与包邮
        <! 不太确定
        <! 请选择
        > 那买两个保温杯包邮不
        < 买2个¥198.00
        < 运费¥15.00
        """
    )
    await shop.chat().run(
        """
        > 寄到杭州 买两个保温杯运费多少
        < 包邮
        > 寄拉萨 买个烧水壶要运费吗
        < 运费¥15.00
        > 车厘子寄西藏运费多少
        < 暂不发西藏
        """
    )


@pytest.mark.parametrize(
    ("said", "picked", "pasted"),
    [
        ("降噪耳机和头戴的那个哪个好 主要地铁通勤用", "主动降噪蓝牙耳机", "主要地铁"),
        ("头戴式蓝牙耳机和降噪耳机哪个好 上班通勤戴", "主动降噪蓝牙耳机", "上班通勤戴"),
    ],
)
async def test_which_is_better_for_a_use_is_read_from_the_tags_never_pasted(
    shop: Shop, said: str, picked: str, pasted: str
) -> None:
    await shop.chat().run(
        f"""
        > {said}
        < 通勤
        < {picked}
        <! {pasted}
        <! 没有写哪款更好
        """
    )
