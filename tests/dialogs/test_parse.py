"""Readers of what shoppers type: quantities, picks, receiver details, corrections, spec values."""

from __future__ import annotations

import pytest

from bot.dialogs.order.specs import spec_values_in
from bot.dialogs.parse import (
    Replacement,
    labelled,
    ordinal_in,
    parse_quantity,
    patch,
    phone_in,
    pick_number,
    quantity_in,
    replacement,
    split_contact,
)
from knowledge.model import Product
from tests.factories import demo_knowledge


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("2", 2),
        ("两件", 2),
        ("俩", 2),
        ("来俩", 2),
        ("要仨", 3),
        ("x3", 3),
        ("三支", 3),
        ("0", 0),
        ("-1", -1),
        ("10000", 10000),
        ("来两件吧", 2),
        ("很多", None),
        ("第二个", None),
    ],
)
def test_a_quantity_as_the_whole_answer(text: str, qty: int | None) -> None:
    assert parse_quantity(text) == qty


@pytest.mark.parametrize(
    ("text", "qty"),
    [
        ("我要两件黑色的", 2),
        ("给我来俩", 2),
        ("三支豆沙色口红", 3),
        ("38码", None),
        ("我要买第二个", None),
        ("3天能到吗", None),
        ("文三路99号", None),
        ("补水面膜要20片的 拿一盒", 1),
        ("坚果 30袋的 再来两包", 2),
        ("苹果5斤的 来两箱", 2),
        ("我身高一米七 体重一百二十斤 穿几码", None),
        ("来两斤", None),
        ("买个保温杯", 1),
        ("来瓶洗发水", 1),
        ("要个发票", None),
        ("要这个", None),
    ],
)
def test_a_quantity_inside_a_sentence(text: str, qty: int | None) -> None:
    assert quantity_in(text) == qty


def test_list_picks() -> None:
    assert pick_number("第2个", 5) == 1
    assert pick_number("6", 5) is None
    assert ordinal_in("我要买第二个", 5) == 1
    assert ordinal_in("3号来两件", 5) == 2


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("地址写错了，是文三路99号不是90号", Replacement("90号", "文三路99号")),
        ("不是3件是2件", Replacement("3件", "2件")),
        ("三包改成一包", Replacement("三包", "一包")),
        ("改成两件", Replacement("", "两件")),
        ("不要黑色了，换白色", Replacement("黑色", "白色")),
        ("颜色选错了，应该是灰色", Replacement("", "灰色")),
    ],
)
def test_corrections_read_as_old_and_new(text: str, change: Replacement) -> None:
    assert replacement(text) == change


def test_a_patch_keeps_what_surrounds_the_corrected_part() -> None:
    assert patch("杭州市西湖区文三路90号", "90号", "文三路99号") == "杭州市西湖区文三路99号"
    assert patch("杭州市西湖区文三路90号3栋", "", "文三路99号") == "杭州市西湖区文三路99号3栋"
    assert patch("杭州市西湖区文三路90号", "80号", "99号") is None
    assert patch("北京市朝阳区建国路88号", "", "北京的") is None


def test_labelled_receiver_details() -> None:
    text = "买一箱抽纸 收货人王芳 电话15812345678 地址北京市朝阳区建国路88号，谢谢"
    assert labelled(text, "name") is not None and labelled(text, "name").value == "王芳"  # type: ignore[union-attr]
    found = labelled(text, "address")
    assert found is not None and found.value == "北京市朝阳区建国路88号"
    assert labelled("地址写错了，是文三路99号", "address") is None  # a correction, not an address
    assert phone_in("电话改成 138-1234-5678") == ("13812345678", "电话改成 138-1234-5678")


def test_unlabelled_details_take_the_name_beside_them() -> None:
    contact = split_contact("保温杯 白色 一个 张三 13812345678 上海市浦东新区世纪大道100号")
    assert (contact.name, contact.phone, contact.address) == (
        "张三",
        "13812345678",
        "上海市浦东新区世纪大道100号",
    )
    assert split_contact("白色 13812345678").name is None


@pytest.fixture(scope="module")
def products() -> dict[str, Product]:
    return dict(demo_knowledge().current.kb.products)


@pytest.mark.parametrize(
    ("sku", "text", "found"),
    [
        ("BT-2005", "豆沙色", {"色号": "02豆沙"}),
        ("BT-2001", "120g那种", {"规格": "120g"}),
        ("HM-5001", "500毫升的", {"容量": "500ml"}),
        ("HM-5001", "白的", {"颜色": "白色"}),
        ("AP-1003", "换成浅蓝色", {"颜色": "浅蓝"}),
        ("AP-1001", "黑色M码", {"颜色": "黑色", "尺码": "M"}),
        ("EA-6005", "10000mah的", {}),
        ("SN-3001", "坚果要30袋的", {"规格": "30袋礼盒"}),
        ("BT-2002", "20片的就行", {"规格": "20片装"}),
        ("EA-6018", "鼠标垫90x40的", {"尺寸": "90×40cm"}),
        ("HM-5005", "150*200那个", {"尺寸": "150×200cm"}),
        ("AP-1001", "白t M码", {"颜色": "白色", "尺码": "M"}),
        ("AP-1002", "黑卫衣 L", {"颜色": "黑色", "尺码": "L"}),
    ],
)
def test_spec_values_by_part(
    products: dict[str, Product], sku: str, text: str, found: dict[str, str]
) -> None:
    assert spec_values_in(text, products[sku]) == found
