"""The matcher: one shopper message → intent, band, FAQ answer, products and entities.

Per message: normalise (normalize.py), cut with the shop's jieba dictionary (lexicon.py), look up
candidates in inverted indexes (index.py) and re-rank only those with rapidfuzz (phrases.py,
products.py). Building happens once per knowledge load; `match` never touches the whole catalogue,
never raises on any input, and never does I/O.
"""

from __future__ import annotations

import gc
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from knowledge.bands import DEFAULT_THRESHOLDS, Band, Thresholds, band_for
from knowledge.classifier import IntentClassifier, features, training_set
from knowledge.entities import (
    ORDER_NO,
    Entities,
    SpecFinder,
    find_order_no,
    find_phone,
    find_price_range,
    find_quantity,
)
from knowledge.intent_rules import IntentRules
from knowledge.lexicon import Lexicon
from knowledge.model import KnowledgeBase, Product
from knowledge.normalize import clean, normalize, squash, without_ack
from knowledge.phrases import PhraseHit, PhraseIndex, PhraseQuery, bigrams
from knowledge.products import ProductHit, ProductIndex, ProductSearch
from knowledge.regions import CITIES, without_places
from knowledge.scoring import (
    CONCRETE_OVERRIDE,
    FAQ_WEIGHT,
    PRODUCT_WEIGHT,
    STRONG_EVIDENCE,
    WEAK_DAMPING,
    combine,
    damp_weak,
    from_classifier,
    from_similarity,
    ranked,
)
from knowledge.similarity import strip_text
from knowledge.typos import TypoFixer
from knowledge.wants import WantFinder, Wants, meets

MAX_RAW_CHARS = 2000
RECENT_RESULTS = 4096  # recent texts whose results are kept (a few MB at most)
RECENT_MAX_CHARS = 200  # longer texts are rarely repeated; not worth the memory
"""Longer input is not read at all (WeChat caps a text message at 2048 bytes anyway)."""
MAX_MESSAGE_CHARS = 500
"""A longer message is a letter, not a chat line: fall back and let a human read it."""
CONSTRAINED_LIMIT = 12
"""Products kept for a search with a price or quality wish: the handler filters them."""
CONSTRAINED_POOL = 60
NAME_PIECES = 4
"""The most tokens one product name is found cut into and joined again (自 热 小火锅)."""
_GOODS_JOINS = frozenset({"和", "跟", "与", "还有", "以及", "外加", "加上", "、"})
"""Words between two products named in one message (保温杯和T恤)."""
"""Products a search with a quality wish picks its twelve from (the wish met first)."""
SEARCH_INTENTS = frozenset({"product_search", "product_info", "place_order", "price_promo"})
TOPIC_MIN = 0.62
CLAUSE_TOPIC_MIN = 0.8
"""A clause alone asks a topic only when it is nearly the topic's own words (辣不辣 is 辣度 at
1.0); a clause's loose likeness (几天能到 ~ 保质期 at 0.63, 保修多久 ~ 保温时长) is no topic."""
TOPIC_MAX_CHARS = 60
"""A product question is a short one; a letter about an order is no fact to look up."""
"""Similarity to a topic's asks needed to read a message as that product question."""
FAQ_SPECIFIC_BONUS = 0.08
"""Ranking bonus of an FAQ whose `needs` the message says: 开增票可以吗 names the 专票 answer's
word, so that answer beats the general "how to get an invoice" one that is a little more alike."""
FAQ_CLEAR = 0.62
FAQ_CONTRAST = 0.08
"""An FAQ answer this alike and this far ahead of the next entry is clear: it is offered even when
the message reads as a neighbouring intent (几天能到啊 reads as order_status; the answer is the
delivery-time policy), and it is reason enough to act rather than ask which intent was meant."""
CLAUSE_FAQ_MIN = 0.58
"""Similarity each clause's FAQ needs before a message counts as several questions."""
MAX_CLAUSES = 4
_FOLLOW_UP = re.compile(r"(?:那|那么|还有)?[\u4e00-\u9fffa-z0-9]{2,6}呢")
"""A clause after another that asks the same of one more thing ("支付宝能用吗 花呗呢"): short,
and still a question of its own."""
SIDE_CANDIDATES = 10
"""Phrases re-ranked for a topic or for one clause (the whole message already got 40)."""
_CLAUSE = re.compile(r"[,，。.!！?？;；、\s]+")
_ASKED_FOR = re.compile(
    r"(?:(?:^|\s|你们这儿?|你们|你家|您家|店里|这里|这边|这儿|咱们|请问|一下|问下|还)"
    r"(?:有没有卖|有没有|有木有|有卖|卖不卖|有|卖)|想买|想要|要买|买个|买点|推荐)"
    r"(?:一个|一款|一台|一部|个|款|台|部|点)?(?!不|没)([^\s]{2,20})"
)
"""What a message asks the shop to sell. A bare 有 must start the ask: in 卫衣有XL码吗 the
shopper asks about a hoodie's size, not for an "XL"."""
_MEASURE_FIRST = re.compile(r"^(?:一个|个|件|双)(?=[\u4e00-\u9fff]$)")
"""个 of 想买个锅 (the thing one character), never the 口 of 口罩 or the 台 of 台灯."""
_SELLS_ONE = re.compile(
    r"(?:卖不卖|有没有卖|有卖|卖)((?![吗么嘛呢吧啊不没的了])[\u4e00-\u9fff])(?:卖不|吗|么|嘛|呢|不)?$"
)
"""A thing of one character asked for with a selling verb (卖不卖酒, 有卖烟吗): jieba's words and
the two-character minimum of `_ASKED_FOR` miss it, and 卖不卖 must not be read as the thing."""
_HAS_ONE = re.compile(
    r"^(?:你们|你家|店里|这里|这边|请问)*有((?![吗么嘛呢吧啊不没的了])[\u4e00-\u9fff])(?:吗|么|嘛|不)$"
)
"""The same said with a bare 有 starting the clause (有酒吗 白酒): the clause is nothing else."""
_HAS_AFTER = re.compile(
    r"^(?:那|那么|请问)?(?!这|那|什么|啥|颜色|尺码|型号|规格|货)([\u4e00-\u9fff]{2,8}?|[a-z][a-z0-9]{2,11})"
    r"(?:有没有|有木有|有吗|有么|有嘛|有不|有卖吗|有卖没|有没)(?:卖)?(?:啊|呀|呢)?$"
)
"""The thing asked for before 有没有 ("那猫粮有没有"): asked as 有没有猫粮 is."""
_NONE_OF = re.compile(
    r"^(?:那|连|难道)?(?!这|那|什么|啥|一点)([\u4e00-\u9fff]{2,8}?)(?:都|也|全都)(?:没有|没得卖|不卖|没卖)"
    r"(?:的)?(?:吗|么|嘛|啊|呀|呢)?$"
    r"|^(?:那|难道)?(?:都|也)?(?:没有|不卖|没卖)(?!什么|啥)([\u4e00-\u9fff]{2,8}?)(?:吗|么|嘛|啊)$"
)
"""A kind of thing asked with 都没有 / 也没有 / 没有…吗 (宠物用品都没有？ 没有宠物用品吗): whether the
shop sells any of it."""
_HAS_IDIOMS = frozenset("人事空货码票钱券用效错问")
"""What 有 asks for that is no thing to sell (有人吗, 有空吗, 有货吗, 有码吗)."""
_SHOP_PLACES = re.compile(
    r"(?:实体|线下|门|分|网|旗舰|专卖|直营|加盟)店|专柜|柜台|自提点|仓库|门市|店铺|店面"
)
"""Nouns for the shop itself or where it is (实体店, 门店, 线下店, 仓库): asking for one asks about
the shop, which the FAQ or the staff answer, never for goods the shop does not sell."""
_GIFT_FOR = re.compile(r"(?:适合|可以|能|好)?(?:送给|送)(?!货|到|达)")
"""Who a present is for (送长辈的, 可以送给朋友): what follows is a person, never goods; the thing
asked for, if any, comes before it (茶叶送长辈)."""
_NUMERAL = re.compile(r"[零一二两三四五六七八九十百千万几\d]+[多来]?(?:岁|周岁)?")
"""A number (七十, 五六十): an age or an amount, never a thing asked for."""
_PEOPLE = frozenset(
    {"老人", "老年人", "老伴", "老公", "老婆", "男朋友", "女朋友", "对象", "朋友", "同事", "家人"}
    | {"大人", "长辈", "领导", "客户", "老师", "学生", "孕妇", "自己"}
)
"""People a thing may be for, said where goods would be (有没有适合老年人的)."""
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_NOT_A_NAME = re.compile(r"[你我您他她它的]|帮|给|跟|找|转|叫")
"""Words no product name holds: a stretch with them says what the shopper wants done."""
_NOT_IN_GOODS = frozenset({"human_agent"})
"""Intents whose words also name goods (扫地机器人, 人工草坪, 机器人玩具): inside the name of a
thing asked for, they ask for no person."""
_TRAILING = re.compile(r"(卖吗|卖不|卖的|可以买|一下|看看|吗|么|嘛|吧|呢|的|不|卖)+$")
_PRICE_WORD = re.compile(r"^\d+(\.\d+)?$|以内|以下|以上|左右|块|元|便宜|实惠|适合")
_ASPECT = frozenset(
    {
        "颜色",
        "色",
        "尺码",
        "码",
        "码数",
        "尺寸",
        "大小",
        "规格",
        "型号",
        "款式",
        "款",
        "口味",
        "味道",
        "容量",
        "重量",
        "色号",
        "香型",
        "版型",
        "材质",
        "面料",
        "价格",
        "价钱",
        "库存",
    }
)
"""What a product comes in or shows (有什么颜色, 有几个码): asked about a product, never a thing
to be sold."""
_GENERIC = frozenset(
    {
        "东西",
        "商品",
        "产品",
        "宝贝",
        "什么",
        "啥",
        "好的",
        "推荐",
        "优惠",
        "活动",
        "货",
        "现货",
        "库存",
        "礼物",
        "礼品",
        "好物",
        "好东西",
        "东东",
        "玩意",
        "衣服",
        "吃的",
        "用的",
        "喝的",
    }
)
"""Words that ask for something without naming a kind of thing."""
_GENERIC_TAILS = ("礼物", "礼品", "赠品", "东西", "好物", "宝贝")
_VAGUE = re.compile(
    r"什么|什麽|啥|点儿?|一些|些|好吃|好用|好玩|好看|实用|划算|值得买|推荐|新品|新款|上新|爆款|"
    r"好物|热卖|热销|畅销|人气|网红"
)
"""What asks for "something good" without naming it; jieba glues it to its neighbours (啥推荐).
新品 and 爆款 are the shop's picks asked for, never goods it does not sell."""
_OPENER = re.compile(
    r"^(?:(?:你好|您好|在吗|在么|在不在|在不|哈喽|hello|hi|嗨|请问一下|请问|麻烦问一下|麻烦问下"
    r"|想问一下|想问下|我想问一下|我想问下|问一下|问下|打扰一下|打扰了|亲爱的|亲亲"
    r"|(?:亲|客服|美女|帅哥|老板|掌柜的|小姐姐|店家)(?=\s))\s*)+"
)
_CLOSER = re.compile(r"(?:\s*(?:的话|呢|吧|啊|哈|呀|哦|啦|喔|噢|嘛|捏|咯))+$")
"""What shoppers wrap an ask in (亲 / 你好 请问 before it, 呢 / 吧 / 的话 after it). The examples
and the classifier read the ask without it, because an example written plainly should match the
same ask said politely; the keywords still see the whole message (a bare 在吗 is a greeting)."""
_FALLBACK_LEAD = re.compile(
    r"^(?:要是|如果)?(?:不行|不可以|不能|没有)(?:的话)?(?:就|那就|那)|^(?:要不然|要不|不然|实在不行就?)"
)
"""The lead of a second choice (不行就货到付款, 要不花呗): what follows is asked as it stands."""
_ASKED_AFTER = (
    # 积分有没有 asks 有积分吗; the subject said first makes the question's words come last
    (
        re.compile(r"^(?P<thing>[\u4e00-\u9fff]{2,6}?)(?:有没有|有木有|有没|有吗|有么|有不)$"),
        "有{}吗",
    ),
    # 支付宝也不行？？ after a refusal asks whether that one can be used: 支付宝可以吗
    (
        re.compile(
            r"^(?P<thing>[\u4e00-\u9fff]{2,8}?)(?:也|都|还)(?:不行|不可以|不能用?)(?:吗|么|嘛)?$"
        ),
        "{}可以吗",
    ),
)
"""Questions said after their subject, and the plain order the shop's questions are written in."""
CORE_MIN = 2
"""Characters the unwrapped ask needs; shorter, the message is read whole (在吗呀 is a hello)."""
GREETING_REST = 4
"""Characters beyond the greeting (and thanks, 人工) that make a message more than a hello."""
_ASKS_BACK = re.compile(r"(?:吗|么|嘛|了没有?)$")
"""A message ending as a yes/no question (可以了吗, 弄好了没) checks on something: even made of
thank-you words it is no thanks and no goodbye."""
_SETTLED = re.compile(r"了(?:呢|啊|哈|哦|的|哟)?$")
_STILL_ASKS = re.compile(
    r"[?？]|吗|么|嘛|什么|啥|怎么|为什么|为啥|咋|多久|几|哪|能不能|可不可以|是不是|有没有|没有$"
    r"|帮|(?<!申)请|麻烦|给我|吧|要|想|还没|还是没|没(?:到|收到|发|来|动|更新)"
)
"""What keeps a clause an ask: a question, a request or a want (帮我取消了吧, 不要了), or a
complaint that something has not happened yet (还没到)."""
_ORDER_CARD = re.compile(r"订单(?:编号|号)\s*[:：]?\s*[A-Za-z0-9]{6,}")
"""An order pasted into the chat (订单编号:…): the shopper asks about an order they placed."""
_STOCK = re.compile(r"有货|现货|没货|缺货|补货|到货|有库存")
"""A stock question: before buying about the product, beside a placed order about that order
(labelling guide R9: 我这个订单没货?? is the order's status)."""
LEARNED_MIN_CHARS = 2
"""Characters a message needs before the classifier may speak for it: a lone 张 or 好 says
nothing its character statistics could generalise from."""
NAMED_FLOOR = 0.3
"""A product named in a message says "product search" in proportion to how much of the message
it is: all of 车厘子, little of 为什么牛排煎了还咬不烂 (a question about the steak they have)."""
PRODUCT_INTENTS = frozenset({"product_info", "place_order", "price_promo"})
AFTER_PURCHASE = frozenset(
    {"order_status", "modify_order", "cancel_order", "return_refund", "invoice", "install_repair"}
)
"""Intents about something already bought: a product named beside their words (充电宝发烫了,
卫衣小了想换) is the thing bought, not one to search for."""
"""Intents about one product: two equally good products make them ambiguous."""


@dataclass(frozen=True, slots=True)
class FaqHit:
    id: str
    question: str
    answer: str
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What the matcher understood. In the fallback band `intent` is "other" and the best guesses
    are in `alternatives`, so a router that only looks at `intent` still does the safe thing."""

    text: str
    intent: str
    score: float
    band: Band
    faq: FaqHit | None = None
    products: tuple[ProductHit, ...] = ()
    entities: Entities = field(default_factory=Entities)
    alternatives: tuple[tuple[str, float], ...] = ()
    scored: int = 0
    """Candidates re-ranked for this message (FAQ + examples + products): never the catalogue."""
    wants: Wants = field(default_factory=Wants)
    """Qualities asked for (tags such as 辣 or 送礼, attribute values such as 肤质 油皮, an age)."""
    topic: str | None = None
    """The product-fact topic asked about (保温时长, 洗碗机, 材质), if any."""
    topics: tuple[str, ...] = ()
    """Every topic alike enough, best first: "能保温多久" is as much 续航 (能用多久) as 保温时长,
    and the product asked about tells which (a cup has no battery)."""
    unsold: str | None = None
    """The thing asked for when the shop sells no such thing (手机 when it only has phone cases);
    `products` then holds only products named after it (iPhone15手机壳 for iPhone15)."""
    answers: tuple[FaqHit, ...] = ()
    """One FAQ answer per question when a message asks several (几点前拍当天发 寄到广州几天到)."""

    def to_json(self) -> dict[str, object]:
        faq = self.faq
        return {
            "text": self.text,
            "intent": self.intent,
            "score": round(self.score, 3),
            "band": self.band,
            "faq": None
            if faq is None
            else {
                "id": faq.id,
                "question": faq.question,
                "answer": faq.answer,
                "score": round(faq.score, 3),
            },
            "products": [
                {"sku": p.sku, "name": p.name, "score": round(p.score, 3)} for p in self.products
            ],
            "entities": self.entities.to_json(),
            "alternatives": [[intent, round(score, 3)] for intent, score in self.alternatives],
            "scored": self.scored,
            "wants": self.wants.to_json(),
            "topic": self.topic,
            "topics": list(self.topics),
            "unsold": self.unsold,
            "answers": [
                {"id": a.id, "question": a.question, "score": round(a.score, 3)}
                for a in self.answers
            ],
        }


@dataclass(frozen=True, slots=True)
class _Message:
    """One message prepared once for every index."""

    raw: str
    cleaned: str
    norm: str
    cut: list[str]
    tokens: list[str]
    words: list[tuple[str, tuple[str, ...]]]
    query: PhraseQuery
    specs: Mapping[str, str]


class Matcher:
    """Built once from a KnowledgeBase (about a second for the demo shop), then read-only."""

    def __init__(
        self,
        kb: KnowledgeBase,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        *,
        recent: int = RECENT_RESULTS,
    ) -> None:
        self.kb = kb
        self.thresholds = thresholds
        # The build makes a million small objects and no garbage: the cycle collector would
        # walk the growing heap again and again for nothing (a tenth of a large catalogue's build).
        with _no_cycle_collection():
            self._weak = frozenset(i.id for i in kb.intents.values() if i.weak)
            shop_words = _shop_words(kb)
            self._named_places = _named_places(kb)
            self._named_words = frozenset(w for w in self._named_places.split() if len(w) > 1)
            self._place_matters_memo: dict[str, bool] = {}
            self._lexicon = Lexicon(shop_words, kb.synonyms)
            self._cities = _cities_as_regions(kb)
            self._rules = IntentRules(kb.intents, self._lexicon.synonyms_of)
            prepare = self._fold
            # The examples and FAQ questions are cut once for their indexes and the classifier.
            cuts: dict[str, list[str]] = {}

            def cut_once(folded: str) -> list[str]:
                if folded not in cuts:
                    cuts[folded] = self._lexicon.tokens(folded)
                return cuts[folded]

            self._examples = PhraseIndex(
                [(i.id, e) for i in kb.intents.values() for e in i.examples],
                prepare,
                cut_once,
            )
            self._faqs = PhraseIndex(
                [(f.id, q) for f in kb.faqs.values() for q in f.questions],
                prepare,
                cut_once,
            )
            self._keywords = keywords_of = self._rules.keywords()
            self._faq_asked = {
                f.id: " ".join(normalize(q) for q in f.questions) for f in kb.faqs.values()
            }
            self._needs = {f.id: self._need_groups(f.needs) for f in kb.faqs.values() if f.needs}
            self._faq_topics = _faq_topics(kb, cut_once)
            self._foreign = {
                f.id: _foreign_words(
                    self._needs[f.id], f.intent, keywords_of, [normalize(q) for q in f.questions]
                )
                for f in kb.faqs.values()
                if f.needs
            }
            self._products = ProductIndex(list(kb.products.values()), normalize, self._lexicon)
            self._classifier = IntentClassifier(
                [(label, _features(prepare(text), cut_once)) for label, text in _training_set(kb)]
            )
            self._specs = SpecFinder(kb.products.values())
            self._category_words = {self._lexicon.canonical(normalize(c)) for c in kb.categories}
            spec_names = {name for p in kb.products.values() for name in p.specs}
            self._aspects = _ASPECT | {normalize(name) for name in spec_names}
            self._wants = WantFinder(kb.products.values(), kb.attribute_words)
            self._topics = PhraseIndex(
                [(t.id, ask) for t in kb.topics.values() for ask in (t.id, *t.asks)],
                prepare,
                self._lexicon.tokens,
            )
            self._topic_words = frozenset(
                word
                for t in kb.topics.values()
                for ask in (t.id, *t.asks)
                for word in self._lexicon.tokens(prepare(ask))
            )
            self._typos = TypoFixer(
                _typo_words(kb, shop_words),
                _product_words(kb, self._products.heads),
                self._lexicon.is_word,
                self._lexicon.canonical,
            )
            self._noise = re.compile("|".join(f"(?:{p})" for p in kb.noise)) if kb.noise else None
        # Shoppers repeat themselves (你好, 在吗, 怎么退货): a result depends only on the text and
        # this index, and is immutable, so recent ones are kept. A reload builds a new Matcher.
        self._recent: OrderedDict[str, MatchResult] = OrderedDict()
        self._recent_size = recent
        self._spelled: OrderedDict[str, str] = OrderedDict()

    def _need_groups(self, needs: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
        """Each `needs` group with the synonyms of its words, normalised like a message."""
        return tuple(
            tuple(
                dict.fromkeys(
                    normalize(term)
                    for word in group
                    for term in self._lexicon.synonyms_of(normalize(word))
                )
            )
            for group in needs
        )

    def _without_noise(self, norm: str) -> str:
        """The message without pasted order cards and button labels (intents.toml `[noise]`)."""
        if self._noise is None:
            return norm
        return " ".join(self._noise.sub(" ", norm).split())

    def _fold(self, text: str) -> str:
        return self._lexicon.fold(normalize(self._placeless(text)))

    def _placeless(self, text: str) -> str:
        """`text` with the places no FAQ needs and no product is named after left out (寄哈尔滨
        几天能到 asks 寄几天能到, as 寄到北京要几天 does): the words questions are compared by. 新疆
        of ship.remote, a city in it (拉萨, whose shipping rules answer it) and 烟台 of
        烟台红富士苹果 stay."""
        return without_places(text, self._place_said_as)

    def _place_said_as(self, place: str, province: str) -> str:
        return place if self._place_matters(place) or self._place_matters(province) else ""

    def _place_matters(self, place: str) -> bool:
        """Is `place` inside a word FAQs need or products are called, or one of those inside
        it? Places come from the regions table, so each is worked out once: the search of the
        whole catalogue's names is paid per place, not per message."""
        known = self._place_matters_memo.get(place)
        if known is None:
            inside = (place[i:j] for i in range(len(place)) for j in range(i + 2, len(place) + 1))
            known = place in self._named_places or any(w in self._named_words for w in inside)
            self._place_matters_memo[place] = known
        return known

    def _prepare(self, text: str) -> _Message:
        cleaned = clean(text)
        # An order number is no word: its random letters and digits are noise to the classifier
        # and the phrase indexes (退货 SB2026… reads as 退货). Entities still find it in `cleaned`,
        # and a message that is only a number falls back to its order's status.
        norm = self._without_noise(ORDER_NO.sub(" ", squash(cleaned)))
        for city, province in self._cities.items():
            norm = norm.replace(city, province)
        # 好吧 那你们主要卖啥: the acknowledgement before a question is no thanks or goodbye
        norm = without_ack(norm)
        cut = self._lexicon.cut(norm)
        fixed = self._typos.fix(norm, cut)
        if fixed != norm:
            norm, cut = fixed, self._lexicon.cut(fixed)
        core = _plain_clauses(_unwrapped(norm))
        tokens = self._lexicon.meaningful(cut if core == norm else self._lexicon.cut(core))
        asked = self._placeless(core).strip() or core
        asked_tokens = (
            tokens if asked == core else self._lexicon.meaningful(self._lexicon.cut(asked))
        )
        folded = self._lexicon.fold(asked)
        query = PhraseQuery(folded, tuple(asked_tokens), tuple(asked_tokens + bigrams(folded)))
        words = self._lexicon.with_parts(tokens)  # 烟台 or not, the products are searched by all
        specs = self._specs.find(cleaned)
        return _Message(text, cleaned, norm, cut, tokens, words, query, specs)

    def spelled(self, text: str) -> str:
        """`text` with the shop's words it mistypes written right (雾霾兰 → 雾霾蓝, 冲电宝 →
        充电宝) and nothing else changed: for the dialogs that read a message's own words."""
        if not isinstance(text, str) or len(text) > MAX_MESSAGE_CHARS:
            return text
        # A card's question asks this of the same text once or twice per message, and shoppers
        # repeat themselves: like `match`, it depends only on the text and this index.
        fixed = self._spelled.get(text)
        if fixed is None:
            fixed = self._typos.fix(text, self._lexicon.cut(text))
            if self._recent_size:
                self._spelled[text] = fixed
                if len(self._spelled) > self._recent_size:
                    self._spelled.popitem(last=False)
        else:
            self._spelled.move_to_end(text)
        return fixed

    def match(self, text: str) -> MatchResult:
        """Understand one message. Never raises: odd input falls back."""
        if not isinstance(text, str):
            return _fallback("", Entities())
        if len(text) > RECENT_MAX_CHARS or not self._recent_size:
            return self._match(text)
        result = self._recent.get(text)
        if result is None:
            result = self._match(text)
            self._recent[text] = result
            if len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(text)
        return result

    def _match(self, text: str) -> MatchResult:
        if len(text) > MAX_RAW_CHARS:
            return _fallback(text if isinstance(text, str) else "", Entities())
        message = self._prepare(text)
        if not message.norm:
            found = ProductSearch([], 0, 0)
            return _fallback(text, self._entities(message, None, False, found))
        if len(message.norm) > MAX_MESSAGE_CHARS:
            return _fallback(text, self._entities(message, None, False, ProductSearch([], 0, 0)))
        return self._understand(message)

    def extract(
        self, text: str, product: Product | None = None, *, expect_quantity: bool = False
    ) -> Entities:
        """Entities alone, for a dialog filling one slot. With `product`, spec values are read
        against that product (a bare 38 is its size); with `expect_quantity`, a bare number is the
        quantity (the dialog has just asked 要几件)."""
        if not isinstance(text, str) or len(text) > MAX_RAW_CHARS:
            return Entities()
        message = self._prepare(text)
        return self._entities(message, product, expect_quantity, self._search_products(message))

    def _wished_first(self, hits: list[ProductHit], wants: Wants) -> list[ProductHit]:
        """Hits alike in score, the ones the data says meet the wish first: of thirty snacks
        that match 零食 alike, the twelve kept for 小孩零食 are the ones tagged 儿童."""

        def unmet(hit: ProductHit) -> bool:
            product = self.kb.products.get(hit.sku)
            return product is None or not meets(product, wants)

        return sorted(hits, key=lambda h: (-round(h.score, 3), unmet(h)))

    def _unnamed_wishes(self, wants: Wants, message: _Message) -> Wants:
        """`wants` without the tags said only inside a product's own word (保温 of 保温杯, 辣 of
        辣条): "保温杯和T恤" names two products and wishes for nothing both must be."""
        if not wants.tags:
            return wants
        tokens = [w for w, _ in message.words]

        def inside_a_name(tag: str) -> bool:
            held = sum(
                t.count(tag)
                for t in tokens
                if t != tag and tag in t and self._products.is_product_word(t)
            )
            return held > 0 and message.norm.count(tag) <= held

        tags = tuple(t for t in wants.tags if not inside_a_name(t.casefold()))
        return wants if tags == wants.tags else replace(wants, tags=tags)

    def _search_products(self, message: _Message, limit: int = 5) -> ProductSearch:
        pieces = self._goods_pieces(message.words)
        if len(pieces) < 2:
            return self._products.search(message.words, message.specs, limit=limit)
        # 保温杯和T恤: each names a product of its own, and neither explains half a message
        # that holds both; each piece is searched, and a product keeps its best score.
        best: dict[str, ProductHit] = {}
        touched = scored = 0
        for piece in pieces:
            found = self._products.search(piece, message.specs, limit=limit)
            touched, scored = touched + found.touched, scored + found.scored
            for hit in found.hits:
                if hit.sku not in best or hit.score > best[hit.sku].score:
                    best[hit.sku] = hit
        hits = sorted(best.values(), key=lambda h: -h.score)[: max(limit, len(pieces))]
        return ProductSearch(hits, touched, scored)

    def _goods_pieces(
        self, words: list[tuple[str, tuple[str, ...]]]
    ) -> list[list[tuple[str, tuple[str, ...]]]]:
        """The message's words cut at 和, 跟, 还有 … when two or more of the pieces name a kind
        of thing the shop sells (保温杯 | T恤); else none."""
        if not any(w in _GOODS_JOINS for w, _ in words):
            return []
        pieces: list[list[tuple[str, tuple[str, ...]]]] = [[]]
        for word in words:
            if word[0] in _GOODS_JOINS:
                pieces.append([])
            else:
                pieces[-1].append(word)
        named = [p for p in pieces if any(self._products.sells(w) for w, _ in p)]
        if len(named) < 2:
            return []
        return [p for p in pieces if p]

    def _entities(
        self, message: _Message, product: Product | None, bare: bool, found: ProductSearch
    ) -> Entities:
        cleaned = message.cleaned
        order_no, phone = find_order_no(cleaned), find_phone(cleaned)
        rest = cleaned
        for taken in (order_no, phone):
            rest = rest.replace(taken, " ") if taken else rest
        quantity, unit = find_quantity(rest, bare=bare)
        low, high = find_price_range(rest)
        skus = tuple(
            h.sku
            for h in found.hits
            if h.score >= self.thresholds.product_entity
            and not self._products.only_tagged(h.sku, message.words)
        )
        specs = message.specs if product is None else self._specs.find(rest, product)
        return Entities(
            skus=skus,
            specs=specs,
            quantity=quantity,
            quantity_unit=unit,
            price_min_fen=low,
            price_max_fen=high,
            order_no=order_no,
            phone=phone,
        )

    def _understand(self, message: _Message) -> MatchResult:
        examples, n_examples = self._examples.search(message.query)
        faqs, n_faqs = self._faqs.search(message.query)
        faqs = [hit for hit in faqs if not self._about_something_else(hit, message.norm)]
        wants = self._unnamed_wishes(self._wants.find(message.norm, message.query.folded), message)
        low, high = find_price_range(message.cleaned)
        constrained = bool(wants) or low is not None or high is not None
        if wants.avoid:  # 不辣的零食 searches 零食, not the 辣 it says no to
            kept = [(w, parts) for w, parts in message.words if w not in wants.avoid]
            message = replace(message, words=kept)
        found = self._search_products(message, CONSTRAINED_POOL if wants else 5)
        if wants:
            found = replace(found, hits=self._wished_first(found.hits, wants)[:CONSTRAINED_LIMIT])
        elif constrained:
            found = replace(found, hits=found.hits[:CONSTRAINED_LIMIT])
        products = [h for h in found.hits if h.score >= self.thresholds.product_min]
        scores = self._scores(message, examples, faqs, products)
        order = ranked(scores)
        top, score = order[0] if order else ("other", 0.0)
        runner_up = order[1][1] if len(order) > 1 else 0.0
        band = band_for(score, runner_up, self.thresholds)
        if band == "clarify" and self._other_as_likely(order):
            # "Did you mean X or nothing the shop does?" is no question to ask a shopper: when
            # the best reading is not clearly ahead of "other", say so and offer a human.
            band = "fallback"
        offered = self._offered(faqs, message.norm)
        decisive = self._decisive(offered, order)
        if band != "act" and decisive is not None:
            # 客服电话多少 is word for word an FAQ question: 人工 and "other" tying over it is
            # no reason to fall back or to ask which was meant; the FAQ's reading is the one
            top, score = decisive, scores.get(decisive, score)
            band = "act"
        faq = None if band == "fallback" else self._faq_hit(offered, top, scores)
        if (
            band == "clarify"
            and faq is not None
            and runner_up < self.thresholds.act_at  # two strong asks are still two asks
            and self._clear(offered, faq.id, top)
        ):
            band = "act"
        answers = self._answers(message) if band != "fallback" else ()
        if faq is None and answers and self._fits(answers[0], top):
            faq = answers[0]
        if band == "act" and top in PRODUCT_INTENTS and self._ambiguous(products, faq):
            band = "clarify"
        entities = self._entities(message, None, False, found)
        intent = "other" if band == "fallback" else top
        topics = self._topics_asked(message) if len(message.norm) <= TOPIC_MAX_CHARS else ()
        unsold = self._unsold(message) if intent in SEARCH_INTENTS or band != "act" else None
        goods = _goods_stretch(message.norm)
        if unsold is not None and goods is not None and self._named_goods(message):
            unsold = message.norm[goods[0] : goods[1]]  # 扫地机器人, not the 机器人 inside it
        if unsold is not None:
            related = self._products.named_in(unsold, [h.sku for h in products])
            products = [h for h in products if h.sku in related]
        return MatchResult(
            text=message.raw,
            intent=intent,
            score=score,
            band=band,
            faq=faq,
            products=tuple(products),
            entities=entities,
            alternatives=tuple(
                order[:3] if band == "fallback" else [o for o in order if o[0] != top][:3]
            ),
            scored=n_examples + n_faqs + found.scored,
            wants=wants,
            topic=next(iter(topics), None),
            topics=topics,
            unsold=unsold,
            answers=answers if len(answers) > 1 else (),
        )

    def _decisive(self, offered: list[PhraseHit], order: list[tuple[str, float]]) -> str | None:
        """The intent of an FAQ question the message says almost word for word (at least
        `faq_strong` alike and clearly ahead of the next entry), when the best reading is only
        a weak one (人工, 你好) or "other" and the FAQ's intent is among the close readings: such
        a hit decides between them. None otherwise (two concrete asks stay a question)."""
        if not offered or not order or offered[0].score < self.thresholds.faq_strong:
            return None
        if order[0][0] not in self._weak and order[0][0] != "other":
            return None
        runner_up = offered[1].score if len(offered) > 1 else 0.0
        if offered[0].score - runner_up < FAQ_CONTRAST:
            return None
        intent = self.kb.faqs[offered[0].label].intent or order[0][0]
        close = {i for i, s in order if order[0][1] - s < self.thresholds.margin}
        return intent if intent in close else None

    def _other_as_likely(self, order: list[tuple[str, float]]) -> bool:
        """Is "nothing the shop does" within the margin of the best reading?"""
        if order[0][0] == "other":
            return True
        other = next((score for intent, score in order if intent == "other"), 0.0)
        return order[0][1] - other < self.thresholds.margin

    def _topics_asked(self, message: _Message) -> tuple[str, ...]:
        """The product-fact topics the message asks about (facts.toml) that fit well, best
        first. The product's own words are left out first (羽绒服能机洗吗 asks 能机洗吗 of a
        down jacket), unless the topics speak of them: 保温 of 保温杯能保温多久 is the question."""
        tokens = self._names_rejoined(message.tokens)
        asked = [
            t for t in tokens if not self._products.is_product_word(t) or t in self._topic_words
        ]
        if not asked:
            return ()
        if asked == message.tokens:
            query = message.query
        else:
            folded = "".join(asked)
            query = PhraseQuery(folded, tuple(asked), tuple(asked + bigrams(folded)))
        hits, _ = self._topics.search(query, SIDE_CANDIDATES)
        found = tuple(dict.fromkeys(hit.label for hit in hits if hit.score >= TOPIC_MIN))
        return found or self._clause_topics(message)

    def _names_rejoined(self, tokens: list[str]) -> list[str]:
        """`tokens` with the pieces jieba cut a product's name into joined again (自 热 小火锅 →
        自热小火锅), so that what is left of the message is the question, not the 自 and 热 of
        the name diluting 辣吗."""
        out: list[str] = []
        at = 0
        while at < len(tokens):
            for end in range(min(len(tokens), at + NAME_PIECES), at + 1, -1):
                joined = "".join(tokens[at:end])
                if self._products.is_product_word(joined):
                    out.append(joined)
                    at = end
                    break
            else:
                out.append(tokens[at])
                at += 1
        return out

    def _clause_topics(self, message: _Message) -> tuple[str, ...]:
        """The topics one clause asks when the whole message is like none ("牛肉干小孩子能吃吗
        辣不辣": 辣不辣 is the 辣度 question, the words before it dilute the whole)."""
        clauses = [c for c in _CLAUSE.split(message.cleaned) if len(c) >= 2]
        if len(clauses) < 2:
            return ()
        found: dict[str, float] = {}
        for clause in clauses[:MAX_CLAUSES]:
            folded = self._fold(clause)
            tokens = [
                t for t in self._lexicon.tokens(folded) if not self._products.is_product_word(t)
            ]
            if not tokens:
                continue
            query = PhraseQuery(folded, tuple(tokens), tuple(tokens + bigrams(folded)))
            hits, _ = self._topics.search(query, SIDE_CANDIDATES)
            for hit in hits:
                if hit.score >= CLAUSE_TOPIC_MIN and hit.score > found.get(hit.label, 0.0):
                    found[hit.label] = hit.score
        return tuple(sorted(found, key=lambda label: -found[label]))

    def _unsold(self, message: _Message) -> str | None:
        """The thing asked for, when it is not a kind of thing the shop sells."""
        one = _SELLS_ONE.search(message.norm.replace(" ", ""))
        if one is None:  # 卖药吗 感冒药: the one character asked in a clause of its own
            sells = (_SELLS_ONE.search(c) for c in message.norm.split()[:MAX_CLAUSES])
            one = next((found for found in sells if found is not None), None)
        if one is None:
            has = (_HAS_ONE.match(clause) for clause in message.norm.split()[:MAX_CLAUSES])
            one = next((found for found in has if found is not None), None)
        if one is not None:
            thing = one.group(1)
            sold = self._products.sells(thing) or self._products.is_product_word(thing)
            sold = sold or thing in _GENERIC or thing in _HAS_IDIOMS or thing in self._aspects
            return None if sold or self._wants.is_tag(thing) else thing
        found = _ASKED_FOR.search(message.norm)
        if found is None:
            # 宠物用品都没有？ after "we don't sell cat food": asked whether none of them is sold
            none_of = (
                _NONE_OF.match(clause) or _HAS_AFTER.match(clause)
                for clause in message.norm.split()[:MAX_CLAUSES]
            )
            found = next((one for one in none_of if one is not None), None)
        if found is None:
            return None
        asked = next(group for group in found.groups() if group)
        if found.re is _ASKED_FOR:  # 想买个锅: the measure word the two-character minimum took
            asked = _MEASURE_FIRST.sub("", asked)
        stretch = _VAGUE.sub("", asked)  # 有啥推荐的: no thing is named at all
        gift = _GIFT_FOR.search(stretch)
        stretch = stretch[: gift.start()] if gift is not None else stretch
        if not _TRAILING.sub("", stretch):
            return None
        wanted = self._wants.words_in(stretch)
        tokens = self._lexicon.tokens(_TRAILING.sub("", stretch))
        specs = {v.casefold() for v in message.specs.values()}
        if any(t in self._aspects for t in tokens):
            return None  # 有什么颜色, 有几个码: a product's specs are asked about
        words = [t for t in tokens if len(t) > 1 and self._may_be_a_thing(t, wanted, specs)]
        if not words:
            # jieba knows no word for it (猫粮 → 猫 粮): the stretch itself is the thing asked for
            rest = strip_text(_TRAILING.sub("", stretch))
            if not (2 <= len(rest) <= 4 and _CJK_ONLY.fullmatch(rest)):
                return None
            if not self._may_be_a_thing(rest, wanted, specs):
                return None  # 便宜点的: a price wish, not a thing (the same checks as a word)
            words = [rest]
        head = words[-1]
        if self._names_a_person(head) or _NUMERAL.fullmatch(head):
            return None  # 适合老人用的, 给我老伴穿他七十了: whom it is for, never goods
        if self._names_a_kind_sold(head):
            return None
        if self._described_kind(head, wanted) or _SHOP_PLACES.search(stretch):
            return None
        if self._lexicon.canonical(head) in self._faq_topics:
            return None  # 有会员吗: the shop's own offer the FAQ answers, no goods it lacks
        return head

    def _names_a_person(self, word: str) -> bool:
        """Is `word` one the shop's data says a person in (老人, 闺女, 老伴, 男朋友)?"""
        if self._wants.is_value(word) or word in _PEOPLE:
            return True
        return any(word in r.words for r in self.kb.recipient_words)

    def _names_a_kind_sold(self, word: str) -> bool:
        """Does `word`, or the first word of its synonym group, name goods the shop has: a
        product word, a category, or a tag products carry (家电 → 小家电 on the kettle and the air
        fryer)? Such a word is never answered "we don't sell it"."""
        kind = self._lexicon.canonical(word)
        if kind in self._category_words or self._products.sells(word):
            return True
        return kind != word and (self._products.sells(kind) or self._wants.is_tag(kind))

    def folded(self, text: str) -> str:
        """`text` normalised with its synonyms folded to their group's first word (好吃的 → 零食):
        how a short message names a category in other words."""
        return self._lexicon.fold(normalize(text))

    def _described_kind(self, thing: str, wanted: Collection[str]) -> bool:
        """Is `thing` a wish or tag said before a word for any goods or a category (防晒衣服:
        防晒 + 衣服, which the catalogue has as 防晒衣)? The products found for the wish are
        the answer, not "we don't sell 防晒衣服"."""
        for cut in range(1, len(thing)):
            wish, kind = thing[:cut], thing[cut:]
            if not (wish in wanted or self._wants.is_tag(wish)):
                continue
            # only a word for any goods: 笔记本电脑 is a computer, not a 笔记本-ish 电脑
            if kind in _GENERIC or self._lexicon.canonical(kind) in self._category_words:
                return True
        return False

    def _may_be_a_thing(self, word: str, wanted: Collection[str], specs: Collection[str]) -> bool:
        """Could `word` name a kind of thing (not a wish, a tag, a spec value or a price)? A word
        ending in a generic one is generic too: 生日礼物 and 小礼物 name no kind of thing."""
        return (
            word not in _GENERIC
            and not any(word.endswith(g) for g in _GENERIC_TAILS)
            and word not in wanted
            and not self._wants.is_tag(word)
            and word not in specs
            and word not in self._aspects
            and not _PRICE_WORD.search(word)
        )

    def _answers(self, message: _Message) -> tuple[FaqHit, ...]:
        """FAQ answers for each clause of a message that asks several things, in the order the
        clauses ask them (each part is answered where it was asked)."""
        said = [c for c in _CLAUSE.split(message.cleaned) if c]
        clauses = [
            c
            for at, c in enumerate(said)
            if len(strip_text(c)) >= 3 or (at > 0 and _FOLLOW_UP.fullmatch(c))
        ]
        if len(clauses) < 2:
            return ()
        hits: dict[str, FaqHit] = {}
        for clause in clauses[:MAX_CLAUSES]:
            folded = self._lexicon.fold(asked_plainly(normalize(self._placeless(clause))))
            tokens = tuple(self._lexicon.tokens(folded))
            query = PhraseQuery(folded, tokens, tokens + tuple(bigrams(folded)))
            found, _ = self._faqs.search(query, SIDE_CANDIDATES)
            found = [hit for hit in found if self._says_needs(hit.label, folded)]
            if found and found[0].score >= CLAUSE_FAQ_MIN and found[0].label not in hits:
                faq = self.kb.faqs[found[0].label]
                hits[faq.id] = FaqHit(faq.id, found[0].text, faq.answer, found[0].score)
        return tuple(hits.values())

    def _about_something_else(self, hit: PhraseHit, norm: str) -> bool:
        """Is the FAQ question found whole inside a message that adds the subject of another
        intent, one the FAQ never speaks of? 发票几天能收到 holds 几天能收到 (ship.eta, parcels)
        and adds 发票: it asks when the invoice comes, not the parcel."""
        asked = normalize(hit.text)
        if len(asked) < 2 or asked not in norm:
            return False
        intent = self.kb.faqs[hit.label].intent
        own = self._faq_asked[hit.label]
        for word in self._lexicon.cut(norm.replace(asked, " ")):
            intents = self._keywords.get(word.casefold())
            if len(word) > 1 and intents and intent not in intents and word not in own:
                return True
        return False

    def _offered(self, hits: list[PhraseHit], text: str) -> list[PhraseHit]:
        """The FAQ hits whose answer may be offered, best first: an entry with `needs` only when
        the message says one of them, and then ahead of general entries almost as alike."""
        kept = [hit for hit in hits if self._says_needs(hit.label, text)]
        return sorted(kept, key=self._rank, reverse=True)

    def _rank(self, hit: PhraseHit) -> float:
        """An offered hit's similarity, plus the bonus of an entry whose `needs` are said."""
        return hit.score + (FAQ_SPECIFIC_BONUS if hit.label in self._needs else 0.0)

    def _clear(self, hits: list[PhraseHit], faq_id: str, intent: str) -> bool:
        """Is `faq_id` the first offered hit, alike enough and clearly ahead of the next one?"""
        if not hits or hits[0].label != faq_id or hits[0].score < FAQ_CLEAR:
            return False
        if self.kb.faqs[faq_id].intent not in (None, intent):
            return False
        runner_up = hits[1].score if len(hits) > 1 else 0.0
        return hits[0].score - runner_up >= FAQ_CONTRAST

    def _says_needs(self, faq_id: str, text: str) -> bool:
        """Does the message say one of the words the FAQ's answer needs (faq.toml `needs`)?"""
        needs = self._needs.get(faq_id, ())
        if not needs:
            return True
        foreign = self._foreign.get(faq_id)
        said = foreign.sub(" ", text) if foreign is not None else text
        return all(
            any(word in (said if len(word) == 1 else text) for word in group) for group in needs
        )

    def _fits(self, hit: FaqHit, intent: str) -> bool:
        faq_intent = self.kb.faqs[hit.id].intent
        return faq_intent in (None, intent) or hit.score >= self.thresholds.faq_strong

    def _scores(
        self,
        message: _Message,
        examples: list[PhraseHit],
        faqs: list[PhraseHit],
        products: list[ProductHit],
    ) -> dict[str, float]:
        from_examples = {hit.label: from_similarity(hit.score) for hit in examples}
        from_faqs: dict[str, float] = {}
        for hit in faqs:
            intent = self.kb.faqs[hit.label].intent
            if intent is not None:
                evidence = FAQ_WEIGHT * from_similarity(hit.score)
                from_faqs[intent] = max(from_faqs.get(intent, 0.0), evidence)
        rules = self._rules.evidence(message.norm, message.cut)
        from_products = {}
        if products:
            named = self._products.share_named(
                products[0].sku, message.tokens, list(message.specs.values())
            )
            factor = NAMED_FLOOR + (1.0 - NAMED_FLOOR) * named
            bought = max((rules.get(i, 0.0) for i in AFTER_PURCHASE), default=0.0)
            damping = WEAK_DAMPING if bought >= CONCRETE_OVERRIDE else 1.0
            evidence = PRODUCT_WEIGHT * products[0].score * factor * damping
            from_products = {"product_search": evidence}
        learned = {}
        if len(message.query.folded.replace(" ", "")) >= LEARNED_MIN_CHARS:
            learned = from_classifier(
                self._classifier.predict(features(message.query.folded, message.tokens))
            )
        scores = combine([rules, from_examples, from_faqs, from_products, learned])
        if "product_info" in scores and self._stock_of_an_order(message):
            stock = scores.pop("product_info")
            scores["order_status"] = max(scores.get("order_status", 0.0), stock)
        for intent in self._named_goods(message):
            scores[intent] = scores.get(intent, 0.0) * WEAK_DAMPING
        strong = {i: e for i, e in from_examples.items() if e >= STRONG_EVIDENCE}
        explicit = combine([rules, strong])
        if rules.get("thanks_bye", 0.0) >= CONCRETE_OVERRIDE and self._settled_thanks(message):
            # 取消订单了 谢谢: thanks for something done is a goodbye, not the ask done
            for intent in scores.keys() - self._weak - {"other"}:
                scores[intent] *= WEAK_DAMPING
            explicit = {i: e for i, e in explicit.items() if i in self._weak}
        scores = damp_weak(scores, self._weak, explicit)
        if "greeting" in scores and self._says_more_than_hello(message):
            scores["greeting"] *= WEAK_DAMPING
        if "thanks_bye" in scores and _ASKS_BACK.search(message.norm.rstrip()):
            scores["thanks_bye"] *= WEAK_DAMPING
        return scores

    def _stock_of_an_order(self, message: _Message) -> bool:
        """Is a stock question asked beside an order the shopper placed (its card or number)?"""
        if not _STOCK.search(message.norm):
            return False
        return find_order_no(message.cleaned) is not None or bool(_ORDER_CARD.search(message.raw))

    def _settled_thanks(self, message: _Message) -> bool:
        """Does the message thank for things said as done (其他没有了 取消订单了 谢谢, 谢谢 这次
        改到3号不会变了)? Every clause with a concrete ask's words states what has happened
        (ends in 了) and asks, wants and complains of nothing; a clause thanks or says goodbye."""
        thanked = settled = False
        for clause in message.norm.split():
            found = self._rules.evidence(clause, self._lexicon.cut(clause))
            if any(e >= CONCRETE_OVERRIDE for i, e in found.items() if i not in self._weak):
                if not _SETTLED.search(clause) or _STILL_ASKS.search(clause):
                    return False
                settled = True
            elif found.get("thanks_bye", 0.0) >= CONCRETE_OVERRIDE:
                thanked = True
        return thanked and settled

    def _named_goods(self, message: _Message) -> frozenset[str]:
        """The `_NOT_IN_GOODS` intents whose words are only part of the name of goods asked for
        (有扫地机器人卖吗): that reading is damped, the search for the goods stands."""
        goods = _goods_stretch(message.norm)
        if goods is None:
            return frozenset()
        return self._rules.inside_a_name(message.norm, message.cut, goods) & _NOT_IN_GOODS

    def _says_more_than_hello(self, message: _Message) -> bool:
        """A greeting is only a greeting when little else is said (labelling guide R3): in
        你好 我想问下旧空调拆了谁负责 the ask matters even when nothing recognises it."""
        said = len(strip_text(message.norm))
        hello = self._rules.covered(message.norm, message.cut, self._weak)
        return said - hello >= GREETING_REST

    def _ambiguous(self, products: list[ProductHit], faq: FaqHit | None) -> bool:
        """Two products fit equally well, and no FAQ answer covers the question anyway."""
        if len(products) < 2 or (faq and faq.score >= self.thresholds.faq_strong):
            return False
        return products[0].score - products[1].score < self.thresholds.product_margin

    def _faq_hit(
        self, faqs: list[PhraseHit], intent: str, scores: Mapping[str, float]
    ) -> FaqHit | None:
        """The best FAQ answer worth offering for this reading of the message: its intent is the
        reading, or it is very alike, or it is clear and its intent is a likely reading too."""
        for rank, hit in enumerate(faqs):
            # the message names what the answer is about (西藏 of 能发西藏吗): a looser wording
            # of the rest is enough to offer it
            if self._rank(hit) < self.thresholds.faq_min:
                continue
            faq = self.kb.faqs[hit.label]
            if faq.intent in (None, intent) or hit.score >= self.thresholds.faq_strong:
                return FaqHit(faq.id, hit.text, faq.answer, hit.score)
            likely = scores.get(faq.intent, 0.0) >= self.thresholds.fallback_below
            if rank == 0 and likely and self._clear(faqs, faq.id, faq.intent):
                return FaqHit(faq.id, hit.text, faq.answer, hit.score)
        return None


def _faq_topics(kb: KnowledgeBase, cut: Callable[[str], list[str]]) -> frozenset[str]:
    """The words the FAQ's questions are about (会员, 运费险, 发票): what the shop has or does
    for its shoppers, so a shopper asking for one asks about the shop, not for goods it lacks."""
    words = {w for f in kb.faqs.values() for q in f.questions for w in cut(normalize(q))}
    # a word of a product's name (手机 of iPhone15手机壳) is left to the products named after it
    names = " ".join(normalize(n) for p in kb.products.values() for n in (p.name, *p.aliases))
    return frozenset(w for w in words if len(w) > 1 and w not in names)


def _foreign_words(
    needs: Iterable[Iterable[str]],
    intent: str | None,
    keywords: Mapping[str, frozenset[str]],
    questions: Iterable[str],
) -> re.Pattern[str] | None:
    """The keywords of other intents that hold a one-character word an FAQ needs without meaning
    it: the 发 of 发票 (an invoice) is no 发 of 发货. A keyword is foreign when the word never
    stands beside the same neighbour in the FAQ's own questions (ship.when says 发货 and 能发,
    never 发票; ship.eta says 收到, so 收到货 is no other word). The message is read without
    them before such a word is looked for; a longer word means itself wherever it stands."""
    words = {word for group in needs for word in group if len(word) == 1}
    asked = " ".join(questions)

    def foreign_to_faq(keyword: str) -> bool:
        if keyword in words or (intent is not None and intent in keywords[keyword]):
            return False
        pairs = [
            keyword[max(at - 1, 0) : at + 2] for at, char in enumerate(keyword) if char in words
        ]
        pairs = [p for pair in pairs for p in (pair[:2], pair[-2:]) if len(p) == 2]
        return bool(pairs) and not any(pair in asked for pair in pairs)

    foreign = [keyword for keyword in keywords if foreign_to_faq(keyword)]
    if not foreign:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(foreign, key=len, reverse=True)))


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Garbage collection of reference cycles off for a while (reference counting still frees
    everything else), then back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _cities_as_regions(kb: KnowledgeBase) -> dict[str, str]:
    """The cities of each province the shipping rules single out, to the province: the FAQ
    answers 新疆 and 西藏, and 榴莲能发乌鲁木齐吗 or 车厘子能寄拉萨吗 ask the same."""
    named = {p for r in kb.shipping.regions for p in r.provinces}
    named |= {p for o in kb.shipping.overrides for p in o.excluded_provinces}
    return {city: province for city, province in CITIES.items() if province in named}


def _goods_stretch(norm: str) -> tuple[int, int] | None:
    """Where the thing a message asks to buy is named (有扫地机器人卖吗 → 扫地机器人), when it is
    a plain name: no pronoun or 的 inside, so 想要投诉你们客服 names no goods."""
    found = _ASKED_FOR.search(norm)
    if found is None:
        return None
    thing = _TRAILING.sub("", found.group(1))
    if not _CJK_ONLY.fullmatch(thing) or _NOT_A_NAME.search(thing):
        return None
    return found.start(1), found.start(1) + len(thing)


def _unwrapped(norm: str) -> str:
    """The ask without the politeness around it, or the whole message when little is left."""
    core = _CLOSER.sub("", _OPENER.sub("", norm)).strip()
    return core if len(core.replace(" ", "")) >= CORE_MIN else norm


def asked_plainly(clause: str) -> str:
    """One clause as the shop's questions word it: 积分有没有 → 有积分吗, 支付宝也不行 → 支付宝可以吗,
    不行就货到付款 → 货到付款. Word order and a second-choice lead change no answer, but the
    similarity of a short question is mostly its order and its negation."""
    clause = _FALLBACK_LEAD.sub("", clause.strip()) or clause
    for pattern, plain in _ASKED_AFTER:
        found = pattern.match(clause)
        if found is not None and "有" not in found.group("thing"):
            return plain.format(found.group("thing"))
    return clause


def _plain_clauses(text: str) -> str:
    return " ".join(asked_plainly(clause) for clause in text.split())


def _fallback(text: str, entities: Entities) -> MatchResult:
    return MatchResult(text=text, intent="other", score=0.0, band="fallback", entities=entities)


def _features(folded: str, cut: Callable[[str], list[str]]) -> list[str]:
    return features(folded, cut(folded))


def _training_set(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(intent, phrasing) from the intents' examples and the FAQ questions with an intent."""
    examples = [(i.id, e) for i in kb.intents.values() for e in i.examples]
    questions = [(f.intent, q) for f in kb.faqs.values() if f.intent for q in f.questions]
    return training_set(examples, questions)


def _typo_words(kb: KnowledgeBase, shop_words: list[str]) -> list[str]:
    """The words whose slips are worth fixing: the shop's words (aliases, brands, categories,
    spec values, keywords: `_shop_words`), tags, synonyms and the words for attribute values."""
    words = list(shop_words)
    for product in kb.products.values():
        words += product.tags
    words += [term for group in kb.synonyms for term in group.terms]
    words += [w for said in kb.attribute_words for w in said.words]
    return [w.casefold() for w in dict.fromkeys(words)]


def _product_words(kb: KnowledgeBase, heads: Iterable[str]) -> list[str]:
    """What products are called (aliases) and what they are (the head of each name)."""
    words = [*heads, *(a for p in kb.products.values() for a in p.aliases)]
    return [w.casefold() for w in dict.fromkeys(words)]


def _named_places(kb: KnowledgeBase) -> str:
    """The words FAQ answers need and what products are called, in one text: a place inside
    it (新疆 of ship.remote, 烟台 of 烟台红富士苹果) decides something and is never left out."""
    needed = [word for f in kb.faqs.values() for group in f.needs for word in group]
    names = [n for p in kb.products.values() for n in (p.name, *p.aliases)]
    return " ".join(normalize(word) for word in [*needed, *names])


def _shop_words(kb: KnowledgeBase) -> list[str]:
    """Words jieba must keep whole: aliases, brands, categories, spec values, keywords."""
    words: list[str] = list(kb.categories)
    for product in kb.products.values():
        words += [product.brand, *product.aliases]
        words += [value for values in product.specs.values() for value in values]
    for intent in kb.intents.values():
        words += [*intent.keywords, *intent.hints]
    return [normalize(w).replace(" ", "") for w in dict.fromkeys(words) if w]
