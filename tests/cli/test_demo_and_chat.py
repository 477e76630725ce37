"""The newcomer's path: `shopbot demo`, then `shopbot chat --script --json` against it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a, socket.socket() as b:
            try:
                a.bind(("127.0.0.1", 0))
                port = a.getsockname()[1]
                b.bind(("127.0.0.1", port + 1))
                return int(port)
            except OSError:
                continue
    raise RuntimeError("no two free adjacent ports")


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"demo exited early with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("demo did not come up")


@pytest.fixture
def demo(tmp_path: Path):
    port = _free_port_pair()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "demo",
            "--port",
            str(port),
            "--data",
            str(tmp_path),
            "--no-chat",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        yield tmp_path / "shopbot.toml"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def _chat(config: Path, script: Path, *extra: str) -> list[dict]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "chat",
            "--config",
            str(config),
            "--script",
            str(script),
            "--json",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_demo_then_scripted_chat_as_shopper_and_staff(demo: Path, tmp_path: Path):
    script = tmp_path / "shopper.txt"
    script.write_text("你好\n有没有保温杯\n人工\n", encoding="utf-8")
    exchanges = _chat(demo, script)
    assert [e["sent"] for e in exchanges] == ["你好", "有没有保温杯", "人工"]
    assert all(e["status"] == 200 for e in exchanges)
    greeting = exchanges[0]["passive"]
    assert greeting["MsgType"] == "text" and greeting["Content"]
    search = exchanges[1]
    shown = json.dumps([search["passive"], search["api"]], ensure_ascii=False)
    assert "保温杯" in shown

    staff_script = tmp_path / "staff.txt"
    staff_script.write_text("/help\n", encoding="utf-8")
    staff = _chat(demo, staff_script, "--channel", "wecom")
    assert staff[0]["status"] == 200
    help_text = json.dumps([staff[0]["passive"], staff[0]["api"]], ensure_ascii=False)
    assert "/broadcast" in help_text

    kf_script = tmp_path / "kf.txt"
    kf_script.write_text("[enter] sku_AP-1001\n买\n黑色\n人工\n在吗\n", encoding="utf-8")
    kf = _chat(demo, kf_script, "--channel", "kf")
    assert [e["status"] for e in kf] == [200] * 5
    assert all(e["passive"] is None for e in kf)  # 微信客服 has no passive reply
    welcome = json.dumps(kf[0]["api"], ensure_ascii=False)
    assert "欢迎光临" in welcome and "纯棉圆领短袖T恤" in welcome
    assert kf[1]["api"][0]["msgtype"] == "msgmenu"  # the colours, as taps
    assert "尺码" in json.dumps(kf[2]["api"], ensure_ascii=False)  # 黑色 was tapped
    assert "转接人工客服" in json.dumps(kf[3]["api"], ensure_ascii=False)
    assert kf[4]["api"] == []  # a human has the session now
