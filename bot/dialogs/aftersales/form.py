"""Kind (退货/退款/换货), reason, photo evidence, confirmation → a ticket and its number.

Photos arrive as image messages (MediaId kept, at most 9, the store's limit) at any step: one
sent before the form asks for it is kept too, rather than answered with "please type a reason".
"我要退货，尺码不合适" gives the kind and the reason at once; "不是退货，是换货" changes the kind.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.business import return_cases
from bot.business.tickets import alert as alert_staff
from bot.dialogs import words
from bot.dialogs.aftersales.values import AfterSalesStep, TicketValues
from bot.dialogs.card_questions import values_by_spec as catalogue_specs
from bot.dialogs.order.specs import keys_of, spec_values_in
from bot.dialogs.parse import bought_when, pick_number
from bot.dialogs.slot import (
    ALL,
    Again,
    Done,
    Fill,
    FinalStep,
    FormTurn,
    Slot,
    anywhere,
    asked,
    near,
)
from bot.dialogs.turn import word_of
from bot.protocol import Kind
from bot.shop import catalog
from bot.shop.texts import TICKET_KIND, numbered
from bot.storage import OrderNotFound, Ticket, TicketAlreadyOpen, TicketKind, TicketNotAllowed
from knowledge.entities import ORDER_NO
from knowledge.model import Product

A = AfterSalesStep
Turn = FormTurn[TicketValues]
MAX_PHOTOS = 9
MAX_REASON = 200
KINDS = (TicketKind.RETURN, TicketKind.REFUND, TicketKind.EXCHANGE)
KIND_CHOICES = ("退货退款", "仅退款（没收到货、少发漏发）", "换货")
ASKING = re.compile(
    r"[?？]|吗|呢$|么$|多少|怎么|咋|如何|为什么|为啥|谁|哪|什么时候|啥时候|几天|多久|"
    r"能不能|可不可以|是不是|有没有|行不行|(?:能|可以|会|行|要)\S{0,8}不[。.!！]*$"
    r"|^(?:那|还|也|那还)?(?:要|得|需要)(?:我|我们)?(?:自己)?(?:先)?(?:寄|邮|退回|发回|送回|付|出|掏)"
)
"""A question ("能退多少钱", "钱什么时候到", "拆了能退不", "还要寄回去啊": whether the shopper must
do or pay something); "烂了好几个" is not one."""
_HOW_NOW = re.compile(r"[\s，,。]*(?:咋整|咋办|咋弄|怎么办|怎么弄|怎么处理|如何处理)[?？。!！\s]*$")
"""The "what now" a complaint ends with ("碎了一个 咋整"): asking for help, not about policy."""
RHETORIC = re.compile(
    r"搞什么(?:鬼|名堂)?|(?:什么|啥)破\S{0,2}|什么玩意儿?|干什么吃的|怎么搞的|怎么回事|什么情况"
)
"""Anger shaped as a question ("搞什么", "什么破店"): nothing the shopper wants explained."""
_RESEND = re.compile(r"补发|补寄|重发|重新发|再发")
"""Sending the item again: done as an exchange (换货)."""
_RETURN_VERB = re.compile(
    r"(?:想|要|我要|帮我|给我|申请|直接|赶紧|马上)退(?![货款钱换])|退掉|退回去|退了吧"
)
"""想退, 退掉: a return, said without the word 退货."""
_KIND_WORDS = re.compile(
    r"我?(?:想|要|想要|需要|申请|帮我|给我)?"
    r"(?:退货退款|退换货|退货|退款|换货|换一个|换个|仅退款|退钱|退掉|退回去|退了吧|退(?![货款钱换])|"
    r"(?:补发|补寄|重发|重新发|再发)(?:一个|一件|一份|一下|个|件)?)"
    r"(?:的话|就行|就好|就可以|吧)?"
)
_FILLER = re.compile(r"^(?:因为|原因是|原因|是|就是|主要是)[:：]?|[，,。.!！]+$")
_ABOUT_KIND = re.compile(r"不是|而是|是|改成|换成|改为|还是|吧|了|的|我|想|[，,。.!！\s]")
_COMPLAINT = re.compile(
    r"坏了|坏的|是坏|破了|破损|碎了|裂了|漏水|漏气|有瑕疵|质量问题|质量有问题|发错|少发|漏发|"
    r"用不了|不能用|不工作|不制冷|不保温|掉色|起球|开线|变质|烂了|"
    r"划痕|刮花|划花|磨损|掉漆|变形|凹了|瘪了|脏了|污渍|发霉|生锈|缺件|少配件|少了配件|"
    r"用了(?:以后|之后|后)?.{0,4}(?:过敏|发红|红了|痒|刺痛|长痘|起疹)|过敏了|起疹子|红肿"
)
_FAULT = re.compile(
    r"充不进|充不上|充不了电|不能充电|不充电|开不了机|开不开机了|不开机|打不开了|无法开机|自动关机|"
    r"没声音|没有声音|没声了|不出声|(?<!亮)不亮了?|(?<!响)不响了?|连不上|连接不上|配对不上|"
    r"不出水|(?<!转)不转了?|没反应|失灵|死机|黑屏|花屏|有杂音|电流声|断断续续|"
    r"不加热|不热了|加热不了|热不了|不制热|拧不紧|盖不紧|盖不严|关不紧|关不严|合不上|扣不上"
)
"""A bought thing that does not work (充不进去电, 开不了机, 耳机没声音): a fault to repair or
replace, reported like a broken one (not 亮不亮, 响不响: whether it would)."""
_REACTION = re.compile(
    r"过敏|起痘|长痘|爆痘|闷痘|冒痘|起疹|红疹|疹子|起红点|红肿|刺痛|刺疼|发痒|瘙痒|好痒|很痒|"
    r"脸红|脸都红|脸也红|泛红|烂脸|辣眼睛|拉肚子|吃坏|肚子疼|闹肚子"
)
"""A bad reaction after using or eating something (用了过敏, 脸都红了, 吃了拉肚子)."""
_NOT_A_COMPLAINT = re.compile(
    r"有没有|推荐|哪款|哪个好|不漏|防漏|会不会|容易|怕|担心|"
    r"会过敏|会起痘|会长痘|会烂脸|过敏体质|敏感肌|不过敏|防过敏|抗过敏|不致敏|"
    r"会(?:容易)?(?:起球|掉色|褪色|缩水|变形|开线|漏水|生锈|掉漆)|"
    r"起不起球|掉不掉色|褪不褪色|缩不缩水|漏不漏水?|"
    r"(?:坏|碎|破|裂|压坏|摔坏|摔碎)了?的话|(?:坏|碎|破)了?(?:包赔|算谁的)|包不包赔|赔不赔"
)
"""A product asked about before buying (会起球吗, 洗了会掉色吗, 起不起球): whether a problem
would happen is a question about the goods, not one with what arrived (坏了会退吗 still is)."""
_REASON_LABEL = re.compile(r"(?:原因|理由)(?:是|改成|改为|[:：])\s*(?P<reason>.+)")


def kind_in(text: str) -> TicketKind | None:
    """退货 → return, 换货 → exchange, 退款 → refund (退货退款 is a return). In "不是退货是换货"
    the word after 是 counts."""
    if m := re.search(r"不是.*?是(.+)$", text):
        text = m.group(1)
    if "换" in text or _RESEND.search(text):
        return TicketKind.EXCHANGE
    if "退货" in text:
        return TicketKind.RETURN
    if "退款" in text or "退钱" in text:
        return TicketKind.REFUND
    if _RETURN_VERB.search(text):
        return TicketKind.RETURN
    return None


_ARRIVED = re.compile(r"收到|到了|到手|签收|拿到|送到|用了")
"""The goods arrived: what follows about them is after-sales, not a cancellation."""


def returns_what_arrived(text: str) -> bool:
    """ "东西收到了不想要了 想退": a return of goods that arrived (not 不要了 取消吧)."""
    return bool(_ARRIVED.search(text)) and kind_in(text) is not None and not asks(text)


def asks(text: str) -> bool:
    """Is this a question (about the policy, the money …), rather than a request or a reason?"""
    return bool(ASKING.search(_HOW_NOW.sub("", RHETORIC.sub("", text))))


# ------------------------------------------------------------------------ kind


def _kind_named(turn: Turn) -> Fill[TicketValues] | None:
    """退货 / 换货 / 退款 anywhere; "不是退货，是换货" is all about it (nothing left to read)."""
    if turn.msg.kind is not Kind.TEXT or asks(turn.text):
        return None
    kind = kind_in(turn.text)
    if kind is None:
        return None
    left = _ABOUT_KIND.sub("", _KIND_WORDS.sub("", turn.text))
    resend = _RESEND.search(turn.text) and "换" not in turn.text and not turn.values.kind
    note = RESEND_NOTE if resend else ""  # a change of kind is said by the form itself
    return Fill(replace(turn.values, kind=kind.value), ALL if len(left) < 2 else "", note)


RESEND_NOTE = "好的，补发按换货办理，客服核实后给您安排。"


_SENT_SHORT = re.compile(r"少发|漏发|少寄|漏寄|少给|漏了一|少了一")
"""Part of the order did not come (not 没收到, which may be the whole parcel still on its way)."""
SHORT_KIND = "先按“仅退款”办理，客服核实后给您补发或退款（想直接补发说“补发”）。"


def sent_short(text: str) -> bool:
    return bool(_SENT_SHORT.search(text))


def _kind_short(turn: Turn) -> Fill[TicketValues] | None:
    """ "少发了 毛巾没收到": the shop's choice for it is 仅退款, taken instead of asked."""
    if turn.values.kind or turn.msg.kind is not Kind.TEXT or not sent_short(turn.text):
        return None
    if asks(turn.text) or kind_in(turn.text) is not None:
        return None
    return Fill(replace(turn.values, kind=TicketKind.REFUND.value))  # said with the photos


def _kind_picked(turn: Turn) -> Fill[TicketValues] | None:
    index = pick_number(turn.rest, len(KINDS))
    return Fill(replace(turn.values, kind=KINDS[index].value), ALL) if index is not None else None


_WHICH_WAY = re.compile(
    r"(?:怎么|咋|如何)(?:处理|办|弄|搞|选|整)|咋整|有(?:什么|啥|哪些)(?:办法|选择|方案|区别)|"
    r"(?:什么|啥)区别|(?:是)?(?:什么|啥)意思|选哪个|哪个(?:好|划算|合适)|你们(?:一般)?(?:怎么|咋)"
)
"""Asking what the choices are, at the choice ("怎么处理啊", "有啥区别", "选哪个好")."""
_MISSING = re.compile(r"少发|漏发|少寄|漏寄|少了一|缺了|没收到|没发")


def kinds_explained(values: TicketValues) -> str:
    """What each way of handling it means, for the problem said (a fault: postage is ours)."""
    reason = values.reason or ""
    if _MISSING.search(reason):
        return "少发漏发或没收到货选“仅退款”，不用寄回，客服核实后给您补发或退款。"
    if is_complaint(reason):
        return (
            "质量问题的话，退货退款是寄回后全额退钱，换货是寄回后给您换个新的，"
            "来回运费都由我们承担。"
        )
    return (
        "退货退款是把商品寄回，仓库验货后退钱；仅退款用于没收到货、少发漏发，不用寄回；"
        "换货是寄回后换新的，尺码、颜色也可以换。"
    )


def _kinds_asked(turn: Turn) -> Fill[TicketValues] | None:
    """ "怎么处理啊" when asked how: the choices explained for this problem, then asked again."""
    if turn.msg.kind is not Kind.TEXT or not _WHICH_WAY.search(turn.text):
        return None
    return Fill(turn.values, note=kinds_explained(turn.values))


FRESH_KIND = "按“仅退款”给您登记。"


async def _fresh(turn: Turn) -> bool:
    """Is the request about bad fruit of its order (return.fresh)?"""
    values = turn.values
    if not values.order_no:
        return False
    order = await turn.services.db.orders.get_order(
        values.order_no, turn.user, channel=turn.channel
    )
    said = values.reason or (turn.text if turn.msg.kind is Kind.TEXT else "")
    if order is None or not said:
        return False
    case = return_cases.case_of(catalog.kb(turn.ctx), [line.sku for line in order.lines], said)
    return case == return_cases.FRESH


async def _kind_of_case(turn: Turn) -> Fill[TicketValues] | None:
    """Bad fruit is refunded by the share of bad fruit, nothing sent back (return.fresh): its
    way is 仅退款, taken instead of asked."""
    if turn.values.kind or not await _fresh(turn):
        return None
    return Fill(replace(turn.values, kind=TicketKind.REFUND.value), note=FRESH_KIND)


async def ask_kind(turn: Turn) -> str:
    return f"请问您想怎么处理？回复序号：\n{numbered(KIND_CHOICES)}"


KIND = Slot[TicketValues](
    A.KIND,
    "处理方式",
    filled=lambda v: bool(v.kind),
    clear=lambda v: replace(v, kind=None),
    extract=(
        anywhere(_kind_named),
        anywhere(_kind_short),
        asked(_kind_picked),
        asked(_kinds_asked),
    ),
    ask=ask_kind,
    only=_kind_of_case,
    show=lambda v: TICKET_KIND[TicketKind(v.kind)] if v.kind else "",
    retry="请回复 1、2 或 3 选择处理方式。",
)


# ------------------------------------------------------------------------ what to exchange to

_EXCHANGE_TO = re.compile(
    r"(?:我?(?:想|要|想要|需要|帮我|给我)?(?:换成|换个|换一个|换一件|换件|换到|换)"
    r"|要(?:的是)?|还是|改成|改为)[\s：:]*$"
)
"""The words before the spec wanted ("想换个L", "还是黑的"): taken with it, never the reason."""
_SPEC_TAIL = re.compile(r"(?:码|号|色|的|款)?")
_ONLY_ABOUT_SPEC = re.compile(
    r"颜色|尺码|码数|大小|不变|一样|不用换|还是|就行|就好|吧|的|了|要|换|[\s，,。.!！~～]"
)


def _wanted_named(turn: Turn) -> Fill[TicketValues] | None:
    """The spec an exchange is for ("卫衣小了 想换个L", later "颜色不变 还是黑的"), in the
    catalogue's words; what it leaves of the message is the reason."""
    values = turn.values
    if turn.msg.kind is not Kind.TEXT or asks(turn.text):
        return None
    exchanging = values.kind == TicketKind.EXCHANGE.value or kind_in(turn.text) is (
        TicketKind.EXCHANGE
    )
    if not exchanging:
        return None
    text = turn.rest
    found = _values_wanted(ORDER_NO.sub(" ", text), _catalogue_item(turn))
    if not found:
        return None
    wanted = dict(pair.split(":", 1) for pair in values.wanted)
    wanted.update(found)
    order = list(catalogue_specs(catalog.kb(turn.ctx)))  # 颜色 before 尺码, as specs are shown
    names = sorted(wanted, key=lambda name: order.index(name) if name in order else len(order))
    pairs = [f"{name}:{wanted[name]}" for name in names]
    kind = values.kind or TicketKind.EXCHANGE.value
    new = replace(values, wanted=pairs, kind=kind)
    left = _ONLY_ABOUT_SPEC.sub("", _without_values(text, found))
    return Fill(new, ALL if len(left) < 2 else _clause_of(text, found))


_ASKING_FOR = re.compile(r"换成|换个|换一个|换一件|换到|换|要的是|想要|我要|改成|改为")


def _values_wanted(text: str, item: Product) -> dict[str, str]:
    """The spec values named after the words asking for them ("收到的是白色 我要黑色" → 黑色),
    else anywhere in `text` ("还是黑的")."""
    for asking in reversed(list(_ASKING_FOR.finditer(text))):
        found = spec_values_in(text[asking.end() :], item)
        if found:
            return found
    return spec_values_in(text, item)


def _catalogue_item(turn: Turn) -> Product:
    """A stand-in product that comes in every spec value of the catalogue (the order's own
    product is checked when the request is shown)."""
    kb = catalog.kb(turn.ctx)
    specs = catalogue_specs(kb)
    return Product(sku="", name="", category="", brand="", price_fen=0, stock=0, specs=specs)


def _without_values(text: str, found: dict[str, str]) -> str:
    folded = text.casefold()
    for value in found.values():
        for key in sorted(keys_of(value), key=len, reverse=True):
            folded = folded.replace(key, " ")
        if value.endswith("色"):
            folded = folded.replace(value[:-1].casefold(), " ")
    return folded


def _clause_of(text: str, found: dict[str, str]) -> str:
    """The part of `text` that says what is wanted: the first value named, with the words
    before it that ask for it (想换个) and its tail (码, 的)."""
    folded = text.casefold()
    spans = []
    for value in found.values():
        keys = [*keys_of(value), *([value[:-1].casefold()] if value.endswith("色") else [])]
        at = min((folded.find(k) for k in keys if k and k in folded), default=-1)
        if at >= 0:
            spans.append(at)
    if not spans:
        return ""
    start = min(spans)
    head = _EXCHANGE_TO.search(text[:start])
    begin = head.start() if head else start
    end = start
    while end < len(text) and not text[end].isspace() and text[end] not in "，,。":
        end += 1
    tail = _SPEC_TAIL.match(text, end)
    return text[begin : tail.end() if tail else end]


def wanted_text(values: TicketValues) -> str:
    """ "黑色 L": the values asked for, as the shopper reads them."""
    return " ".join(pair.split(":", 1)[1] for pair in values.wanted)


WANTED = Slot[TicketValues](
    "wanted",
    "要换的规格",
    filled=lambda v: bool(v.wanted),
    clear=lambda v: replace(v, wanted=[]),
    extract=(anywhere(_wanted_named),),
    show=wanted_text,
    required=False,
)


# ------------------------------------------------------------------------ reason


def _reason_of(text: str) -> str | None:
    """The reason in the shopper's words; None for a question (it is answered instead) or a
    word that only moves the form on ("好了", "确认")."""
    text = ORDER_NO.sub(" ", text)  # a number is the order (even one refused), never the reason
    reason = _FILLER.sub("", _HOW_NOW.sub("", text).strip(" ，,。")).strip(" ，,。")
    reason = re.sub(r"\s{2,}", "，", reason)  # where a kind word was taken out (想退)
    if (
        len(reason) < 2
        or asks(reason)
        or word_of(reason) in _GO_ON
        or words.goes_on(word_of(reason))
    ):
        return None
    return reason[:MAX_REASON]


_PICK = re.compile(r"第?[一二三四五六七八九1-9]个?")
_GO_ON = words.PHOTOS_DONE | words.YES


def _reason_labelled(turn: Turn) -> Fill[TicketValues] | None:
    found = _REASON_LABEL.search(turn.text)
    reason = _reason_of(found.group("reason")) if found else None
    return Fill(replace(turn.values, reason=reason), ALL) if reason and found else None


def _reason_with_kind(turn: Turn) -> Fill[TicketValues] | None:
    """ "我要退货，尺码不合适": what is left beside the kind (and an order number) is the reason."""
    if turn.values.reason or not _KIND_WORDS.search(turn.rest):
        return None
    left = ORDER_NO.sub(" ", _KIND_WORDS.sub(" ", turn.rest))
    left = re.sub(r"^[\s，,。]*(?:订单|这个订单|这单)?[\s，,。]*", "", left)
    reason = _reason_of(left)
    if reason is None or len(reason) < 3 or word_is_filler(reason):
        return None
    return Fill(replace(turn.values, reason=reason), ALL)


_SKIN = re.compile(
    r"过敏|发红|红了|泛红|脸红|脸都红|痒|刺痛|刺疼|起疹|红疹|疹子|红肿|长痘|起痘|爆痘|冒痘|闷痘|烂脸"
)
SKIN_CARE = "先停用，用清水洗净；红肿严重的话请及时就医。"
"""Said first when the problem is the shopper's skin: their health before the refund."""


def care_advice(text: str) -> str:
    return SKIN_CARE if is_complaint(text) and _SKIN.search(text) else ""


_WHETHER = re.compile(
    r"(?:掉色|褪色|掉毛|起球|缩水|变形|开线|漏水|漏气|生锈|掉漆|变质|过敏)"
    r"(?:吗|么|嘛|不|没|没有)[\s?？。~～]*$"
)
"""A problem named as the question itself ("掉色吗", "起球不"): whether it happens to the goods."""
_HAD_IT = re.compile(
    r"收到|到了|到手|签收|拿到|送到|送来|寄来|发来|发过来|寄过来|用了|穿了|洗了|戴了|吃了|"
    r"买的|买了|刚买|已经|这次|我的|我家的"
)
"""The shopper had the goods (收到, 用了, 我买的): what follows is about what they got."""
_WHAT_IF = re.compile(
    r"(?:咋办|咋整|怎么办|怎么弄|怎么处理|如何处理|怎么赔|赔吗|包赔|能退吗|能换吗|可以退吗|管不管|算谁的)"
    r"[\s?？。~～]*$"
)


def asks_whether(text: str) -> bool:
    """ "掉色吗", "卫衣起球吗": a question about the goods before buying, never a claim."""
    return bool(_WHETHER.search(text)) and not _HAD_IT.search(text)


def what_if(text: str) -> bool:
    """ "坏了咋办", "碎了包赔吗" without a word of having the goods: asked before buying, or a
    complaint about goods the shopper has; which one, only their orders tell."""
    return is_complaint(text) and bool(_WHAT_IF.search(text)) and not _HAD_IT.search(text)


def is_complaint(text: str) -> bool:
    """收到的杯子是坏的, 杯子有划痕, 发错货了: a problem with what arrived (not 有没有不漏水的杯子,
    not 掉色吗)."""
    said = _COMPLAINT.search(text) or _REACTION.search(text) or _FAULT.search(text)
    return bool(said) and not _NOT_A_COMPLAINT.search(text) and not asks_whether(text)


_REQUEST = re.compile(
    r"(?:我|想|要|想要|需要|申请|帮我|麻烦)*(?:退货退款|退换货|退货|退款|换货|售后|仅退款)"
    r"(?:吧|了|一下|下)?"
)
"""我要换货, 申请退货, 退款吧: asking for after-sales itself (能换货吗 asks about it)."""


def asks_for_after_sales(text: str) -> bool:
    """The shopper wants after-sales now: a problem with what arrived, or the request itself."""
    bare = text.strip(" ，,。.!！~～")
    return is_complaint(bare) or bool(_REQUEST.fullmatch(bare))


def _reason_complaint(turn: Turn) -> Fill[TicketValues] | None:
    """The problem itself is the reason: "收到的杯子是坏的" opens the form with it."""
    if turn.values.reason or turn.msg.kind is not Kind.TEXT or not is_complaint(turn.rest):
        return None
    reason = _reason_of(ORDER_NO.sub(" ", turn.rest))
    return Fill(replace(turn.values, reason=reason), ALL) if reason else None


def word_is_filler(text: str) -> bool:
    return bool(
        re.fullmatch(
            r"[\s，,。]*(?:我|想|要|申请|一下|吧|了|的|这个|那个|麻烦|帮我)*[\s，,。]*", text
        )
    )


_PROBLEM = re.compile(
    r"小了|大了|偏小|偏大|不合身|不合适|坏了|破了|破损|裂了|漏了|漏液|开线|开胶|掉色|褪色|起球|缩水|"
    r"瑕疵|质量|发错|少发|漏发|错发|没收到|过期|变质|坏果|烂了|异味|不好用|用不了|不能用|充不进|"
    r"不亮|不响|没反应|不喜欢|不想要|买错|拍错|买多|拍多|过敏|红肿|刺痛|长痘|太紧|太松|不合脚|磨脚"
)
"""What went wrong, said in passing ("之前买的T恤小了 想换XL"): the reason, before it is asked."""
KEEPS = re.compile(r"不想要|不要了|不喜欢|不需要了|用不上|买错|拍错|买多|拍多")
"""Reasons that read like leaving (不想要了): at the reason step they are the answer."""


def _reason_described(turn: Turn) -> Fill[TicketValues] | None:
    """A problem described before the reason is asked: the sentence it is in is the reason."""
    if turn.values.reason or turn.asked == A.REASON or turn.msg.kind is not Kind.TEXT:
        return None
    if not _PROBLEM.search(turn.rest) or asks(turn.text):
        return None
    reason = _reason_of(ORDER_NO.sub(" ", turn.rest).strip())
    return Fill(replace(turn.values, reason=reason)) if reason else None


def _reason_answer(turn: Turn) -> Fill[TicketValues] | None:
    if turn.word in words.YES | words.NO or word_is_filler(_KIND_WORDS.sub(" ", turn.rest)):
        return None  # "我要退货" said again is the request, not why
    if _PICK.fullmatch(turn.word):
        return None  # "第一个": a choice from a list (the order, already taken), not why
    if bought_when(turn.rest):
        return None  # "我上周买的": which order, not why
    reason = _reason_of(turn.rest)
    return Fill(replace(turn.values, reason=reason), ALL) if reason else None


_SKIP = frozenset({"跳过", "不想说", "不说了", "没什么原因", "没啥原因", "没原因", "无"})
SWAP_REASONS = {"尺码": "尺码不合适", "颜色": "想换颜色"}
NO_REASON = "未说明原因"


def swap_reason(values: TicketValues) -> str:
    """The reason an exchange of spec gives by itself ("L换成XL": the size does not fit)."""
    names = [pair.split(":", 1)[0] for pair in values.wanted]
    said = [SWAP_REASONS[n] for n in names if n in SWAP_REASONS]
    return "，".join(said) if said else "想换规格"


def _reason_in_swap(turn: Turn) -> Fill[TicketValues] | None:
    """ "L换成XL" when asked why: the exchange's new spec says it (the size does not fit), so the
    reason is not asked again."""
    values = turn.values
    if values.reason or values.kind != TicketKind.EXCHANGE.value or not values.wanted:
        return None
    if "wanted" not in turn.changed:
        return None
    return Fill(replace(values, reason=swap_reason(values)), ALL)


def _reason_skipped(turn: Turn) -> Fill[TicketValues] | None:
    """跳过 at the reason: an exchange of spec has its own reason, anything else none given."""
    if turn.word not in _SKIP:
        return None
    swap = turn.values.kind == TicketKind.EXCHANGE.value and bool(turn.values.wanted)
    reason = swap_reason(turn.values) if swap else NO_REASON
    return Fill(replace(turn.values, reason=reason), ALL)


async def _reason_allowed(turn: Turn) -> str | None:
    """Intimate wear is not returned or exchanged without a fault (return.intimate): a reason
    that is no fault ("不喜欢 颜色太丑") is refused with the rule, and what still can be done."""
    values = turn.values
    if values.kind == TicketKind.REFUND.value or not values.order_no or not values.reason:
        return None
    order = await turn.services.db.orders.get_order(
        values.order_no, turn.user, channel=turn.channel
    )
    if order is None:
        return None
    kb = catalog.kb(turn.ctx)
    case = return_cases.case_of(kb, [line.sku for line in order.lines], values.reason)
    if case != return_cases.INTIMATE or is_complaint(values.reason):
        return None
    if values.reason == NO_REASON:
        return (
            "贴身衣物没有质量问题的话不能退换，抱歉～有问题请说一下是什么问题；不办了回复“取消”。"
        )
    names = "、".join(dict.fromkeys(line.name for line in order.lines))
    return (
        f"{names}属于贴身衣物，出于卫生原因，不喜欢、尺码不合适这类原因不支持退换，抱歉～"
        "有质量问题（破损、开线、发错货等）可以退换，说一下是什么问题就行；不办了回复“取消”。"
    )


async def ask_reason(turn: Turn) -> str:
    if turn.values.kind == TicketKind.EXCHANGE.value and not turn.values.wanted:
        return "请简单说一下原因，以及想换成什么规格，例如“尺码偏小，换XL”。"
    return "请简单说一下原因，例如“尺码不合适”“商品有破损”。"


REASON = Slot[TicketValues](
    A.REASON,
    "原因",
    filled=lambda v: bool(v.reason),
    clear=lambda v: replace(v, reason=None),
    extract=(
        anywhere(_reason_labelled),
        anywhere(_reason_with_kind),
        anywhere(_reason_complaint),
        anywhere(_reason_described),
        anywhere(_reason_in_swap),
        asked(_reason_skipped),
        asked(_reason_answer),
    ),
    ask=ask_reason,
    validate=_reason_allowed,
    show=lambda v: v.reason or "",
    free_text=True,
    keeps=KEEPS,
    retry="请用一句话说明原因，例如“尺码不合适”。",
)


# ------------------------------------------------------------------------ more about it

_CONDITION = re.compile(r"没穿|没用|没拆|没洗|没开封|吊牌|标签|包装|全新|包裹|面单|箱子|快递")
"""How the goods are (没穿过, 吊牌都在) or came (就一个包裹): worth passing on to staff with the
reason."""
MAX_DETAILS = 3


def _detail_added(turn: Turn) -> Fill[TicketValues] | None:
    """More about the problem once the reason is known ("就是尺码不合适 没穿过 吊牌都在" while
    the photos are asked): kept beside the reason for staff, never read as another answer."""
    values = turn.values
    if not values.reason or turn.msg.kind is not Kind.TEXT or len(values.details) >= MAX_DETAILS:
        return None
    said = _reason_of(ORDER_NO.sub(" ", turn.rest))
    if said is None or not (_PROBLEM.search(said) or _CONDITION.search(said)):
        return None
    if said in values.reason or said in values.details:
        return None
    return Fill(replace(values, details=[*values.details, said]), ALL, "好的，这些情况也记下了。")


def full_reason(values: TicketValues) -> str:
    """The reason with what the shopper added about it, as staff read it on the ticket."""
    return "；".join([str(values.reason or ""), *values.details])[:MAX_REASON]


DETAILS = Slot[TicketValues](
    "details",
    "补充情况",
    filled=lambda v: bool(v.details),
    clear=lambda v: replace(v, details=[]),
    extract=(near(_detail_added),),
    required=False,
)


# ------------------------------------------------------------------------ photos


def _photo(turn: Turn) -> Fill[TicketValues] | None:
    if turn.msg.kind is not Kind.IMAGE:
        return None
    media = turn.msg.extra.get("MediaId") or turn.msg.extra.get("PicUrl", "")
    photos = list(turn.values.photos)
    if not media or len(photos) >= MAX_PHOTOS:
        return Fill(turn.values, note=f"最多可以附{MAX_PHOTOS}张照片，已经够啦。")
    photos.append(media)
    done = len(photos) >= MAX_PHOTOS or turn.values.photos_done
    said = "" if turn.asked == A.PHOTOS else f"收到照片（共{len(photos)}张），会附在售后申请里。"
    return Fill(replace(turn.values, photos=photos, photos_done=done), ALL, said)


def _photos_done(turn: Turn) -> Fill[TicketValues] | None:
    """好了 after the photos, also when the form was asking something else (the reason): the
    photos are done, and what is still missing is asked."""
    photos = turn.values.photos
    if turn.word not in words.PHOTOS_DONE or turn.values.photos_done or len(photos) >= MAX_PHOTOS:
        return None
    if turn.asked == A.PHOTOS:
        return Fill(replace(turn.values, photos_done=True), ALL)
    if not photos or turn.word in words.NO:
        return None
    return Fill(replace(turn.values, photos_done=True), ALL, f"好的，{len(photos)}张照片收好了。")


_PHOTOS_HOW = re.compile(
    r"(?:照片|图片|相片|图|视频)(?:要|该|得)?(?:怎么|咋|如何|往哪|发哪|在哪|从哪)"
    r"|(?:怎么|咋|如何|在哪|往哪)(?:发|传|上传|给)(?:照片|图片|图|你们|给你)?"
    r"|直接(?:发|传)(?:在)?(?:这|这里|这儿|聊天)"
)
"""How to send the photos ("照片怎么给你们 直接发这里吗"), asked where they are wanted."""
PHOTOS_HOW = "直接在这个聊天里发图片就行：点输入框旁边的“+”，选“照片”或“拍摄”，一张张发过来。"


def _photos_how(turn: Turn) -> Fill[TicketValues] | None:
    if turn.msg.kind is not Kind.TEXT or not _PHOTOS_HOW.search(turn.text):
        return None
    return Fill(turn.values, ALL, PHOTOS_HOW)


async def ask_photos(turn: Turn) -> str:
    count = len(turn.values.photos)
    if turn.msg.kind is Kind.IMAGE and count:
        return f"收到第{count}张照片，可以继续发，发完回复“好了”。"
    have = f"已收到{count}张照片。" if count else ""
    if sent_short(turn.values.reason or ""):  # what came is the evidence of what did not
        head = "" if turn.asked == A.PHOTOS else await _short_head(turn)
        return (
            f"{have}{head}请拍一下收到的包裹和快递面单发给我（最多{MAX_PHOTOS}张），"
            "发完回复“好了”；没有照片请回复“跳过”。"
        )
    if await _fresh(turn):  # return.fresh: no photos, nothing can be done
        return (
            f"{have}请拍一下坏果和外包装发给我（最多{MAX_PHOTOS}张），发完回复“好了”；"
            "确实没法拍的话回复“跳过”，客服核实后联系您。"
        )
    return (
        f"{have}可以发几张照片（商品问题、破损处或快递面单），最多{MAX_PHOTOS}张，"
        "发完回复“好了”；没有照片请回复“跳过”。"
    )


async def _short_head(turn: Turn) -> str:
    """What is registered for a missing item, said once before its photos are asked."""
    missing = await _missing_from_order(turn)
    what = f"订单 {turn.values.order_no} 少了{missing}，" if missing else ""
    refund = turn.values.kind == TicketKind.REFUND.value
    return f"帮您登记少发：{what}{SHORT_KIND if refund else ''}"


async def _missing_from_order(turn: Turn) -> str:
    """The order's products the reason names ("毛巾没收到" → 长绒棉毛巾3条装), else ""."""
    order_no = turn.values.order_no
    if not order_no:
        return ""
    order = await turn.services.db.orders.get_order(order_no, turn.user, channel=turn.channel)
    if order is None:
        return ""
    named = {p.sku for p in catalog.named_products(turn.ctx, turn.values.reason or "")}
    return "、".join(dict.fromkeys(line.name for line in order.lines if line.sku in named))


def needs_photos(values: TicketValues) -> bool:
    """Photos show a problem; a size or colour exchange of goods without one needs none."""
    swap = values.kind == TicketKind.EXCHANGE.value and bool(values.wanted)
    return not swap or is_complaint(values.reason or "") or bool(values.photos)


PHOTOS = Slot[TicketValues](
    A.PHOTOS,
    "照片",
    applies=needs_photos,
    filled=lambda v: v.photos_done or len(v.photos) >= MAX_PHOTOS,
    clear=lambda v: replace(v, photos_done=False),
    extract=(anywhere(_photo), anywhere(_photos_done), asked(_photos_how)),
    ask=ask_photos,
    retry="请发照片，发完回复“好了”；没有照片回复“跳过”。",
)


# ------------------------------------------------------------------------ confirm


async def ask_confirm(turn: Turn) -> str:
    values = turn.values
    kind = TicketKind(str(values.kind))
    swap = await exchange_to(turn)
    photos = f"照片：{len(values.photos)}张" if needs_photos(values) else "照片：换规格不用拍照"
    return "\n".join(
        [
            "请确认售后申请：",
            f"订单：{values.order_no}",
            f"处理方式：{TICKET_KIND[kind]}",
            *([f"换成：{swap}"] if swap else []),
            f"原因：{full_reason(values)}",
            photos,
            "回复“确认”提交；要改直接告诉我（例如“改成换货”“原因是…”），不办了回复“取消”。",
        ]
    )


async def exchange_to(turn: Turn) -> str:
    """What an exchange asks for, against the ordered product: "重磅连帽卫衣 黑色 L（原来是黑色
    M）"; the values alone when no line of the order comes in them."""
    values = turn.values
    if values.kind != TicketKind.EXCHANGE.value or not values.wanted or not values.order_no:
        return ""
    wanted = dict(pair.split(":", 1) for pair in values.wanted)
    order = await turn.services.db.orders.get_order(
        values.order_no, turn.user, channel=turn.channel
    )
    products = catalog.kb(turn.ctx).products
    for line in order.lines if order is not None else []:
        product = products.get(line.sku)
        if product is None or not isinstance(line.spec, dict):
            continue
        if all(value in product.specs.get(name, ()) for name, value in wanted.items()):
            new = {**line.spec, **wanted}
            now, then = " ".join(new.values()), " ".join(line.spec.values())
            if not then:  # a line without specs: nothing to compare with
                return f"{line.name} {now}"
            was = "和订单一样" if now == then else f"原来是{then}"  # a wrong item sent again
            return f"{line.name} {now}（{was}）"
    return f"{wanted_text(values)}（客服会和您确认有没有这个规格）"


async def again_confirm(turn: Turn) -> str:
    return "售后申请还没提交：回复“确认”提交，要改直接告诉我。"


async def answer_confirm(turn: Turn) -> Done | Again | None:
    if turn.word in words.MODIFY or turn.word in words.NO:
        return Again("好的，要改什么直接告诉我，例如“改成换货”“原因是商品有破损”。")
    if turn.word not in words.YES:
        return None
    try:
        ticket = await _open_ticket(turn)
    except TicketAlreadyOpen as exc:
        return Done(
            f"这个订单已经有一个售后单在处理中：{exc.ticket_no}\n发“售后进度”可以查看处理情况。"
        )
    except (OrderNotFound, TicketNotAllowed):
        return Done("这个订单现在不能申请售后，如有疑问请回复“人工”。")
    # Staff hear of it now; the scheduler's sweep is the fallback when nobody could be reached,
    # and the ticket's alert claim (alerted_at) keeps the two from alerting twice.
    turn.services.tasks.spawn(alert_staff(turn.services, ticket))
    return Done(
        f"售后申请已提交！\n售后单号：{ticket.ticket_no}\n"
        "客服会尽快审核，结果会发消息通知您；发“售后进度”可随时查看。"
    )


async def _open_ticket(turn: Turn) -> Ticket:
    values = turn.values
    swap = await exchange_to(turn)
    reason = f"{full_reason(values)}；换成：{swap}" if swap else full_reason(values)
    return await turn.services.db.tickets.create_ticket(
        str(values.order_no),
        turn.user,
        TicketKind(str(values.kind)),
        reason[:MAX_REASON],
        list(values.photos),
        channel=turn.channel,
    )


CONFIRM = FinalStep[TicketValues](
    A.CONFIRM,
    ask_confirm,
    answer_confirm,
    events={"submitted": "[*]", "refused": "[*]"},
    again=again_confirm,
)
