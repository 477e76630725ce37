"""`shopbot kb gaps --config FILE`: the merchant's list of unanswered questions, from the
database the config names."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import database_url, load_config
from bot.demo import write_demo_config
from bot.storage import open_database


async def _record(config_path: Path, *texts: str) -> None:
    config = load_config(config_path, environ={})
    async with await open_database(database_url(config)) as db:
        for text in texts:
            await db.unanswered.record(text, "fallback")
        await db.unanswered.record("有洗碗机吗", "no_product")


def test_prints_the_most_frequent_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_demo_config(28090, tmp_path / "demo")
    asyncio.run(_record(path, "能刻字吗", "能刻字吗", "我电话13812345678 能改吗"))
    assert main(["kb", "gaps", "--config", str(path), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "1. 能刻字吗 ×2（没听懂）" in out
    assert out.count("×") == 2 and "13812345678" not in out


def test_an_empty_log_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_demo_config(28091, tmp_path / "demo")
    assert main(["kb", "gaps", "--config", str(path), "--days", "30"]) == 0
    assert "最近30天没有答不上的问题" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["kb", "gaps", "--config", str(path), "--days", "0"])
    assert exited.value.code == 2 and "whole number" in capsys.readouterr().err
    assert main(["kb", "gaps", "--config", str(tmp_path / "missing.toml")]) == 2
