"""Pipeline benchmark: encrypted OA text messages against `shopbot serve` (one worker) beside a
bare decrypt-parse-encrypt echo server, measured in the same run.

The load generator is `wrk` (one thread, so on the other core of a two-core machine) with
bench/replay.lua, which replays callbacks signed and encrypted beforehand, each sent once. Reports
each server's closed-loop throughput at `--concurrency` connections and the ratio to the echo
server (target ≥ 0.5) for two servers: the same app with a handler that only echoes (what the
pipeline itself costs: protocol, dedup, lock, session, routing, reply budget) and `shopbot serve`
with the demo shop (matcher, dialogs, database), with its p99 (target < 50 ms at 32
connections). Then p50/p99 latency of `shopbot serve` at a fixed open-loop rate (target p99 <
25 ms at 1,000 messages/s).

The message mix is a shop's: everyday questions, questions about products, and 转人工 (one in
`HANDOFF_EVERY`; with 500 shoppers most of them end up handed to a human during a run, as in a
long day) and 取消人工 now and then.

Needs wrk: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`.

    .venv/bin/python bench/bench_pipeline.py [--seconds 10] [--rate 1000] [--concurrency 32]
    .venv/bin/python bench/bench_pipeline.py --seconds 12 --py-spy /tmp/shop.txt  # and profile

`--py-spy FILE` samples `shopbot serve` with py-spy (`.venv/bin/pip install py-spy`) during the
closed-loop rounds and writes its collapsed stacks (one stack a line, then its sample count) to
FILE. bench/README.md says how to read them, and keeps the figures measured so far.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from bot.config import Config, load_config
from bot.demo import demo_config_text
from bot.simulator import Callback, CallbackBuilder
from knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def free_port_pair() -> int:
    """A free port whose next port is free too (the demo config puts the mock API there)."""
    for _ in range(100):
        with socket.socket() as first, socket.socket() as second:
            first.bind(("127.0.0.1", 0))
            port = int(first.getsockname()[1])
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port
    raise RuntimeError("no two adjacent free ports")


async def wait_up(url: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


ROUNDS = 5
BENCH_USERS = [f"oBench{i:022d}" for i in range(500)]


COMMON = [
    "你好",
    "在吗",
    "谢谢",
    "运费多少",
    "我的订单",
    "可以开发票吗",
    "怎么退货",
    "发什么快递",
    "多久能到",
    "有优惠券吗",
    "质量怎么样",
    "能便宜点吗",
    "怎么付款",
    "查物流",
    "怎么联系客服",
    "包邮吗",
    "几天发货",
    "退款多久到账",
    "会员有什么好处",
    "可以货到付款吗",
]
TEMPLATES = ["有没有{}", "{}多少钱", "{}还有货吗", "想买{}", "{}怎么样"]


HANDOFF_EVERY = 20  # one message in 20 asks for a human
HAND_BACK_EVERY = 60  # one in 60 goes back to the bot


def bench_texts(handoff_every: int = HANDOFF_EVERY) -> list[str]:
    """A shop's mix: everyday questions, questions about the demo shop's products, 转人工 and
    取消人工. A shopper handed to a human gets no reply from the bot until handed back."""
    names = [p.name for p in load_knowledge(None).products.values()]
    about_products = [t.format(name) for name in names for t in TEMPLATES]
    texts = [text for pair in zip(about_products, COMMON * 40, strict=False) for text in pair]
    if not handoff_every:
        return texts
    for i in range(0, len(texts), handoff_every):
        texts[i] = "转人工"
    for i in range(HAND_BACK_EVERY // 2, len(texts), HAND_BACK_EVERY):
        texts[i] = "取消人工"
    return texts


def make_callbacks(
    builder: CallbackBuilder, count: int, handoff_every: int = HANDOFF_EVERY
) -> list[Callback]:
    """Distinct messages (distinct MsgIds) from a pool of users, as a busy shop would see."""
    texts = bench_texts(handoff_every)
    return [
        builder.text(BENCH_USERS[i % len(BENCH_USERS)], texts[i % len(texts)], msg_id=10**12 + i)
        for i in range(count)
    ]


async def add_followers(api_url: str) -> None:
    """The mock API only lets us message its followers: make the benchmark's users followers."""
    async with aiohttp.ClientSession() as http:
        for openid in BENCH_USERS:
            async with http.post(f"{api_url}/_mock/followers", json={"openid": openid}) as r:
                r.raise_for_status()


async def closed_loop(
    base: str, callbacks: list[Callback], concurrency: int, seconds: float
) -> float:
    """Messages per second with `concurrency` clients sending back-to-back."""
    done = 0
    stop = time.monotonic() + seconds
    it = iter(callbacks)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def client() -> None:
            nonlocal done
            for cb in it:
                if time.monotonic() >= stop:
                    return
                async with http.post(base + cb.path, params=cb.query, data=cb.body) as r:
                    await r.read()
                    assert r.status == 200, r.status
                done += 1

        started = time.monotonic()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        return done / (time.monotonic() - started)


MAX_RATE = 8000  # messages per second the request file is sized for, per server and round


@dataclass
class WrkResult:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_ms: float = 0.0  # the server's CPU time per message (user + system)


def cpu_seconds(pid: int) -> float:
    """A process's CPU time so far, from /proc (Linux); 0 elsewhere.

    Throughput on a machine shared with other work moves with their load; CPU time per message
    moves much less, so its ratio is printed beside the throughput ratio."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_requests(path: Path, callbacks: list[Callback]) -> None:
    """One request a line for bench/replay.lua: "<path?query>\t<body>"."""
    from urllib.parse import urlencode

    with path.open("w", encoding="utf-8") as out:
        for cb in callbacks:
            out.write(f"{cb.path}?{urlencode(cb.query)}\t{cb.body.decode()}\n")


def wrk(
    url: str,
    requests: Path,
    first: int,
    count: int,
    connections: int,
    seconds: float,
    pid: int = 0,
) -> WrkResult:
    """Closed loop: `connections` connections sending back to back for `seconds`."""
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "replay.lua"), url,
        "--", str(requests), str(first), str(count),
    ]  # fmt: skip
    cpu_before = cpu_seconds(pid)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds(pid) - cpu_before
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    data = json.loads(line[5:])
    if data["requests"] > count:
        print(f"warning: {url} got {data['requests']} requests from a slice of {count}")
    return WrkResult(
        data["requests"] / data["seconds"],
        data["p50_ms"],
        data["p99_ms"],
        data["errors"],
        cpu * 1000 / max(1, data["requests"]),
    )


async def open_loop(base: str, callbacks: list[Callback], rate: float) -> list[float]:
    """Send at a fixed rate regardless of answers; return each message's latency in ms."""
    latencies: list[float] = []
    # Below the server's connection cap: a backlog then queues here, and still counts as latency.
    connector = aiohttp.TCPConnector(limit=256)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def one(cb: Callback) -> None:
            t0 = time.perf_counter()
            async with http.post(base + cb.path, params=cb.query, data=cb.body) as r:
                await r.read()
            latencies.append((time.perf_counter() - t0) * 1000)

        tasks = []
        start = time.perf_counter()
        for i, cb in enumerate(callbacks):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(cb)))
        await asyncio.gather(*tasks)
    return latencies


def start_py_spy(out: str | None, pid: int) -> subprocess.Popen[bytes] | None:
    """py-spy sampling `pid` until `stop_py_spy`, when `--py-spy` names a file for its stacks."""
    if not out:
        return None
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    command = [spy, "record", "--pid", str(pid), "--rate", "250", "--format", "raw", "-o", out]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_py_spy(spy: subprocess.Popen[bytes] | None) -> None:
    """py-spy writes its file when interrupted."""
    if spy is None:
        return
    spy.send_signal(signal.SIGINT)
    try:
        spy.wait(30)
    except subprocess.TimeoutExpired:
        spy.kill()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    """Ask every process to end, then wait for each (killed after 15 s)."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Servers:
    config: Config
    bot_url: str
    echo_url: str
    mock_url: str
    pipeline_url: str
    procs: list[subprocess.Popen[bytes]]

    def stop(self) -> None:
        stop_all(self.procs)


def start_servers(tmp: Path) -> Servers:
    """`shopbot serve` (one worker, demo shop, memory state), its mock API, and the echo server."""
    bot_port, echo_port = free_port_pair(), free_port()  # the demo config puts the mock API on +1
    text = demo_config_text(bot_port, tmp).replace("max_clock_skew_s = 300", "max_clock_skew_s = 0")
    config_path = tmp / "bench.toml"
    config_path.write_text(text + "\n[scheduler]\nenabled = false\n", encoding="utf-8")
    config = load_config(config_path)
    pipeline_port = free_port()
    pipeline_config = tmp / "pipeline-only.toml"
    pipeline_config.write_text(
        text.replace(f"port = {bot_port}", f"port = {pipeline_port}")
        + "\n[scheduler]\nenabled = false\n",
        encoding="utf-8",
    )
    oa = config.oa
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    commands = [
        [sys.executable, "-m", "bot", "serve", "--config", str(config_path)],
        [sys.executable, "-m", "bot", "mock-api", "--port", str(bot_port + 1)],
        [sys.executable, str(ROOT / "bench" / "pipeline_only_server.py"), str(pipeline_config)],
        [
            sys.executable,
            str(ROOT / "bench" / "echo_server.py"),
            str(echo_port),
            oa.token,
            oa.encoding_aes_key,
            oa.app_id,
        ],
    ]
    quiet = subprocess.DEVNULL
    procs = [subprocess.Popen(cmd, env=env, stdout=quiet, stderr=quiet) for cmd in commands]
    return Servers(
        config,
        bot_url=f"http://127.0.0.1:{bot_port}",
        echo_url=f"http://127.0.0.1:{echo_port}",
        mock_url=f"http://127.0.0.1:{bot_port + 1}",
        pipeline_url=f"http://127.0.0.1:{pipeline_port}",
        procs=procs,
    )


@dataclass
class Results:
    echo_rate: float
    pipeline_rate: float
    bot_rate: float
    bot_p99_ms: float
    latencies: list[float]
    cpu_ms: list[float]  # echo, pipeline, shop: CPU time per message


async def run(args: argparse.Namespace, servers: Servers, tmp: Path) -> Results:
    await wait_up(servers.bot_url + "/healthz")
    await wait_up(servers.pipeline_url + "/healthz")
    await wait_up(servers.echo_url + "/wechat/oa")
    await wait_up(servers.mock_url + "/_mock/calls")
    await add_followers(servers.mock_url)
    round_s = args.seconds / ROUNDS
    per_slice = int(MAX_RATE * max(1, round(round_s)))
    fixed_count = int(args.rate * args.seconds)
    builder = CallbackBuilder(servers.config, "oa")
    callbacks = make_callbacks(
        builder, 300 + per_slice * 3 * ROUNDS + fixed_count, args.handoff_every
    )
    requests = tmp / "requests.txt"
    write_requests(requests, callbacks[300 : 300 + per_slice * 3 * ROUNDS])
    fixed = callbacks[300 + per_slice * 3 * ROUNDS :]
    del callbacks[300:]
    # The open-loop generator's own pauses must not count as the server's latency: its prepared
    # messages are left out of garbage collection.
    gc.collect()
    gc.freeze()
    warm = callbacks[:300]
    await closed_loop(servers.bot_url, warm, 8, 5)  # first use of every code path
    await closed_loop(servers.pipeline_url, warm, 8, 2)
    # Rounds of echo, pipeline, shop in turn, the median of each: a slow second on the shared
    # cores then moves one sample, not the ratio. Every round gets messages none has seen.
    samples: list[list[WrkResult]] = [[], [], []]
    urls = (servers.echo_url, servers.pipeline_url, servers.bot_url)
    pids = (servers.procs[3].pid, servers.procs[2].pid, servers.procs[0].pid)
    first = 1
    spy = start_py_spy(args.py_spy, servers.procs[0].pid)
    for _ in range(ROUNDS):
        for sample, url, pid in zip(samples, urls, pids, strict=True):
            result = wrk(
                url + "/wechat/oa", requests, first, per_slice, args.concurrency, round_s, pid
            )
            if result.errors:
                print(f"warning: {result.errors} errors from {url}")
            sample.append(result)
            first += per_slice
            if os.environ.get("BENCH_VERBOSE"):
                print(
                    f"  {url}: {result.rate:.0f} msg/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms"
                )
    stop_py_spy(spy)
    echo_rate, pipeline_rate, bot_rate = (statistics.median(r.rate for r in s) for s in samples)
    cpu = [statistics.median(r.cpu_ms for r in sample) for sample in samples]
    bot_p99 = statistics.median(r.p99_ms for r in samples[2])
    latencies = await open_loop(servers.bot_url, fixed, args.rate)
    return Results(echo_rate, pipeline_rate, bot_rate, bot_p99, latencies, cpu)


def report(args: argparse.Namespace, results: Results) -> int:
    echo_rate, latencies = results.echo_rate, results.latencies
    ratio = results.bot_rate / echo_rate
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    print(f"echo server (decrypt-parse-encrypt):     {echo_rate:8.0f} msg/s")
    print(
        f"pipeline only (echo handler):            {results.pipeline_rate:8.0f} msg/s"
        f"   ratio {results.pipeline_rate / echo_rate:.2f}"
    )
    print(
        f"shopbot serve, demo shop (one worker):   {results.bot_rate:8.0f} msg/s"
        f"   ratio {ratio:.2f}   (target >= 0.5)"
    )
    print(
        f"shopbot serve at {args.concurrency} connections: p99 {results.bot_p99_ms:.1f} ms"
        "   (target p99 < 50 ms)"
    )
    echo_cpu, pipeline_cpu, bot_cpu = results.cpu_ms
    if echo_cpu and pipeline_cpu and bot_cpu:
        print(
            f"CPU per message: echo {echo_cpu:.2f} ms, pipeline {pipeline_cpu:.2f} ms "
            f"(ratio {echo_cpu / pipeline_cpu:.2f}), shop {bot_cpu:.2f} ms "
            f"(ratio {echo_cpu / bot_cpu:.2f})"
        )
    print(
        f"at {args.rate:.0f} msg/s for {args.seconds:.0f} s ({len(latencies)} msgs): "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, mean {statistics.mean(latencies):.1f} ms "
        "(target p99 < 25 ms)"
    )
    return 0 if ratio >= 0.5 and p99 < 25 and results.bot_p99_ms < 50 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--handoff-every",
        type=int,
        default=HANDOFF_EVERY,
        help="one message in N is 转人工 (0: none, to compare)",
    )
    parser.add_argument(
        "--py-spy",
        metavar="FILE",
        help="profile shopbot serve with py-spy during the closed-loop rounds (collapsed stacks)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        parser.exit(2, "bench_pipeline needs wrk: apt-get install -y wrk (or brew install wrk)\n")
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-bench-"))
    servers = start_servers(tmp)
    try:
        results = asyncio.run(run(args, servers, tmp))
    finally:
        servers.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return report(args, results)


if __name__ == "__main__":
    raise SystemExit(main())
