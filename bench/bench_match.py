"""Match latency, index build time and memory with a generated catalogue.

    .venv/bin/python bench/bench_match.py [--sizes 1000,10000,100000] [--messages 3000] [--profile]

For each size a fresh child process builds a catalogue of that many SKUs plus 1,000 FAQ entries
(the demo shop's intents, synonyms, noise patterns, fact topics and attribute words; tags and
attributes on the generated products), times `Matcher(kb)` (the intent classifier included), then times `match()` on a mix of
realistic messages: p50/p99/max per message. Resident memory is read from /proc (VmRSS after the
build, VmHWM peak). A full rapidfuzz scan of the catalogue is timed on a few messages for scale.
Targets (DESIGN.md): p99 ≤ 2 ms at 100k SKUs, build ≤ 10 s, ≤ 400 MB.
With --profile, each size also prints its slowest messages (thread CPU) and a cProfile of
matching them again, to find what the slow tail spends its time on.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import subprocess
import sys
import time
from pathlib import Path
from types import MappingProxyType

from rapidfuzz import fuzz, process

from knowledge import Faq, KnowledgeBase, Matcher, Product, load_knowledge

CATEGORIES = {
    "服饰": "T恤 卫衣 衬衫 连衣裙 半身裙 牛仔裤 休闲裤 运动裤 羽绒服 风衣 夹克 毛衣 开衫 打底衫 西装 睡衣 内裤 袜子 帆布鞋 跑步鞋 皮鞋 拖鞋 围巾 帽子 手套 腰带 背包 冲锋衣 防晒衣 马甲",
    "美妆个护": "面膜 洗面奶 精华液 面霜 眼霜 爽肤水 乳液 防晒霜 口红 唇釉 粉底液 散粉 眼影 睫毛膏 卸妆水 洗发水 护发素 沐浴露 身体乳 护手霜 牙膏 牙刷 漱口水 香水 化妆刷 洗脸巾 梳子 剃须刀 发膜 指甲油",
    "零食": "坚果 夏威夷果 巴旦木 腰果 核桃 牛肉干 猪肉脯 鸭脖 辣条 饼干 曲奇 面包 牛轧糖 巧克力 果干 芒果干 海苔 燕麦片 绿茶 咖啡 螺蛳粉 自热火锅 山楂条 薯片 瓜子 花生 果冻 蛋糕 麻花 月饼",
    "水果生鲜": "车厘子 芒果 橙子 葡萄 苹果 草莓 蓝莓 榴莲 西瓜 火龙果 沃柑 香梨 猕猴桃 牛油果 百香果 红薯 大米 鸡蛋 大虾 牛排 五花肉 三文鱼 香菇 圣女果 荔枝 山竹 菠萝 柚子 桃子 李子",
    "家居日用": "保温杯 玻璃杯 四件套 枕头 夏凉被 毛巾 浴巾 抽纸 卷纸 洗衣液 洗洁精 垃圾袋 收纳箱 衣架 香薰蜡烛 拖把 炒锅 碗碟 电热水壶 空气炸锅 加湿器 台灯 除螨仪 晾衣架 地垫 置物架 窗帘 床垫 餐具 砧板",
    "数码配件": "充电器 数据线 充电宝 蓝牙耳机 头戴耳机 有线耳机 手机壳 钢化膜 手机支架 车载支架 车充 鼠标 键盘 鼠标垫 笔记本支架 扩展坞 U盘 内存卡 表带 蓝牙音箱 自拍杆 平板保护套 读卡器 转接头 移动硬盘 摄像头 路由器 智能插座 电子秤 游戏手柄",
}
ADJECTIVES = [
    "新款",
    "加厚",
    "宽松",
    "修身",
    "纯棉",
    "轻薄",
    "大容量",
    "无线",
    "快充",
    "便携",
    "家用",
    "迷你",
    "复古",
    "简约",
    "北欧",
    "日式",
    "韩版",
    "儿童",
    "男士",
    "女士",
    "情侣",
    "有机",
    "进口",
    "原味",
    "礼盒装",
    "高端",
    "静音",
    "防水",
    "多功能",
    "升级版",
]
SYLLABLES = [
    "云",
    "禾",
    "森",
    "岸",
    "野",
    "集",
    "风",
    "青",
    "柠",
    "光",
    "沐",
    "绯",
    "色",
    "齿",
    "白",
    "甜",
    "麦",
    "果",
    "然",
    "茶",
    "语",
    "蜀",
    "乡",
    "极",
    "速",
    "声",
    "动",
    "山",
    "海",
    "星",
    "月",
    "川",
    "木",
    "谷",
    "田",
    "林",
    "溪",
    "泉",
    "石",
    "竹",
]
SPECS: list[dict[str, tuple[str, ...]]] = [
    {"颜色": ("白色", "黑色", "灰色"), "尺码": ("S", "M", "L", "XL")},
    {"颜色": ("红色", "蓝色"), "尺码": ("M", "L", "XL", "XXL")},
    {"规格": ("250g", "500g", "1kg")},
    {"口味": ("原味", "麻辣", "五香")},
    {"容量": ("350ml", "500ml")},
    {"颜色": ("白色", "黑色")},
    {"规格": ("2斤装", "5斤装")},
]
TAGS = [(), ("送礼",), ("保暖", "过冬"), ("辣",), ("儿童",), ("夏天", "清爽")]
ATTRIBUTES: list[dict[str, tuple[str, ...]]] = [
    {},
    {"性别": ("女",)},
    {"性别": ("男", "女")},
    {"肤质": ("油皮", "混合皮")},
    {"适用年龄": ("3-12岁",)},
]
FAQ_TOPICS = [
    "保质期",
    "尺码",
    "材质",
    "发货时间",
    "运费",
    "退货",
    "发票",
    "保修",
    "安装",
    "颜色",
    "适用人群",
    "使用方法",
    "储存方式",
    "产地",
    "包装",
]
FAQ_FORMS = ("{t}的{x}是怎样的", "{t}{x}怎么说", "请问{t}的{x}", "{t}有没有{x}说明", "想了解{t}{x}")

MESSAGES = [
    "你好",
    "在吗",
    "我的快递到哪了",
    "什么时候发货",
    "怎么开发票",
    "我要退货",
    "转人工",
    "好的谢谢",
    "能便宜点吗",
    "有优惠券吗",
    "收货地址写错了",
    "帮我取消订单",
    "付款失败怎么办",
    "耳机一边没声音",
    "订单SB202401010001到哪了",
    "我的手机号13812345678",
    "还没发货 不想要了",
    "",
    "😂😂😂",
    "x" * 3000,
    "Привет こんにちは hello",
    "\x00\x07\x1b[31m",
    "ＸＬ码有吗？",
    "我要两件白色的 L码",
]
TEMPLATES = (
    "有没有卖{t}",
    "推荐一款{t}",
    "{b}的{t}多少钱",
    "{a}{t}有货吗",
    "买两件{t} 红色 M码",
    "{t}能便宜点吗",
    "{t}怎么用",
    "200以内的{t}",
    "我买的{t}坏了",
    "{b}{a}{t}",
    "有没有适合油皮的{t}",
    "给我妈买个{t} 300左右",
    "{t}保温多久",
    "{t}今天拍什么时候发 寄到广州几天到",
    "有没有卖{t}机器人",
)


def brands(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.sample(SYLLABLES, 2)))
    return sorted(names)


def catalogue(size: int, seed: int = 7) -> tuple[dict[str, Product], list[str], list[str]]:
    rng = random.Random(seed)
    brand_names = brands(rng, 120)
    kinds = [(cat, kind) for cat, words in CATEGORIES.items() for kind in words.split()]
    products: dict[str, Product] = {}
    for n in range(size):
        category, kind = kinds[n % len(kinds)]
        brand = rng.choice(brand_names)
        name = f"{brand}{rng.choice(ADJECTIVES)}{kind} {rng.choice('ABCDEFGHJK')}{rng.randint(100, 999)}"
        sku = f"G{n:06d}"
        products[sku] = Product(
            sku=sku,
            name=name,
            category=category,
            brand=brand,
            price_fen=rng.randint(990, 99900),
            stock=rng.randint(0, 500),
            specs=MappingProxyType(rng.choice(SPECS)),
            aliases=(kind,),
            image_url=f"https://img.example.com/g/{sku}.jpg",
            description=f"{brand}出品的{kind}",
            tags=rng.choice(TAGS),
            attributes=MappingProxyType(rng.choice(ATTRIBUTES)),
        )
    return products, [k for _, k in kinds], brand_names


def faqs(kinds: list[str], count: int = 1000, seed: int = 11) -> dict[str, Faq]:
    rng = random.Random(seed)
    out: dict[str, Faq] = {}
    while len(out) < count:
        kind, topic = rng.choice(kinds), rng.choice(FAQ_TOPICS)
        faq_id = f"g.{kinds.index(kind)}.{FAQ_TOPICS.index(topic)}"
        forms = rng.sample(FAQ_FORMS, 3)
        questions = tuple(f.format(t=kind, x=topic) for f in forms)
        out[faq_id] = Faq(
            faq_id, questions, f"关于{kind}的{topic}：请见商品详情页。", "product_info"
        )
    return out


def messages(kinds: list[str], brand_names: list[str], count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    out = list(MESSAGES)
    while len(out) < count:
        template = rng.choice(TEMPLATES)
        out.append(
            template.format(
                t=rng.choice(kinds), b=rng.choice(brand_names), a=rng.choice(ADJECTIVES)
            )
        )
    rng.shuffle(out)
    return out


def memory_kb() -> dict[str, int]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) // 1024
    return fields


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def profile_tail(matcher: Matcher, slowest: list[tuple[float, str]]) -> str:
    """The slowest messages and where matching them again spends its time."""
    out = io.StringIO()
    out.write(f"slowest {len(slowest)} messages (thread CPU ms):\n")
    for ms, text in slowest:
        out.write(f"  {ms:6.2f}  {text[:50]!r}\n")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        for _, text in slowest:
            matcher.match(text)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def child(size: int, count: int, profile: bool = False) -> dict[str, object]:
    """Everything for one size, in this (fresh) process."""
    demo = load_knowledge(None)
    products, kinds, brand_names = catalogue(size)
    kb = KnowledgeBase(
        shop_name="generated",
        categories=list(CATEGORIES),
        products=MappingProxyType(products),
        faqs=MappingProxyType(faqs(kinds)),
        intents=demo.intents,
        synonyms=demo.synonyms,
        noise=demo.noise,
        topics=demo.topics,
        attribute_words=demo.attribute_words,
    )
    before = memory_kb()["VmRSS"]
    started, cpu_started = time.perf_counter(), time.process_time()
    matcher = Matcher(kb, recent=0)  # every message matched in full: no repeat is remembered
    build_s = time.perf_counter() - started
    build_cpu_s = time.process_time() - cpu_started
    after = memory_kb()
    texts = messages(kinds, brand_names, count)
    for text in texts[:200]:
        matcher.match(text)
    timings, cpu, scored = [], [], []
    for text in texts:
        t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
        result = matcher.match(text)
        cpu.append((time.thread_time_ns() - c0) / 1e6)
        timings.append((time.perf_counter_ns() - t0) / 1e6)
        scored.append(result.scored)
    if profile:
        slowest = sorted(zip(cpu, texts, strict=True), reverse=True)[: max(10, len(texts) // 100)]
        print(profile_tail(matcher, slowest), file=sys.stderr)
    names = [p.name for p in products.values()]
    scan_started = time.perf_counter()
    scan = texts[:20]
    for text in scan:
        process.extractOne(text, names, scorer=fuzz.WRatio)
    full_scan_ms = (time.perf_counter() - scan_started) * 1000 / len(scan)
    return {
        "size": size,
        "faqs": len(kb.faqs),
        "messages": len(texts),
        "build_s": build_s,
        "build_cpu_s": build_cpu_s,
        "cpu_p99_ms": percentile(cpu, 0.99),
        "p50_ms": percentile(timings, 0.50),
        "p99_ms": percentile(timings, 0.99),
        "max_ms": max(timings),
        "rss_before_mb": before,
        "rss_mb": after["VmRSS"],
        "peak_mb": memory_kb()["VmHWM"],
        "scored_max": max(scored),
        "full_scan_ms": full_scan_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="profile the slowest 1%%")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.messages, args.profile)))
        return 0
    rows = []
    load_before = os.getloadavg()[0]
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--child", str(size), "--messages", str(args.messages)]
        cmd += ["--profile"] if args.profile else []
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        if args.profile:
            print(f"--- {size:,} SKUs ---\n{done.stderr}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"match latency: {args.messages} messages per size, +1,000 FAQ entries, demo intents")
    print(
        f"{'SKUs':>8} {'build s':>8} {'cpu s':>6} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'p99 cpu':>8}"
        f" {'RSS before':>10} {'RSS MB':>7} {'peak MB':>8} {'scored≤':>8} {'full scan ms':>13}"
    )
    for r in rows:
        print(
            f"{r['size']:>8,} {r['build_s']:8.2f} {r['build_cpu_s']:6.2f} {r['p50_ms']:7.3f} {r['p99_ms']:7.3f}"
            f" {r['max_ms']:7.2f} {r['cpu_p99_ms']:8.3f} {r['rss_before_mb']:10d} {r['rss_mb']:7d}"
            f" {r['peak_mb']:8d} {r['scored_max']:8d} {r['full_scan_ms']:13.1f}"
        )
    print("targets at 100k SKUs: p99 ≤ 2 ms, build ≤ 10 s, resident memory ≤ 400 MB")
    print("RSS = whole process after the build (Python, jieba's dictionary, catalogue, indexes);")
    print("RSS before = the same process with the catalogue generated, before Matcher(kb);")
    print("cpu s = the build's process CPU time; p99 cpu = p99 of the matching thread's CPU time")
    print("(both immune to other processes' load, unlike the wall-clock columns)")
    cpus = os.cpu_count()
    print(
        f"load average {load_before:.2f} → {os.getloadavg()[0]:.2f} on {cpus} CPUs (timings are wall clock)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
