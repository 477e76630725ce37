"""The receiver (name, phone, address) and the optional coupon code.

Each is taken wherever the shopper gives it: labelled ("收货人王芳 电话… 地址…"), unlabelled in one
message ("王芳 15812345678 北京市朝阳区…"), or as the answer to its own question; a new value
later is a correction ("电话改成…", "地址写错了，是文三路99号不是90号").
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.business.texts import NO_PROVINCE, undeliverable_text
from bot.dialogs import words
from bot.dialogs.order.quote import (
    coupon_offer,
    least_lines,
    least_order,
    newly_unsendable,
    order_quote,
    priced_lines,
    warns_unsendable,
)
from bot.dialogs.order.values import OrderStep, OrderValues
from bot.dialogs.parse import (
    PHONE_IN,
    QUESTION,
    check_address,
    check_name,
    could_be_name,
    labelled,
    looks_like_address,
    looks_like_name,
    looks_like_phone_attempt,
    parse_phone,
    patch,
    phone_in,
    region_replaced,
    replacement,
    split_contact,
    without_lead_in,
)
from bot.dialogs.slot import ALL, Fill, FormTurn, Read, Slot, anywhere, asked
from bot.dialogs.turn import word_of
from bot.shop import catalog
from bot.shop.pricing import coupon_problem
from bot.shop.texts import yuan
from bot.storage.masking import mask_phone
from knowledge.regions import place_in, province_of
from knowledge.shipping import Shipping

OS = OrderStep
Turn = FormTurn[OrderValues]


def _reopening(label: str) -> re.Pattern[str]:
    """ "地址写错了", "地址不对", "我要改地址", "改一下地址", "地址要改一下": that slot again."""
    wrong = r"(?:(?:写|填|打|输|弄|搞)?错了|不对)"
    change = r"(?:要改|想改|需要改|得改|改一下|改下|换一下|要换|修改一下|重新填)"
    before = rf"(?:我)?(?:想|要|需要|得)?(?:改|修改|换|重填|重新填)(?:一下|下)?(?:收货)?(?:{label})"
    return re.compile(
        rf"^(?:{before}|(?:收货)?(?:{label})(?:的)?(?:{wrong}|{change})(?:一下|了)?)$"
    )


_NAME_WRONG = _reopening("收货人|收件人|名字|姓名")
_PHONE_WRONG = _reopening("手机号码|手机号|电话号码|电话|手机|号码")
_ADDRESS_WRONG = _reopening("收货地址|地址")
_ADDRESS_WORD = re.compile(r"地址")
_OTHER_SLOT_WORD = re.compile(r"手机|电话|号码|收货人|收件人|名字|姓名")
_EXTRA_WORD = re.compile(r"发票|开票|抬头|税号|邮箱|@|备注|优惠券|券码")
"""Words of the invoice, the note or the coupon: what they stand in belongs to those slots."""
_STREET_PIECE = re.compile(r"\d+\s*(?:号|栋|幢|楼|室|单元|弄|层)|[路街道巷弄村]\d")
"""A piece only an address has ("99号", "3栋", "路1"): without the word 地址, a correction must
hold one to be taken for the address."""
_ADDRESS_LABEL = re.compile(r"(?:收货|收件|快递|寄送)?地址(?:的)?")
_NAME_LABEL = re.compile(r"(?:收货人|收件人|名字|姓名)(?:的)?(?:名字|姓名)?")
_SAID = re.compile(r"^(?:应该是|是|为|改成|改为|换成)")
_CODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{2,19})(?![A-Za-z0-9])")
_COUPON_WORD = re.compile(r"优惠券|优惠码|券码|折扣码|用券|有券|券")
_ONLY_COUPON_WORDS = re.compile(
    r"(?:[\s,，。.!！?？~～]|我|那|就|帮我|给我|有没有|有|能不能|能|可以|用|使用|一下|吧|这个|的|吗|么|"
    r"优惠券|优惠码|券码|折扣码|券|码)*"
)
"""What is left of "有券吗 用XIAOHE10" beside the code: the asking is answered by using it (the
how-to-use FAQ was printed before the code was applied)."""


_STILL_NEEDED = "还差{}，发给我就能下单～"
"""结算 / 提交 while a receiver's detail is asked: it is what the order still needs."""

# ------------------------------------------------------------------------ coupon


def _coupon(turn: Turn) -> Fill[OrderValues] | None:
    """A coupon code: one the shop knows anywhere in a message, any code after 优惠券/券码."""
    kb = catalog.kb(turn.ctx)
    offered = _COUPON_WORD.search(turn.text)
    for found in _CODE.finditer(turn.text):
        known = kb.find_coupon(found.group(1))
        if known is None and not offered:
            continue
        values = replace(turn.values, coupon=known.code if known else found.group(1).upper())
        rest = turn.text[: found.start()] + turn.text[found.end() :]
        taken = ALL if _ONLY_COUPON_WORDS.fullmatch(rest) else found.group(0)
        return Fill(values, taken, _coupon_said(turn, values))
    named = kb.coupon_named_in(turn.text)  # 用新人券: the coupon by its name, not its code
    if named is None:
        return None
    values = replace(turn.values, coupon=named.code)
    return Fill(values, _named_words(turn.text), _coupon_said(turn, values))


def _named_words(text: str) -> str:
    """The words that named a coupon (用新人券), taken out of what the other slots read."""
    found = re.search(r"(?:用|使用|要用)?[\u4e00-\u9fff]{0,4}?(?:优惠)?券", text)
    return found.group(0) if found else ""


def _coupon_said(turn: Turn, values: OrderValues) -> str:
    """What the coupon takes off, counted on the least the cart will hold: a line still waiting
    for its count (the ¥259 shoes before 要几件, "黑色来一个 用新人券" read before its count) is
    one item, so a coupon it already qualifies for is said as used. One that does not apply is
    refused by the slot's check, with the reason."""
    money = order_quote(turn.ctx, least_order(values))
    if money.coupon is None:
        return ""
    return f"已使用优惠券“{money.coupon.title}”，减{yuan(money.coupon_fen)}。"


async def _check_coupon(turn: Turn) -> str | None:
    values = turn.values
    if not values.coupon:
        return None
    coupon = catalog.kb(turn.ctx).find_coupon(values.coupon)
    problem = coupon_problem(coupon, least_lines(values), catalog.today(turn.services))
    if not problem:
        return None
    # FRUIT20 on a lamp: the coupon that does apply, if any, rather than "no coupon is fine"
    other = coupon_offer(turn.ctx, replace(values, coupon=""))
    return f"{problem}{other or '没有可用的券也没关系，直接下单就行。'}"


COUPON = Slot[OrderValues](
    OS.COUPON,
    "优惠券",
    filled=lambda v: bool(v.coupon),
    clear=lambda v: replace(v, coupon=None),
    extract=(anywhere(_coupon),),
    required=False,
    validate=_check_coupon,
    # with a line to spend on: one still waiting for its count is checked as one item (the
    # ¥259 shoes with "用XIAOHE10" before 要几件), never refused for an empty cart
    applies=lambda v: bool(v.lines),
    rereads=True,
    answers=re.compile(r"券|优惠码|码|能用|可以用|可用|能减|减多少"),
)


# ------------------------------------------------------------------------ name


_NAME_KEPT = re.compile(
    r"(?:收货人|收件人|联系人|名字|姓名)(?:的)?(?:名字|姓名)?\s*"
    r"(?:(?:还是|也是|就是|是)(?:我|他|她|本人|我自己|原来的?|之前的?)(?:那个|那位|人)?"
    r"|不变|没变|不用改|不改|不用换|不换|别改|照旧|同上|(?:和|跟)?(?:原来|之前)?一样)"
    r"(?:的|了|吧|哈|哦|啊)*(?=$|[\s,，。;；!！~～])"
)
"""The receiver said to stay ("收件人还是我", "收件人不变", "名字不用改"): no new name."""


def _name_kept(turn: Turn) -> Fill[OrderValues] | None:
    """ "…换个地址 收件人还是我": the name given stays, and the words are no name for the other
    readers (they once became the receiver, "还是我")."""
    found = _NAME_KEPT.search(turn.rest)
    if found is None or turn.values.name is None:
        return None
    return Fill(turn.values, found.group(0), f"好的，收货人还是{turn.values.name}。")


def _name_labelled(turn: Turn) -> Fill[OrderValues] | None:
    found = labelled(turn.rest, "name")
    if found is None or not could_be_name(found.value):
        return None
    return Fill(replace(turn.values, name=found.value), found.written)


def _name_corrected(turn: Turn) -> Fill[OrderValues] | None:
    """ "不是王方是王芳" for the name already given."""
    name = turn.values.name
    change = replacement(turn.text) if name else None
    if name is None or change is None:
        return None
    old = _NAME_LABEL.sub("", change.old)
    if not old:  # "收货人不对，是李四" / "名字改成李四": the whole name, when it is labelled
        if not _NAME_LABEL.search(turn.text) or not could_be_name(change.new):
            return None
        return Fill(replace(turn.values, name=change.new), ALL)
    if old not in name:
        return None
    fixed = patch(name, old, change.new)
    if fixed is None or not could_be_name(fixed):
        return None
    return Fill(replace(turn.values, name=fixed), ALL)


def _name_among(turn: Turn) -> Fill[OrderValues] | None:
    """An unlabelled name beside a phone or an address ("王芳 15812345678 …")."""
    contact = split_contact(turn.rest)
    if contact.name is None or not (contact.phone or contact.address):
        return None
    return Fill(replace(turn.values, name=contact.name), contact.name)


def _name_answer(turn: Turn) -> Fill[OrderValues] | None:
    """What is left of the answer to the name question, when no name was found in it already
    ("那寄深圳 陈刚 136…": 陈刚, beside the phone; the 那寄深圳 left over is no name)."""
    if OS.NAME in turn.changed:
        return None
    rest = _without_lead_in_words(turn.rest.strip(" ,，。"))
    if not could_be_name(rest) or _NAME_LEAD_IN.match(rest):
        return None
    return Fill(replace(turn.values, name=rest), ALL)


_NAME_LEAD_IN = re.compile(
    r"^(?:那|那就|就|还是|改)?(?:寄|发|送|给)(?:到|去|往|给)?\S*$|^(?:那|那就|就)$"
)
"""Words before the name that say where or to whom it goes ("那寄深圳 陈刚"): no part of it."""


def _without_lead_in_words(said: str) -> str:
    """ "那寄深圳 陈刚" → "陈刚": lead-in words before a name are dropped (the phone and address
    of the message are already taken); a name written with a space stays as it is."""
    parts = said.split()
    if len(parts) < 2:
        return said
    kept = [p for p in parts if not _NAME_LEAD_IN.match(p)]
    return kept[0] if len(kept) == 1 and looks_like_name(kept[0]) else said


def _name_wrong(turn: Turn) -> Fill[OrderValues] | None:
    if turn.values.name is None or not _NAME_WRONG.match(turn.word):
        return None
    return Fill(replace(turn.values, name=None), ALL, "好的，收货人重新填一下。")


async def _check_name(turn: Turn) -> str | None:
    return check_name(turn.values.name) if turn.values.name else None


async def ask_name(turn: Turn) -> str:
    return "请告诉我收货人姓名。\n（也可以一次发：姓名 手机号 地址）"


NAME = Slot[OrderValues](
    OS.NAME,
    "收货人",
    filled=lambda v: bool(v.name),
    clear=lambda v: replace(v, name=None),
    extract=(
        anywhere(_name_wrong),
        anywhere(_name_kept),
        anywhere(_name_labelled),
        anywhere(_name_corrected),
        anywhere(_name_among),
        asked(_name_answer),
    ),
    ask=ask_name,
    validate=_check_name,
    show=lambda v: v.name or "",
    free_text=True,
    retry="请告诉我收货人的姓名，例如“张三”。",
    not_yet=lambda v: _STILL_NEEDED.format("收货人"),
)


# ------------------------------------------------------------------------ phone


def _phone_anywhere(turn: Turn) -> Fill[OrderValues] | None:
    """A mobile number; of two said over ("138… 哦不对 是139…") the later, said back so the
    shopper sees which one was kept."""
    found = phone_in(turn.text)
    if found is None:
        return None
    number, written = found
    said_over = len(PHONE_IN.findall(written)) > 1
    note = f"好的，手机号按后面说的{mask_phone(number)}记下了。" if said_over else ""
    return Fill(replace(turn.values, phone=number), written, note, says_itself=bool(note))


def _phone_answer(turn: Turn) -> Fill[OrderValues] | None:
    """Digits that are not a valid mobile number: kept for the validator to say so (not what
    is left beside a number this message gave: "是138… 不是139…")."""
    if OS.PHONE in turn.changed or not looks_like_phone_attempt(turn.rest):
        return None
    digits = re.sub(r"\D", "", turn.rest)
    return Fill(replace(turn.values, phone=digits), ALL)


_PHONE_TAIL = re.compile(
    r"(?:手机|电话|号码).*?(?:尾号|尾数|最后[三四]位|后[三四]位|末[三四]位)(?:应该)?(?:是|为|改成)?\s*(\d{3,4})(?!\d)"
)
"""'手机号打错了 尾号是5679': only the end of the number given again."""


def _phone_tail(turn: Turn) -> Fill[OrderValues] | None:
    """The last digits of the phone said again: they replace the phone's last digits."""
    phone = turn.values.phone
    found = _PHONE_TAIL.search(turn.text)
    if phone is None or found is None or len(phone) != 11:
        return None
    tail = found.group(1)
    return Fill(replace(turn.values, phone=phone[: -len(tail)] + tail), ALL)


def _phone_wrong(turn: Turn) -> Fill[OrderValues] | None:
    if turn.values.phone is None or not _PHONE_WRONG.match(turn.word):
        return None
    return Fill(replace(turn.values, phone=None), ALL, "好的，手机号重新发一下。")


async def _check_phone(turn: Turn) -> str | None:
    phone = turn.values.phone
    if phone is None or parse_phone(phone) is not None:
        return None
    return "手机号格式不对，请发11位手机号，例如 13812345678。"


async def ask_phone(turn: Turn) -> str:
    return "收货人的手机号是多少？"


PHONE = Slot[OrderValues](
    OS.PHONE,
    "手机号",
    filled=lambda v: bool(v.phone),
    clear=lambda v: replace(v, phone=None),
    extract=(
        anywhere(_phone_tail),
        anywhere(_phone_wrong),
        anywhere(_phone_anywhere),
        asked(_phone_answer),
    ),
    ask=ask_phone,
    validate=_check_phone,
    show=lambda v: mask_phone(v.phone or ""),
    retry="请发收货人的11位手机号。",
    not_yet=lambda v: _STILL_NEEDED.format("手机号"),
)


# ------------------------------------------------------------------------ address


def _address_labelled(turn: Turn) -> Fill[OrderValues] | None:
    found = labelled(turn.rest, "address")
    if found is None or check_address(found.value) is not None:
        return None
    return Fill(replace(turn.values, address=found.value), found.written)


def _address_corrected(turn: Turn) -> Fill[OrderValues] | None:
    """ "地址写错了，是文三路99号不是90号": the part replaced; a whole new address replaces all."""
    address = turn.values.address
    change = replacement(turn.text) if address else None
    if address is None or change is None or _names_another_slot(turn.text, change.new):
        return None
    old = _ADDRESS_LABEL.sub("", change.old)  # "地址改成…": the label is not the part replaced
    district = region_replaced(address, old, change.new)
    if district is not None:  # "不对 是西湖区": the district said again, the street kept
        return Fill(replace(turn.values, address=district), ALL)
    unlabelled = not _ADDRESS_WORD.search(turn.text) and not (old and old in address)
    if unlabelled and not _STREET_PIECE.search(change.new):
        return None  # "要开发票 个人 邮箱…": no address word, no piece of an address
    # A whole address starts with its province, city or district; "文三路100号" alone is the
    # street part of the one given, which keeps its province, city and district.
    given = without_lead_in(change.new)
    whole = looks_like_address(given) and bool(_ADDRESS_WORD.search(turn.text))
    fixed = given if whole and not old else patch(address, old, change.new)
    if fixed is None and whole:
        fixed = given
    if fixed is None and old:  # the old part is not in the address: what it should be counts
        fixed = patch(address, "", change.new)
    if fixed is None or fixed == address:
        return None
    return Fill(replace(turn.values, address=fixed), ALL)


def _names_another_slot(text: str, new: str) -> bool:
    """ "电话错了 是133…", "名字写错了 是钱思思", "要开发票 … 邮箱…": a correction of the phone,
    the receiver or an extra, never a piece of the address (a phone number once became the
    street of an order, and invoice details the address of another)."""
    if PHONE_IN.search(new) or _EXTRA_WORD.search(new):
        return True
    return bool(_OTHER_SLOT_WORD.search(text)) and not _ADDRESS_WORD.search(text)


def _address_among(turn: Turn) -> Fill[OrderValues] | None:
    """An address standing in a message on its own terms: it starts with a province or city."""
    contact = split_contact(turn.rest)
    if contact.address is None or turn.asked == OS.ADDRESS:
        return None
    address = _SAID.sub("", contact.address)  # "地址写错了，是浙江省…": the address after 是
    return Fill(replace(turn.values, address=address), contact.address)


def _address_answer(turn: Turn) -> Fill[OrderValues] | None:
    rest = without_lead_in(turn.rest.strip(" ,，。"))
    if not rest or word_of(rest) in words.YES | words.NO:
        return None
    if QUESTION.search(rest) and not re.search(r"\d", rest):
        return None  # a question, not an address: answered, then asked again
    return Fill(replace(turn.values, address=rest), ALL)


def _address_wrong(turn: Turn) -> Fill[OrderValues] | None:
    if turn.values.address is None or not _ADDRESS_WRONG.match(turn.word):
        return None
    return Fill(replace(turn.values, address=None), ALL, "好的，地址重新发一下。")


async def _check_address(turn: Turn) -> str | None:
    """A readable address in a province the shop delivers to (the fee comes from the province;
    products that cannot go there are the confirmation's to say, the rest of the cart could)."""
    address = turn.values.address
    if not address:
        return None
    problem = check_address(address)
    if problem is not None:
        return problem
    if province_of(address) is None:
        return NO_PROVINCE
    found = order_quote(turn.ctx, turn.values).undeliverable
    if found is not None and not found.names:
        return f"{undeliverable_text(found)}请换一个收货地址。"
    return None


def _repriced(read: Read[OrderValues]) -> Read[OrderValues]:
    """An address that changes the shipping fee says so: "寄到新疆运费是¥15.00（原来¥6.00）"."""

    def read_and_price(turn: Turn) -> Fill[OrderValues] | None:
        fill = read(turn)
        if fill is None or fill.values.address == turn.values.address:
            return fill
        said = fee_change(turn, turn.values, fill.values)
        return replace(fill, note=" ".join(x for x in (fill.note, said) if x)) if said else fill

    return read_and_price


def fee_change(turn: Turn, before: OrderValues, after: OrderValues) -> str:
    old, new = order_quote(turn.ctx, before), order_quote(turn.ctx, after)
    if new.province is None or not isinstance(new.shipping, Shipping):
        return ""
    if isinstance(old.shipping, Shipping) and old.shipping_fen == new.shipping_fen:
        return ""
    fee = f"运费是{yuan(new.shipping_fen)}" if new.shipping_fen else "包邮"
    if before.address is None or not isinstance(old.shipping, Shipping):
        return f"寄到{new.province}{fee}。"  # the cart showed the normal fee
    return f"寄到{new.province}{fee}（原来{_fee_words(old.shipping_fen)}）。"


def _fee_words(fen: int) -> str:
    return yuan(fen) if fen else "包邮"


_SENT_TO = re.compile(r"(?:送|寄|发|邮)(?:到|去|往)?\s*(?=\S)")
"""The verb before a place the order is to go to ("送新疆乌鲁木齐", "寄到西藏")."""


def _ship_to_said(turn: Turn) -> Fill[OrderValues] | None:
    """ "5斤礼盒来一份 送新疆乌鲁木齐" before the address: the cart's shipping is worked out for
    that province (the fee, or the products that cannot go there) and said, not the normal fee.
    A whole address is the address's own readers'."""
    values, text = turn.values, turn.text  # the whole text: the product's reader took it all
    if values.address or split_contact(text).address:
        return None
    sent = _SENT_TO.search(text)
    after_verb = text[sent.end() :].lstrip() if sent else ""
    place = place_in(after_verb) if sent else None
    if place is None or not after_verb.startswith(place[0]) or place[1] == values.ship_to:
        return None
    after = replace(values, ship_to=place[1])
    said = text[sent.start() : text.index(place[0], sent.end()) + len(place[0])] if sent else ""
    return Fill(
        after, said, _sent_there(turn, values, after, place[0])
    )  # "寄杭州": the verb is its too


def _sent_there(turn: Turn, before: OrderValues, after: OrderValues, place: str) -> str:
    """What the province said changes: the fee, or the products that cannot go there (said
    here only while a line is still being chosen at a question: else the cart comes next, and
    its own line says it; a card's 买 with the spec, read before its count, is such a case)."""
    if turn.asked is not None and not all(x.complete for x in after.lines):
        # "寄杭州" at the count question: kept, and said, though the fee waits for the cart
        unsendable = newly_unsendable(turn.ctx, before, after)
        return unsendable or f"好的，寄{place}记下了。"
    return fee_change(turn, before, after) if priced_lines(after) else ""


DESTINATION = Slot[OrderValues](
    OS.DESTINATION,
    "收货地区",
    filled=lambda v: bool(v.ship_to),
    clear=lambda v: replace(v, ship_to=""),
    extract=(anywhere(_ship_to_said),),
    required=False,
    applies=lambda v: bool(v.lines),  # read once the message's product is in ("买抽纸 寄新疆")
    rereads=True,
)


async def ask_address(turn: Turn) -> str:
    return "收货地址是？请写省/市/区和详细门牌号。"


ADDRESS = Slot[OrderValues](
    OS.ADDRESS,
    "地址",
    filled=lambda v: bool(v.address),
    clear=lambda v: replace(v, address=None),
    extract=(
        anywhere(_address_wrong),
        anywhere(warns_unsendable(_repriced(_address_labelled))),
        anywhere(warns_unsendable(_repriced(_address_corrected))),
        anywhere(warns_unsendable(_repriced(_address_among))),
        asked(warns_unsendable(_repriced(_address_answer))),
    ),
    ask=ask_address,
    validate=_check_address,
    show=lambda v: v.address or "",
    free_text=True,
    retry="请发完整的收货地址，例如“上海市浦东新区世纪大道100号3栋201室”。",
    not_yet=lambda v: _STILL_NEEDED.format("收货地址"),
)
