"""msgmenu at the rendering edge: lists and confirmations become taps on 微信客服 only."""

from __future__ import annotations

from bot.dialogs.texts import numbered
from bot.kf.menus import render, render_one
from bot.protocol import Article, NewsReply, TextReply
from tests.kf.conftest import MakeKf


def _items(body: dict) -> list[tuple[str, str]]:
    return [
        (i["click"]["id"], i["click"]["content"]) for i in body["msgmenu"]["list"] if "click" in i
    ]


def test_a_product_list_becomes_a_menu_of_its_entries_and_its_moves() -> None:
    text = (
        "服饰（第1/3页）：\n"
        + numbered(["纯棉圆领短袖T恤 ¥59.00", "重磅连帽卫衣 ¥159.00", "碎花雪纺连衣裙 ¥199.00"])
        + "\n回复序号看详情，“更多”看下一页，“返回”重新选分类。"
    )
    [body] = render(TextReply(text))
    assert body["msgtype"] == "msgmenu"
    menu = body["msgmenu"]
    assert menu["head_content"] == "服饰（第1/3页）："
    assert menu["tail_content"] == "回复序号看详情，“更多”看下一页，“返回”重新选分类。"
    assert _items(body) == [
        ("1", "纯棉圆领短袖T恤 ¥59.00"),
        ("2", "重磅连帽卫衣 ¥159.00"),
        ("3", "碎花雪纺连衣裙 ¥199.00"),
        ("更多", "更多"),
        ("返回", "返回"),
    ]


def test_a_confirmation_becomes_yes_back_cancel_and_keeps_its_text() -> None:
    text = (
        "请核对订单：\n1. 保温杯 ×1  ¥59.00\n合计：¥59.00\n"
        "回复“确认”提交订单；要修改请回复“返回”，不买了回复“取消”。"
    )
    [body] = render(TextReply(text))
    assert body["msgmenu"]["head_content"] == text  # the cart line is no choice: it stays text
    assert _items(body) == [("确认", "确认"), ("返回", "返回"), ("取消", "取消")]


def test_words_quoted_back_and_plain_text_are_not_menus() -> None:
    [body] = render(TextReply("这款没有“返回”这个颜色。"))
    assert body == {"msgtype": "text", "text": {"content": "这款没有“返回”这个颜色。"}}
    [body] = render(TextReply("步骤：\n1. 先拍照\n2. 再寄回"))  # numbered, but no 序号 asked for
    assert body["msgtype"] == "text"


def test_limits_long_lists_labels_and_texts() -> None:
    eleven = "请选择（回复序号）：\n" + numbered(f"规格{i}" for i in range(11))
    [body] = render(TextReply(eleven + "\n回复“返回”上一步"))
    assert _items(body) == [("返回", "返回")]  # 11 entries do not fit 10 items: they stay text
    long_label = "请选择（回复序号）：\n" + numbered(["长" * 100])
    [body] = render(TextReply(long_label))
    label = _items(body)[0][1]
    assert len(label.encode()) <= 128 and label.endswith("…")
    huge = "\n".join(["这是一段很长的说明文字。" * 20] * 6)
    bodies = render(TextReply(huge))
    assert len(bodies) > 1 and all(len(b["text"]["content"].encode()) <= 2048 for b in bodies)


def test_a_card_is_a_menu_with_its_words_and_a_link_to_its_page() -> None:
    card = NewsReply(
        (Article("保温杯  ¥59.00", "有货\n回复“买”下单，“返回”回到列表。", "", "https://shop/p/1"),)
    )
    [body] = render(card)
    assert body["msgmenu"]["head_content"].startswith("保温杯  ¥59.00")
    assert _items(body) == [("买", "买"), ("返回", "返回")]
    view = body["msgmenu"]["list"][-1]
    assert view == {"type": "view", "view": {"url": "https://shop/p/1", "content": "查看商品详情"}}


def test_several_replies_become_one_event_message() -> None:
    body = render_one([TextReply("欢迎！需要人工请回复“人工”。"), TextReply("今日特价")])
    assert (
        body is not None
        and body["msgmenu"]["head_content"] == "欢迎！需要人工请回复“人工”。\n\n今日特价"
    )
    assert render_one([]) is None


async def test_tapping_a_menu_item_sends_what_the_shopper_would_have_typed(
    make_kf: MakeKf,
) -> None:
    kf = await make_kf()
    [categories] = await kf.say("逛逛")
    assert "[服饰]" in categories
    [listing] = await kf.say("服饰", menu_id="1")  # the tap shows 服饰, carries menu_id 1
    assert listing.startswith("服饰（第1/")
    assert kf.sent()[-1]["msgtype"] == "msgmenu"
    [card] = await kf.say("纯棉圆领短袖T恤 ¥59.00", menu_id="1")
    assert "纯棉圆领短袖T恤" in card and "[买]" in card
    [spec] = await kf.say("买", menu_id="买")
    assert "请选择颜色" in spec and "[黑色]" in spec
    [size] = await kf.say("黑色", menu_id="2")
    assert "请选择尺码" in size
