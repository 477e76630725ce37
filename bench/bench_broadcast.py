"""Broadcast benchmark: planning and dispatching 2,000 customer groups and 10,000 OA followers
against the mock WeChat API, with throughput set against the platform limits the sender keeps.

Phases (one process; the mock runs in it too, on a local port):
1. plan 2,000 groups cold (groupchat/list + 2,000 groupchat/get) and warm (names cached);
2. dispatch them: one add_msg_template task per owner (≤ 2,000 chat ids each);
3. plan 10,000 followers and send: one mass send when nobody is left out;
4. customer-service messages to `--chatters` followers with quota, under a deliberately tight
   limit (`--limit` per `--window-s`), to show the sender runs at the limit and never above it:
   the busiest window of the mock's own record is compared with the limit.

    .venv/bin/python bench/bench_broadcast.py [--groups 2000] [--followers 10000]
        [--chatters 600] [--limit 100] [--window-s 5]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

import bot.broadcast.runner as runner_module
from bot.broadcast.audience import Audience
from bot.broadcast.content import Content
from bot.broadcast.runner import ADD_MSG_TEMPLATE, CUSTOM_SEND, MASS_SENDALL
from bot.broadcast.spec import KIND_BROADCAST, CampaignSpec
from bot.config import ApiConfig, ComplianceConfig, Config, OAConfig, StorageConfig, WeComConfig
from bot.outbound.limits import WECOM_API_PER_CORP, Window
from bot.protocol import Channel, Inbound, Kind
from bot.services import Services, build_services
from bot.state import open_state_store
from bot.storage import open_database
from knowledge import KnowledgeHolder
from mockwechat import MOCK_STATE, MockData, create_mock_app
from mockwechat.credentials import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CORP_ID,
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config_for(api: str, database: str) -> Config:
    return Config(
        oa=OAConfig(DEMO_OA_APP_ID, DEMO_OA_APP_SECRET),
        wecom=WeComConfig(DEMO_WECOM_CORP_ID, DEMO_WECOM_AGENT_ID, DEMO_WECOM_AGENT_SECRET),
        storage=StorageConfig(database=database),
        api=ApiConfig(api, api),
        compliance=ComplianceConfig(quiet_hours="", max_promotions_per_week=0),
    )


async def campaign(services: Services, target: str, key: str) -> Any:
    spec = CampaignSpec(Audience.parse(target), Content("周末全场8折"))
    made = await services.db.campaigns.create_campaign(
        f"bench {target}",
        KIND_BROADCAST,
        spec.to_payload(),
        created_by="bench",
        run_at=datetime.now(UTC),
    )
    assert await services.db.campaigns.claim_run(made.id, key)
    return made


def busiest_window(times: list[float], window_s: float) -> int:
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window_s:
            start += 1
        best = max(best, end - start + 1)
    return best


def row(label: str, seconds: float, detail: str = "") -> None:
    print(f"{label:<58} {seconds:8.3f} s  {detail}")


async def main(args: argparse.Namespace) -> None:
    data = MockData.generated(groups=args.groups, followers=args.followers)
    mock = create_mock_app(data)
    runner = web.AppRunner(mock, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    state = mock[MOCK_STATE]
    folder = Path(tempfile.mkdtemp(prefix="shopbot-bench-"))
    config = config_for(f"http://127.0.0.1:{port}", f"sqlite:///{folder / 'bench.sqlite3'}")
    store = open_state_store("memory://")
    db = await open_database(config.storage.database)
    try:
        async with db, aiohttp.ClientSession() as http:
            knowledge = await asyncio.to_thread(KnowledgeHolder.load)
            services = build_services(config, store=store, db=db, knowledge=knowledge, http=http)
            await run_phases(services, state, args)
    finally:
        await store.close()
        await runner.cleanup()


async def run_phases(services: Services, state: Any, args: argparse.Namespace) -> None:
    broadcaster = services.broadcaster
    groups = Audience.parse("groups")
    print(f"mock: {args.groups} groups, {args.followers} followers\n")

    started = time.perf_counter()
    preview = await broadcaster.planner.preview(groups)
    row(
        f"plan {preview.total} groups, cold ({preview.total} groupchat/get)",
        time.perf_counter() - started,
    )
    started = time.perf_counter()
    await broadcaster.planner.preview(groups)
    row(f"plan {preview.total} groups, warm (owners cached)", time.perf_counter() - started)

    started = time.perf_counter()
    report = await broadcaster.run(await campaign(services, "groups", "g"), "g")
    took = time.perf_counter() - started
    tasks = state.recorder.calls(path=ADD_MSG_TEMPLATE)
    sizes = [len(c.body["chat_id_list"]) for c in tasks]
    limit = WECOM_API_PER_CORP[0].limit
    row(
        f"send to {sum(sizes)} groups: {len(tasks)} add_msg_template tasks",
        took,
        f"largest task {max(sizes)} chat ids (API max 2000); "
        f"busiest minute {busiest_window([c.time for c in tasks], 60)} calls (limit {limit}/min)",
    )
    assert report is not None and report.pending == args.groups

    started = time.perf_counter()
    report = await broadcaster.run(await campaign(services, "followers", "f"), "f")
    took = time.perf_counter() - started
    mass = state.recorder.calls(path=MASS_SENDALL)
    row(
        f"plan + send to {args.followers} followers (opt-outs, caps, quota checked)",
        took,
        f"{len(mass)} mass send (60/min limit), {report.sent if report else 0} followers reached",
    )
    await chatters_phase(services, state, args)


async def chatters_phase(services: Services, state: Any, args: argparse.Namespace) -> None:
    """Customer-service messages under a tight limit: sustained rate vs the limit."""
    tight = (Window(args.limit, args.window_s),)
    runner_module.OA_CUSTOM_PER_ACCOUNT = tight  # the sender reads it at send time
    followers = state.directory.follower_order[: args.chatters]
    for openid in followers:
        message = Inbound(Channel.OA, openid, "gh", Kind.TEXT, 1, msg_id="1", text="在吗")
        await services.outbound.cs_quota.grant(message)
    started = time.perf_counter()
    broadcaster = services.broadcaster
    await broadcaster.run(await campaign(services, "followers", "c"), "c")
    took = time.perf_counter() - started
    sent = [c.time for c in state.recorder.calls(path=CUSTOM_SEND)]
    allowed = args.limit / args.window_s
    # The first window's budget goes out at once; after it the rate is the sustained one.
    steady = (len(sent) - args.limit) / (sent[-1] - sent[0]) if len(sent) > args.limit else 0.0
    row(
        f"{len(sent)} customer-service messages, limit {args.limit} per {args.window_s} s",
        took,
        f"sustained {steady:.1f}/s vs {allowed:.1f}/s allowed ({steady / allowed:.0%}); "
        f"busiest {args.window_s} s window {busiest_window(sent, args.window_s)} (limit {args.limit})",
    )


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--chatters", type=int, default=600)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--window-s", type=int, default=5)
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(parse()))
