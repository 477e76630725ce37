"""Two versions of `shopbot serve` side by side: the CPU a shop message costs in each, measured in
alternating rounds of the same message mix, so the load the machine's other work puts on the cores
falls on both alike (bench/README.md, "Comparing two versions").

    .venv/bin/python bench/bench_ab.py main HEAD                 # two git revisions
    .venv/bin/python bench/bench_ab.py main HEAD --rounds 12 --open-seconds 12

Each revision is exported with `git archive` to a temporary directory and served from there with
this virtual environment (the dependencies must be the same). Both get the demo shop, memory
state, their own SQLite file and mock API, the same warm-up, then `--rounds` rounds of
`bench_pipeline.py`'s wrk replay at 32 connections, taking turns which goes first; each round
sends messages neither has seen. Printed per revision: the median CPU per message (the server's
own, from /proc) with every round's figure, the median throughput and p99, and, with
`--open-seconds`, p50/p99 at `--rate` messages a second (open loop, one revision after the
other, so that figure moves with the machine's load as much as with the code).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench_pipeline import (
    MAX_RATE,
    ROOT,
    WrkResult,
    add_followers,
    closed_loop,
    free_port_pair,
    make_callbacks,
    open_loop,
    percentile,
    stop_all,
    wait_up,
    write_requests,
    wrk,
)

from bot.config import Config, load_config
from bot.demo import demo_config_text
from bot.simulator import CallbackBuilder

WARM = 300
ROUND_S = 2


@dataclass
class Served:
    revision: str
    tree: Path
    config: Config
    url: str
    mock_url: str
    procs: list[subprocess.Popen[bytes]]
    rounds: list[WrkResult] = field(default_factory=list)

    def stop(self) -> None:
        stop_all(self.procs)


def export(revision: str, tree: Path) -> Path:
    """The tree of `revision`, as committed, in the new directory `tree`."""
    tree.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def serve(revision: str, tree: Path, data: Path) -> Served:
    port = free_port_pair()  # the demo config puts the mock API on port + 1
    text = demo_config_text(port, data).replace("max_clock_skew_s = 300", "max_clock_skew_s = 0")
    config_path = data / "bench.toml"
    config_path.write_text(text + "\n[scheduler]\nenabled = false\n", encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(tree)}
    quiet = subprocess.DEVNULL
    commands = [
        [sys.executable, "-m", "bot", "serve", "--config", str(config_path)],
        [sys.executable, "-m", "bot", "mock-api", "--port", str(port + 1)],
    ]
    procs = [
        subprocess.Popen(cmd, env=env, cwd=tree, stdout=quiet, stderr=quiet) for cmd in commands
    ]
    base = "http://127.0.0.1"
    config = load_config(config_path)
    return Served(revision, tree, config, f"{base}:{port}", f"{base}:{port + 1}", procs)


async def compare(args: argparse.Namespace, servers: list[Served], tmp: Path) -> None:
    for served in servers:
        await wait_up(served.url + "/healthz")
        await add_followers(served.mock_url)
    per_round = MAX_RATE * ROUND_S
    fixed_count = int(args.rate * args.open_seconds)
    builder = CallbackBuilder(servers[0].config, "oa")  # the demo's credentials: the same for both
    callbacks = make_callbacks(builder, WARM + per_round * args.rounds * 2 + fixed_count)
    requests = tmp / "requests.txt"
    write_requests(requests, callbacks[WARM : WARM + per_round * args.rounds * 2])
    fixed = callbacks[WARM + per_round * args.rounds * 2 :]
    for served in servers:
        await closed_loop(served.url, callbacks[:WARM], 8, 5)  # first use of every code path
    first = 1
    for i in range(args.rounds):
        for served in servers if i % 2 == 0 else servers[::-1]:
            pid = served.procs[0].pid
            url = served.url + "/wechat/oa"
            served.rounds.append(wrk(url, requests, first, per_round, 32, ROUND_S, pid))
            first += per_round
    for served in servers:
        cpu = [r.cpu_ms for r in served.rounds]
        print(
            f"{served.revision}: CPU per message {statistics.median(cpu):.3f} ms "
            f"(rounds: {' '.join(f'{c:.3f}' for c in cpu)}), "
            f"{statistics.median(r.rate for r in served.rounds):.0f} msg/s, "
            f"p99 {statistics.median(r.p99_ms for r in served.rounds):.1f} ms at 32 connections"
        )
    base, other = (statistics.median(r.cpu_ms for r in s.rounds) for s in servers)
    print(f"{servers[1].revision} / {servers[0].revision} CPU per message: {other / base:.3f}")
    if fixed:
        for served in servers:
            latencies = await open_loop(served.url, fixed, args.rate)
            print(
                f"{served.revision} at {args.rate:.0f} msg/s: p50 {percentile(latencies, 50):.1f} ms,"
                f" p99 {percentile(latencies, 99):.1f} ms"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base", help="a git revision (the one compared against)")
    parser.add_argument("other", help="another git revision")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--rate", type=float, default=1000.0)
    parser.add_argument("--open-seconds", type=float, default=0.0)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        parser.exit(2, "bench_ab needs wrk: apt-get install -y wrk (or brew install wrk)\n")
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-ab-"))
    servers: list[Served] = []
    try:
        for n, revision in enumerate((args.base, args.other)):
            data = tmp / f"data-{n}"
            data.mkdir()
            servers.append(serve(revision, export(revision, tmp / f"tree-{n}"), data))
        asyncio.run(compare(args, servers, tmp))
    finally:
        for served in servers:
            served.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
