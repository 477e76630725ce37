"""The demo shows the whole life of an order, as a process: order in chat → the pay link opens the
demo cashier → 确认支付 pays through the admin endpoint (the shopper is told) → staff ship from
the WeCom chat → 查物流 gives the tracking link."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tests.cli.test_demo_and_chat import _chat, demo  # noqa: F401  (the running demo)

PAY_LINK = re.compile(r"http://127\.0\.0\.1:\d+/_mock/cashier\?order=(SB\w+)&amount=(\d+)")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _pay(base: str, order: str, amount: str) -> str:
    form = urllib.parse.urlencode({"order": order, "amount": amount}).encode()
    with urllib.request.urlopen(f"{base}/_mock/cashier/pay", data=form, timeout=20) as response:
        return str(response.read().decode("utf-8"))


def _script(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _said(exchanges: list[dict[str, Any]]) -> str:
    return json.dumps([[e["passive"], e["api"]] for e in exchanges], ensure_ascii=False)


def test_order_pay_at_the_cashier_ship_and_track(demo: Path, tmp_path: Path) -> None:  # noqa: F811
    config = tomllib.loads(demo.read_text(encoding="utf-8"))
    api = config["api"]["oa_base_url"]
    placed = _chat(
        demo,
        _script(
            tmp_path / "order.txt",
            "我要一件黑色M码的T恤",
            "结算",
            "没有",
            "张三 13812345678 浙江省杭州市西湖区文三路100号",
            "确认",
        ),
    )
    found = PAY_LINK.search(_said(placed))
    assert found, _said(placed)
    order_no, amount = found.groups()
    page = _get(found.group())
    assert order_no in page and f"¥{int(amount) // 100}." in page and "确认支付" in page

    assert "金额和订单不一致" in _pay(api, order_no, str(int(amount) - 1))
    assert "支付成功" in _pay(api, order_no, amount)
    assert "这笔订单已经付过了" in _pay(api, order_no, amount)

    calls = json.loads(_get(f"{api}/_mock/calls?path=/cgi-bin/message/custom/send"))["calls"]
    told = json.dumps([c["body"] for c in calls], ensure_ascii=False)
    assert f"您的订单 {order_no} 已付款成功" in told

    shipped = _chat(
        demo,
        _script(tmp_path / "ship.txt", f"/ship {order_no} 顺丰 SF1234567890"),
        "--channel",
        "wecom",
    )
    assert f"订单 {order_no} 已发货" in _said(shipped)
    tracked = _chat(demo, _script(tmp_path / "track.txt", "查物流"))
    assert "kuaidi100.com/chaxun?com=shunfeng&nu=SF1234567890" in _said(tracked)
