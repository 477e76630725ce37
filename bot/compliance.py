"""What a promotion must pass before it reaches a customer: words, hours, and how often.

- **Words.** 《广告法》 Art. 9(3) bans absolute claims (国家级, 最高级, 最佳 …), Art. 17 medical claims
  for ordinary goods; platforms also refuse some sensitive words (好评返现, 刷单 …). The text is
  NFKC-normalised, lower-cased and stripped of spaces before matching, so 第 一 and ＮＯ．１ are
  caught too. "最" is matched on its own, except in everyday words that make no claim (最近, 最后,
  最终 …). `[compliance] mode` decides: "block" refuses the promotion, "warn" shows the words
  and lets staff confirm anyway. `extra_banned_words` adds the shop's own.
- **Quiet hours** (`quiet_hours = "22:00-08:00"`, local time of `[scheduler] timezone`): no
  promotion reaches a customer inside the window; a broadcast asked for then is put off to its end.
- **Frequency cap** (`max_promotions_per_week`, 0 = no cap): per customer or group, across all
  campaigns, counted in the state store per ISO week, so every worker sees the same counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import ComplianceConfig, Config
from bot.state import StateStore, keys

ABSOLUTE_CLAIMS: tuple[str, ...] = (
    "最",
    "第一",
    "唯一",
    "首个",
    "首选",
    "顶级",
    "顶尖",
    "极品",
    "极致",
    "绝对",
    "国家级",
    "世界级",
    "全球级",
    "宇宙级",
    "100%",
    "百分百",
    "百分之百",
    "万能",
    "独一无二",
    "史无前例",
    "前无古人",
    "无敌",
    "no.1",
    "top1",
    "销量冠军",
    "全网第",
    "独家",
    "永久",
    "王牌",
    "填补国内空白",
)
"""《广告法》 Art. 9(3): 不得使用"国家级"、"最高级"、"最佳"等用语, and the usual lists built on it."""

MEDICAL_CLAIMS: tuple[str, ...] = ("根治", "治愈", "药到病除", "包治", "无副作用", "特效")
"""《广告法》 Art. 17: no medical terms for goods that are not medicines or medical devices."""

SENSITIVE_WORDS: tuple[str, ...] = (
    "好评返现",
    "刷单",
    "代开发票",
    "发票代开",
    "赌博",
    "博彩",
    "传销",
    "色情",
)
"""Words the platforms refuse in marketing messages (好评返现 is banned by 电商法 Art. 17 too)."""

HARMLESS_WITH_ZUI: tuple[str, ...] = (
    "最近",
    "最后",
    "最初",
    "最终",
    "最新",
    "最少",
    "最多",
    "最晚",
    "最早",
)
"""Words containing 最 that state a fact, not a claim (最后一天, 最终解释权, 最多3件)."""


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


@dataclass(frozen=True)
class WordCheck:
    """The outcome of checking one text: the words found and whether they block it."""

    hits: tuple[str, ...]
    blocked: bool

    @property
    def ok(self) -> bool:
        return not self.hits

    def describe(self) -> str:
        if not self.hits:
            return "合规检查：通过"
        words = "、".join(self.hits)
        if self.blocked:
            return f"合规检查：含有禁用词（{words}），不能发送，请修改后重试"
        return f"合规检查：含有需注意的词（{words}），确认后仍会发送"


class WordList:
    """The banned words of `[compliance]`, compiled once."""

    def __init__(self, extra: Iterable[str] = (), *, block: bool = True) -> None:
        words = [*ABSOLUTE_CLAIMS, *MEDICAL_CLAIMS, *SENSITIVE_WORDS, *extra]
        self.words = tuple(dict.fromkeys(w for w in (_fold(w) for w in words) if w))
        self.block = block
        ordered = sorted(self.words, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(w) for w in ordered))
        self._harmless = re.compile("|".join(re.escape(w) for w in HARMLESS_WITH_ZUI))

    @classmethod
    def from_config(cls, config: ComplianceConfig) -> WordList:
        return cls(config.extra_banned_words, block=config.mode == "block")

    def check(self, text: str) -> WordCheck:
        folded = self._harmless.sub("  ", _fold(text))  # two spaces: no word spans a gap
        hits = tuple(dict.fromkeys(m.group(0) for m in self._pattern.finditer(folded)))
        return WordCheck(hits, blocked=bool(hits) and self.block)


@dataclass(frozen=True)
class QuietHours:
    """A daily local-time window in which no promotion reaches customers; may span midnight."""

    start: time
    end: time
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, zone: ZoneInfo) -> QuietHours | None:
        """`"22:00-08:00"` → QuietHours; `""` (or a zero-length window) → None."""
        if not spec:
            return None
        first, _, second = spec.partition("-")
        start, end = time.fromisoformat(first), time.fromisoformat(second)
        return None if start == end else cls(start, end, zone)

    def contains(self, moment: datetime) -> bool:
        now = moment.astimezone(self.zone).time()
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def end_after(self, moment: datetime) -> datetime:
        """The first end of the window at or after `moment` (when sending may resume)."""
        local = moment.astimezone(self.zone)
        candidate = datetime.combine(local.date(), self.end, self.zone)
        return candidate if candidate >= local else candidate + timedelta(days=1)

    def describe(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def quiet_hours(config: Config) -> QuietHours | None:
    return QuietHours.parse(config.compliance.quiet_hours, ZoneInfo(config.scheduler.timezone))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}W{week:02d}"


def month_key(day: date) -> str:
    return f"{day:%Y%m}"


@dataclass
class PeriodCap:
    """At most `limit` units per id per period (an ISO week or a month), counted in the store.

    `take` spends one unit for each id that has room and refuses the others, atomically per id,
    so concurrent broadcasts on several workers never push an id over its cap.
    """

    store: StateStore
    name: str  # e.g. "promo:wecom_group"
    limit: int
    period: str = "week"  # "week" or "month"

    def key(self, target: str, day: date) -> str:
        stamp = iso_week(day) if self.period == "week" else month_key(day)
        return keys.PERIOD_CAP.key(self.name, stamp, target)

    @property
    def ttl_s(self) -> int:
        return (8 if self.period == "week" else 32) * 86_400

    async def take(self, targets: Iterable[str], day: date) -> tuple[list[str], list[str]]:
        """(ids that got a unit, ids already at the cap)."""
        allowed: list[str] = []
        capped: list[str] = []
        for target in targets:
            if self.limit <= 0 or await self._take_one(target, day):
                allowed.append(target)
            else:
                capped.append(target)
        return allowed, capped

    async def _take_one(self, target: str, day: date) -> bool:
        key = self.key(target, day)
        if await self.store.incr(key, 1, self.ttl_s) <= self.limit:
            return True
        await self.store.incr(key, -1)
        return False

    async def give_back(self, targets: Iterable[str], day: date) -> None:
        """Return units taken for targets that were finally not sent to (a refused API call)."""
        if self.limit <= 0:
            return
        for target in targets:
            await self.store.incr(self.key(target, day), -1)

    async def used(self, target: str, day: date) -> int:
        raw = await self.store.get(self.key(target, day))
        return int(raw) if raw else 0


def weekly_promotion_cap(store: StateStore, config: Config, kind: str) -> PeriodCap:
    """The shop's own cap (`max_promotions_per_week`) for one kind of target ("group", "oa")."""
    return PeriodCap(store, f"promo:{kind}", config.compliance.max_promotions_per_week, "week")
