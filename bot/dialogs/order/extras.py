"""Order extras the shopper may offer at any step, never asked: a note for the shop (备注) and
invoice details. Both are optional slots; the confirmation shows them and the order keeps them.

    备注放门卫 / 备注：周末送 / 发顺丰 / 备注改成放快递柜 / 不要备注了
    发票 张三 zhang@example.com / 开专票 杭州小禾贸易有限公司 税号9133… 邮箱cw@xiaohe.cn
    邮箱改成 li@example.com / 不开发票了

The invoice is read by the same parser as an invoice asked for after ordering
(bot/business/aftercare.py: `parse_invoice`) and checked by the store's own check
(bot/storage/invoices.py: `check_invoice`, the 统一社会信用代码 check digit included), whose
reasons are worded once (`INVOICE_REASONS`). A bad tax number or email is refused with the
reason and nothing changes; details sent over several messages add up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.business.aftercare import INVOICE_REASONS, parse_invoice
from bot.business.texts import note_terms
from bot.dialogs.order.values import InvoiceDetails, OrderStep, OrderValues
from bot.dialogs.parse import CHANGE, PHONE_IN, QUESTION
from bot.dialogs.slot import ALL, Fill, FormTurn, Slot, anywhere
from bot.shop import catalog
from bot.shop.texts import yuan
from bot.storage import InvalidInvoice, Invoice, InvoiceKind
from bot.storage.drafts import MAX_NOTE, check_note
from bot.storage.invoices import check_invoice
from knowledge.entities import ORDER_NO

Turn = FormTurn[OrderValues]

# Where one extra ends and the next detail of the message begins: a label after a separator.
_SEP = r"[,，;；。!！\s]"
_RECEIVER = r"收货人|收件人|联系人|姓名|电话|手机|地址|寄到|送到|优惠券|券码"
_INVOICE_LABELS = r"发票|开票|专票|普票|抬头|税号|邮箱"
_ASKING = r"(?:我|我们)?(?:还)?(?:要|想|需要)?(?:开|补|加|写)?"  # "…，开专票 …", "…，加备注 …"
_NOTE_ENDS = re.compile(rf"{_SEP}+{_ASKING}(?:{_RECEIVER}|{_INVOICE_LABELS})|\n")
_INVOICE_ENDS = re.compile(rf"{_SEP}+{_ASKING}(?:{_RECEIVER}|备注)|\n")
_EDGES = " \t:：,，。.;；、!！"

# ------------------------------------------------------------------------ note

_NOTE_LABEL = re.compile(
    r"(?:订单|加个?|写个?|帮我)?备注(?:一下|下)?(?:改成|改为|换成|写|是)?[:：]?"
)
_NOTE_ASKED = re.compile(r"(?:能|可以|怎么|如何|在哪|哪里|能不能|可不可以)(?:加|写|填)?个?备注")
_NOTE_GONE = re.compile(
    r"(?:不要|不用|删掉|删除|去掉|取消)备注|备注(?:不要了|不用了|删掉|删了|去掉|取消)"
)
_SF = re.compile(
    rf"(?:^|{_SEP})((?:请|麻烦)?(?:帮我)?(?:要|改)?(?:发|走|用)顺丰(?:快递)?)(?=$|{_SEP}|吧)"
)
_ASKS_OK = re.compile(r"(?:可以吗|行吗|好吗|可以不|行不行)$")


def _segment(text: str, start: int, ends_at: re.Pattern[str]) -> str:
    """The text from `start` up to the next detail (`ends_at`, or a phone number)."""
    rest = text[start:]
    ends = [m.start() for m in (ends_at.search(rest, 1), PHONE_IN.search(rest)) if m]
    return rest[: min(ends)] if ends else rest


def _note_said(turn: Turn, note: str) -> str:
    return f"好的，已备注：{note}。{note_terms(note, sf_extra(turn))}"


def sf_extra(turn: Turn) -> int | None:
    """What asking for 顺丰 costs on top (shipping.toml `sf_extra_fen`; None: not stated)."""
    return catalog.kb(turn.ctx).shipping.sf_extra_fen


def _note_labelled(turn: Turn) -> Fill[OrderValues] | None:
    text = turn.rest
    found = _NOTE_LABEL.search(text)
    if found is None or _NOTE_ASKED.search(text) or ORDER_NO.search(turn.text):
        return None  # a question about notes, or a note for an order already placed
    written = _segment(text, found.start(), _NOTE_ENDS)
    value = _ASKS_OK.sub("", written[found.end() - found.start() :].strip(_EDGES)).strip(_EDGES)
    if not value:
        return Fill(turn.values, note="备注写什么？直接发“备注”加内容，例如“备注放门卫”。")
    previous = turn.values.note
    values = replace(turn.values, note=value)
    changed = previous and previous != value
    said = f"已把备注改成：{value}。" if changed else _note_said(turn, value)
    return Fill(values, written, said)


def _sf_wish(turn: Turn) -> Fill[OrderValues] | None:
    """ "发顺丰" said on its own terms (not asked about): a note for the shop."""
    found = _SF.search(turn.rest)
    if found is None or QUESTION.search(turn.rest) or "顺丰" in turn.values.note:
        return None
    wish = found.group(1)
    note = f"{turn.values.note}；{wish}" if turn.values.note else wish
    said = _note_said(turn, note)
    return Fill(replace(turn.values, note=note), wish, said)


_WISH_LEAD = r"(?:能不能|可不可以|能|可以|麻烦|请|帮我|帮忙|记得|最好|尽量|希望)?(?:你们)?"
_WISH_TAIL = r"(?:吗|么|不|吧|哈|呀|啊|哦|可以吗|行吗|好吗|谢谢)*"
_WISHES = (
    # when it is delivered: 周末送, 工作日送货, 晚上再送, 下午5点后送
    r"(?:周末|周[六日天]|星期[六日天]|礼拜[六日天]|工作日|晚上|白天|上午|下午|中午|"
    r"\d{1,2}点(?:以?后|之后|前|之前|以前))(?:再|才)?(?:送|配送|派送|送货|送到|送达|到)",
    # where it is left: 放门卫, 放在快递柜, 放门口就行
    r"(?:放|放在|放到|交给|送到)(?:小区)?(?:门卫|保安室|前台|快递柜|丰巢|驿站|菜鸟驿站|物业|门口|家门口)"
    r"(?:那里|那儿|就行|就好|就可以)?",
    # what is not in the parcel: 别放价格单, 不要放发货单, 不放小票, 别放发票
    r"(?:别|不要|不用|勿|不)(?:放|夹|带)(?:价格单|价签|发货单|送货单|小票|清单|纸质发票|发票)",
    r"(?:别|不要|不用|勿)(?:价格单|价签|发货单|送货单|小票)",
    # being called first: 送前打电话, 打电话前联系, 到了先打个电话, 提前联系
    r"(?:送货|送|派送|上门|到)(?:之)?前(?:先)?(?:打(?:个)?电话|电话|联系)(?:我)?(?:一下)?",
    r"打电话前(?:先)?联系(?:一下)?|到了(?:先)?(?:打(?:个)?电话|联系)(?:我)?|"
    r"(?:先|提前)(?:打(?:个)?电话|电话联系|联系)(?:我)?(?:一下)?",
    # how it is packed: 包装好点, 包结实点, 多包几层, 加个气泡膜
    r"(?:包装|包)(?:得)?(?:好|结实|严实|仔细|牢)(?:一)?点|多包(?:几层|一层|点)|"
    r"(?:加|多加)(?:个|点)?(?:气泡膜|泡沫|防震)",
)
_CARD_WORDS = r"[\u4e00-\u9fff！!～~]"
_CARD = re.compile(
    # the words of a card with the present: 贺卡写生日快乐, 卡片上写：爸爸辛苦了, 写个生日快乐
    rf"(?:贺卡|卡片|小卡片)(?:上|里)?(?:帮我|给我)?(?:写|附)(?:个|上|一句|句|张|一下)?[：:\s]*"
    rf"(?P<card>{_CARD_WORDS}{{2,16}}?)(?={_WISH_TAIL}(?:[\s，,。；;]|$))"
    rf"|写(?:个|上|一句|句|张)?(?:祝福语?)?[：:]?"
    rf"(?P<greeting>[\u4e00-\u9fff]{{0,6}}(?:快乐|祝福|平安|健康|顺利|爱你|幸福|如意|辛苦了)[！!～~]?)"
)
"""A message for the card the shop hand-writes with a present (faq.toml order.gift)."""
_WISH = re.compile(rf"{_WISH_LEAD}(?P<wish>{'|'.join(_WISHES)}|{_CARD.pattern}){_WISH_TAIL}")
_GIFT = re.compile(r"(?:是)?(?:送人|送礼|送朋友|送长辈|礼物)(?:的|用的)?")


def _remark_wished(turn: Turn) -> Fill[OrderValues] | None:
    """A wish about delivery or the parcel said without 备注 ("能周末送吗 放门卫", "送人的别放
    价格单哈", "包装好点"): a note on the order, said back with what the shop can promise of it
    (note_terms). Asked as a question ("能周末送吗") it is still the wish for this order."""
    text = turn.rest
    found = list(_WISH.finditer(text))
    if not found or ORDER_NO.search(turn.text):
        return None
    wishes = [_card_wish(m) for m in found]
    gift = _GIFT.search(text)
    if gift is not None:
        wishes.insert(0, "送礼")
    kept = [w for w in wishes if w not in turn.values.note]
    if not kept:
        return Fill(turn.values, ALL, f"这单已经备注了：{turn.values.note}。")
    note = "；".join([*([turn.values.note] if turn.values.note else []), *kept])
    taken = [m.group(0) for m in found] + ([gift.group(0)] if gift else [])
    said = f"好的，已备注：{'；'.join(kept)}。{note_terms('；'.join(kept), sf_extra(turn))}"
    return Fill(replace(turn.values, note=note), _span(text, taken), said)


def _card_wish(found: re.Match[str]) -> str:
    """The wish as the note keeps it: a card's words as 贺卡写…, the others as said."""
    card = found.group("card") or found.group("greeting")
    return f"贺卡写“{card}”" if card else found.group("wish")


def _span(text: str, parts: list[str]) -> str:
    """What the wishes used of `text`, for the other readers to leave alone: all of it when
    nothing else is left ("能周末送吗 放门卫"), else the one wish, or the stretch from the first
    wish to the last when no receiver's detail stands between them."""
    left = text
    for part in parts:
        left = left.replace(part, " ")
    if len(re.sub(r"[\W_]+", "", left)) < 2:
        return ALL
    if len(parts) == 1:
        return parts[0]
    starts = [text.find(p) for p in parts if p in text]
    ends = [text.find(p) + len(p) for p in parts if p in text]
    stretch = text[min(starts) : max(ends)]
    return parts[0] if PHONE_IN.search(stretch) or re.search(r"\d", stretch) else stretch


def _note_removed(turn: Turn) -> Fill[OrderValues] | None:
    if not _NOTE_GONE.search(turn.text):
        return None
    if not turn.values.note:
        return Fill(turn.values, note="这单还没有备注。")
    return Fill(replace(turn.values, note=""), ALL, "好的，备注已删掉。")


async def _check_note(turn: Turn) -> str | None:
    try:
        check_note(turn.values.note)
    except ValueError:
        return f"备注最多{MAX_NOTE}个字，请精简一下再发。"
    return None


NOTE = Slot[OrderValues](
    OrderStep.NOTE,
    "备注",
    filled=lambda v: bool(v.note),
    clear=lambda v: replace(v, note=""),
    extract=(
        anywhere(_note_removed),
        anywhere(_note_labelled),
        anywhere(_sf_wish),
        anywhere(_remark_wished),
    ),
    required=False,
    validate=_check_note,
)


# ------------------------------------------------------------------------ invoice

_INVOICE_WORD = re.compile(r"发票|开票|专票|普票|抬头|税号|邮箱")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_VERBS = re.compile(
    r"^(?:我|我们)?(?:还)?(?:要|想|需要|得)?(?:帮我|麻烦)?(?:开|要|补)?(?:一?[张个份])?"
)
_INVOICE_GONE = re.compile(
    r"(?:不要|不用|不开|不需要|取消)(?:开)?发票|发票(?:不要了|不用了|不开了|不用开了|取消)"
)
_TAX_LABELLED = re.compile(r"(?:税号|统一社会信用代码|信用代码)(?:是|为|[:：])?\s*([0-9A-Za-z]+)")
_LATER_LABEL = re.compile(r"税号|抬头|专票|普票|名称|[0-9A-Za-z]{15,}")
CHECKOUT_FORMAT = (
    "下单时开发票，请一次发给我：\n发票 抬头 邮箱（个人）\n"
    "发票 公司全称 税号 邮箱（公司；专票请写“专票”）"
)
_INCOMPLETE = frozenset({"missing", "needs_tax_no", "company_only"})
KIND_NAMES = {InvoiceKind.NORMAL: "电子普通发票", InvoiceKind.SPECIAL: "增值税专用发票"}


def _invoice_part(text: str) -> str | None:
    """The invoice details in a message: from the clause with an invoice word (or, without one,
    from the start of a message holding an email) to the next detail; None when the message
    offers none or asks about invoices ("能开发票吗")."""
    word = _INVOICE_WORD.search(text)
    email = _EMAIL.search(text)
    if word is None and email is None:
        return None
    if email is None and QUESTION.search(text):
        return None
    start = 0
    if word is not None and (email is None or word.start() < email.start()):
        start = max(text.rfind(sep, 0, word.start()) for sep in " ,，;；。") + 1
    elif email is not None:  # no invoice word: what stands after the receiver's details
        start = max((m.end() for m in PHONE_IN.finditer(text, 0, email.start())), default=0)
    part = _segment(text, start, _INVOICE_ENDS)
    mail = _EMAIL.search(part)
    if mail is not None and not _LATER_LABEL.search(part[mail.end() :]):
        part = part[: mail.end()]  # the email ends the invoice; what follows is something else
    return part


def _merged(old: InvoiceDetails | None, said: str, found: Invoice) -> InvoiceDetails:
    """The details given now over those given before (a later "邮箱改成…" keeps the title)."""
    base = old or InvoiceDetails()
    kind = found.kind if re.search("专票|专用发票|普票|普通发票", said) else base.kind
    return InvoiceDetails(
        str(kind),
        found.title or base.title,
        found.tax_no or base.tax_no,
        found.email or base.email,
    )


def _typed_email(text: str) -> str:
    """What the shopper typed as the email: the word with an @, or the word after 邮箱."""
    at = re.search(r"\S*@\S*", text)
    if at is not None:
        return at.group().strip(_EDGES)
    after = re.search(r"邮箱(?:是|为|[:：])?\s*([^\s,，;；。]+)", text)
    return after.group(1) if after else ""


def _as_invoice(details: InvoiceDetails) -> Invoice:
    return Invoice(InvoiceKind(details.kind), details.title, details.tax_no, details.email)


def invoice_text(details: InvoiceDetails) -> str:
    """ "电子普通发票，抬头“张三”，发到 zhang@example.com" (with the tax number for a company)."""
    tax = f"，税号{details.tax_no}" if details.tax_no else ""
    kind = KIND_NAMES[InvoiceKind(details.kind)]
    return f"{kind}，抬头“{details.title}”{tax}，发到 {details.email}"


def _invoice(turn: Turn) -> Fill[OrderValues] | None:
    if ORDER_NO.search(turn.text):
        return None  # an invoice for an order already placed (bot/business/aftercare.py)
    part = _invoice_part(turn.rest)
    if part is None:
        return _invoice_asked(turn)
    said = _VERBS.sub("", CHANGE.sub(" ", part))
    tax = _TAX_LABELLED.search(said)
    found = parse_invoice(_TAX_LABELLED.sub(" ", said) if tax else said)
    if tax is not None:  # "税号12345": the number as typed, for the check to refuse
        found = replace(found, tax_no=tax.group(1).upper())
    details = _merged(turn.values.invoice, part, found)
    typed = _typed_email(said)
    if typed and not _EMAIL.search(said):  # "邮箱 li@example": refused as typed, not ignored
        details = replace(details, email=typed)
    try:
        clean = check_invoice(_as_invoice(details))
    except InvalidInvoice:  # kept for the validator to say why; then nothing changes
        return Fill(replace(turn.values, invoice=details), part)
    details = InvoiceDetails(str(clean.kind), clean.title, clean.tax_no, clean.email)
    if details == turn.values.invoice:
        return Fill(turn.values, note=f"发票已经登记好了：{invoice_text(details)}。")
    head = "已把发票改成" if turn.values.invoice else "好的，发票记下了"
    return Fill(
        replace(turn.values, invoice=details),
        part,
        f"{head}：{invoice_text(details)}。确认收货后1-3个工作日开出。",
    )


def _invoice_asked(turn: Turn) -> Fill[OrderValues] | None:
    """ "能开发票吗" while ordering: yes, and how to give it now (or what is registered)."""
    text = turn.rest
    if not (_INVOICE_WORD.search(text) and QUESTION.search(text)) or _INVOICE_GONE.search(text):
        return None
    details = turn.values.invoice
    if details is not None:
        said = f"这单的发票已经登记：{invoice_text(details)}。确认收货后1-3个工作日开出。"
    else:
        said = f"可以开电子发票，确认收货后1-3个工作日开出。{CHECKOUT_FORMAT}"
    return Fill(turn.values, note=said)


def _invoice_removed(turn: Turn) -> Fill[OrderValues] | None:
    if not _INVOICE_GONE.search(turn.text):
        return None
    if turn.values.invoice is None:
        return Fill(turn.values, note="好的，这单不开发票。")
    return Fill(replace(turn.values, invoice=None), ALL, "好的，这单不开发票了。")


async def _check_invoice(turn: Turn) -> str | None:
    details = turn.values.invoice
    if details is None:
        return None
    try:
        check_invoice(_as_invoice(details))
    except InvalidInvoice as exc:
        reason = INVOICE_REASONS.get((exc.field, exc.reason), "发票信息不完整。")
        if exc.reason in _INCOMPLETE:  # the shopper may not know what to send: how
            return f"{reason}\n{CHECKOUT_FORMAT}"
        return f"{reason}这次的发票信息没有记下。"
    return None


INVOICE = Slot[OrderValues](
    OrderStep.INVOICE,
    "发票",
    filled=lambda v: v.invoice is not None,
    clear=lambda v: replace(v, invoice=None),
    extract=(anywhere(_invoice_removed), anywhere(_invoice)),
    required=False,
    validate=_check_invoice,
)


def extras_lines(values: OrderValues, sf_extra_fen: int | None = None) -> list[str]:
    """The confirmation's lines for the extras the shopper gave (a 顺丰 wish with its extra)."""
    extra = f"（另补{yuan(sf_extra_fen)}运费差价，不含在应付里）" if sf_extra_fen else ""
    lines = [f"备注：{values.note}{extra if '顺丰' in values.note else ''}"] if values.note else []
    if values.invoice is not None:
        lines.append(f"发票：{invoice_text(values.invoice)}")
    return lines


def stored_invoice(values: OrderValues) -> Invoice | None:
    return _as_invoice(values.invoice) if values.invoice is not None else None
