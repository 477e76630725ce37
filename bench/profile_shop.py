"""The shop's CPU per message in one process, without HTTP: `shopbot serve`'s app (demo shop,
memory state, SQLite) started in this process, `bench_pipeline.py`'s message mix decoded
beforehand, and each message handed to the pipeline (dedup, lock, session, router, handlers,
reply) by `--concurrency` tasks, as the worker's event loop would get them.

    .venv/bin/python bench/profile_shop.py                        # CPU per message, a few rounds
    .venv/bin/python bench/profile_shop.py --cprofile /tmp/shop.prof   # and where it goes
    .venv/bin/python bench/profile_shop.py --pyinstrument /tmp/shop.txt

What it leaves out (aiohttp, the signature, decrypting and encrypting) the echo server pays too;
what it measures is what a shop message costs beyond that. The mock WeChat API runs in a process
of its own (replies past the first go through it). `--cprofile` counts calls (work repeated more
often than needed shows there) but inflates every Python call; `--pyinstrument` samples.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import logging
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from bench_pipeline import ROOT, add_followers, free_port_pair, make_callbacks, wait_up

from bot.config import Config, load_config
from bot.demo import demo_config_text
from bot.gateway import create_app
from bot.gateway.keys import OA, PIPELINE
from bot.logs import configure_logging
from bot.protocol import Inbound
from bot.serve import prepare_knowledge
from bot.simulator import CallbackBuilder

WARM = 1600  # one cycle of the mix: every text the matcher reads is then one it has seen


async def drive(
    handle: Callable[[Inbound], Awaitable[str | None]], messages: list[Inbound], concurrency: int
) -> None:
    """`concurrency` tasks taking the messages in turn, each handled to its reply."""
    it = iter(messages)

    async def worker() -> None:
        for msg in it:
            await handle(msg)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def start_mock(tmp: Path) -> tuple[Config, subprocess.Popen[bytes]]:
    """The demo shop's config (memory state, SQLite in `tmp`) and its mock WeChat API."""
    port = free_port_pair()
    text = demo_config_text(port, tmp).replace("max_clock_skew_s = 300", "max_clock_skew_s = 0")
    config_path = tmp / "bench.toml"
    config_path.write_text(text + "\n[scheduler]\nenabled = false\n", encoding="utf-8")
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    mock = subprocess.Popen(
        [sys.executable, "-m", "bot", "mock-api", "--port", str(port + 1)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return load_config(config_path), mock


async def run(args: argparse.Namespace, config: Config) -> str | None:
    mock_url = f"http://127.0.0.1:{config.server.port + 1}"
    await wait_up(mock_url + "/_mock/calls")
    await add_followers(mock_url)
    app = create_app(config, knowledge=prepare_knowledge(config))
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        return await measure(args, app, config)
    finally:
        await runner.cleanup()


async def measure(args: argparse.Namespace, app: web.Application, config: Config) -> str | None:
    """Warm-up, then the rounds; prints the CPU per message, returns pyinstrument's text."""
    builder = CallbackBuilder(config, "oa")
    total = WARM + args.messages * args.rounds
    protocol = app[OA]
    assert protocol is not None
    messages = [protocol.decode(cb.query, cb.body).inbound for cb in make_callbacks(builder, total)]
    handle = app[PIPELINE].handle
    await drive(handle, messages[:WARM], args.concurrency)
    await asyncio.sleep(0.5)  # background work of the warm-up settles
    per_message: list[float] = []
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None  # CPU, not wall
    sampler = None
    if args.pyinstrument:
        from pyinstrument import Profiler

        sampler = Profiler(interval=0.0005, async_mode="disabled")
    for n in range(args.rounds):
        batch = messages[WARM + n * args.messages : WARM + (n + 1) * args.messages]
        if profiler:
            profiler.enable()
        if sampler:
            sampler.start()
        cpu = time.process_time()
        await drive(handle, batch, args.concurrency)
        cpu = time.process_time() - cpu
        if sampler:
            sampler.stop()
        if profiler:
            profiler.disable()
        per_message.append(cpu * 1000 / len(batch))
    print(
        f"CPU per message: {statistics.median(per_message):.3f} ms "
        f"(rounds: {' '.join(f'{c:.3f}' for c in per_message)})"
    )
    if profiler:
        profiler.dump_stats(args.cprofile)
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(80)
    return sampler.output_text(unicode=True, show_all=False) if sampler else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000, help="messages per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--cprofile", metavar="FILE", help="profile with cProfile, stats to FILE")
    parser.add_argument("--pyinstrument", metavar="FILE", help="sample with pyinstrument")
    args = parser.parse_args()
    # As `shopbot serve` logs (INFO, text, to stderr), here to nowhere.
    configure_logging(logging.INFO)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-profile-"))
    config, mock = start_mock(tmp)
    try:
        sampled = asyncio.run(run(args, config))
    finally:
        mock.terminate()
        mock.wait(15)
        shutil.rmtree(tmp, ignore_errors=True)
    if sampled is not None:
        Path(args.pyinstrument).write_text(sampled, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
