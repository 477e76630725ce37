"""`kb check` and `kb match`, through argparse as bot/cli.py will call them, and as a process."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import Matcher
from knowledge.cli import match_lines, register

REPO = Path(__file__).resolve().parents[2]


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="shopbot")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_check_the_demo_shop(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["kb", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok: 小禾良品: 157 products in 6 categories")


def test_check_reports_file_and_line(shop_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    products = shop_copy / "products.csv"
    products.write_text(
        products.read_text(encoding="utf-8").replace(",5900,320,", ",59.00,320,"), encoding="utf-8"
    )
    assert run(["kb", "check", "--dir", str(shop_copy)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{products}:2: price_fen must be a whole number")
    assert err[-1] == "1 problem(s) in the knowledge files"


def test_check_prints_warnings_and_still_passes(
    shop_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    products = shop_copy / "products.csv"
    text = products.read_text(encoding="utf-8")
    products.write_text(text.replace(",https://shop.example.com/p/AP-1001", ","), encoding="utf-8")
    assert run(["kb", "check", "--dir", str(shop_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ok: ")
    assert out[1] == f"warning: {products}:2: AP-1001 has no page_url (its card will have no link)"
    assert out[-1].startswith("1 warning(s)")


def test_kb_without_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["kb"]) == 2
    assert "usage" in capsys.readouterr().err


def test_match_lines_one_json_object_per_line(matcher: Matcher) -> None:
    source = io.BytesIO("你好\n我要退货\r\n\n".encode() + b"\xff\xfe\xe4\xb9\n")  # not UTF-8
    out = io.StringIO()
    match_lines(matcher, source, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["intent"] for r in rows] == ["greeting", "return_refund", "other", "other"]
    assert rows[1]["faq"]["id"] == "return.how"
    assert "退货" in out.getvalue(), "ensure_ascii=False keeps Chinese readable"


def test_match_as_a_process_answers_line_by_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "knowledge.cli", "kb", "match"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("有没有卖车厘子的\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())  # answered before stdin is closed: flushed per line
    assert first["intent"] == "product_search" and first["products"][0]["sku"] == "FR-4001"
    out, err = proc.communicate("订单SB202401010001到哪了\n", timeout=60)
    second = json.loads(out)
    assert second["entities"]["order_no"] == "SB202401010001"
    assert proc.returncode == 0 and "Building prefix dict" not in err


def test_check_as_a_process_exits_2_on_a_broken_shop(shop_copy: Path) -> None:
    (shop_copy / "shop.toml").write_text("[shop]\nname = 'x'\ncategories = 3\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "knowledge.cli", "kb", "check", "--dir", str(shop_copy)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert f"{shop_copy / 'shop.toml'}:3: 'categories' must be a list of strings" in proc.stderr
