"""KnowledgeHolder: atomic swap on reload, the old index keeps serving when a file is broken."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge import KnowledgeError, KnowledgeHolder


@pytest.fixture(scope="module")
def holder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from knowledge import DEMO_SHOP_DIR

    target = tmp_path_factory.mktemp("holder") / "shop"
    shutil.copytree(DEMO_SHOP_DIR, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_load_with_none_is_the_demo_shop() -> None:
    holder = KnowledgeHolder.load(None)
    kb, matcher = holder.current
    assert kb.shop_name == "小禾良品" and matcher.kb is kb and holder.version == 1


async def test_reload_swaps_keeps_the_old_one_on_error_and_does_not_block(holder_dir: Path) -> None:
    holder = await asyncio.to_thread(KnowledgeHolder.load, holder_dir)
    first = holder.current
    assert first.kb.products["AP-1001"].price_fen == 5900

    products = holder_dir / "products.csv"
    _rewrite(products, ",5900,320,", ",4900,320,")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    task = asyncio.create_task(ticker())
    await holder.reload_async()
    task.cancel()
    second = holder.current
    assert ticks >= 3, "the event loop kept running while the index was built"
    assert second is not first and holder.version == 2
    assert second.kb.products["AP-1001"].price_fen == 4900
    assert first.kb.products["AP-1001"].price_fen == 5900, "a snapshot never changes under a caller"
    assert first.matcher.match("我要退货").intent == "return_refund"

    _rewrite(products, ",4900,320,", ",49.00,320,")
    with pytest.raises(KnowledgeError) as caught:
        await holder.reload_async()
    assert [(Path(e.file).name, e.line) for e in caught.value.errors] == [("products.csv", 2)]
    assert holder.current is second and holder.version == 2
    assert holder.current.matcher.match("怎么开发票").intent == "invoice"
    _rewrite(products, ",49.00,320,", ",5900,320,")


def test_startup_with_a_broken_file_raises(tmp_path: Path, holder_dir: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for item in holder_dir.iterdir():
        (broken / item.name).write_bytes(item.read_bytes())
    (broken / "faq.toml").write_text("[[faq]]\nid = 'x'\nquestions = [\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        KnowledgeHolder.load(broken)
    assert "faq.toml:" in str(caught.value)


async def test_sighup_reloads_and_logs_failures(
    holder_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    holder = await asyncio.to_thread(KnowledgeHolder.load, holder_dir)
    loop = asyncio.get_running_loop()
    holder.install_sighup(loop)
    try:
        await _signal_and_wait(holder, lambda: holder.version == 2)
        _rewrite(holder_dir / "intents.toml", 'id = "payment"', 'id = "paying"')
        with caplog.at_level(logging.ERROR, logger="shopbot.knowledge"):
            await _signal_and_wait(holder, lambda: "reload failed" in caplog.text)
        assert "intents.toml:" in caplog.text and holder.version == 2
    finally:
        loop.remove_signal_handler(signal.SIGHUP)
        _rewrite(holder_dir / "intents.toml", 'id = "paying"', 'id = "payment"')


async def _signal_and_wait(holder: KnowledgeHolder, done: Callable[[], bool]) -> None:
    os.kill(os.getpid(), signal.SIGHUP)
    deadline = time.monotonic() + 20
    while not done():
        assert time.monotonic() < deadline, "SIGHUP did not reload in time"
        await asyncio.sleep(0.02)
