"""The deployment examples in docs/ parse, and say what the guide says they do."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from bot.cli import build_parser
from bot.config import ServerConfig

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DOCS / "deploy" / "shopbot.service").read_text(encoding="utf-8"))
    return parser


def test_the_systemd_unit_runs_serve_and_reloads_with_sighup():
    unit = _unit()
    assert {"Unit", "Service", "Install"} <= set(unit.sections())
    service = unit["Service"]
    command = service["ExecStart"].split()
    assert command[1:3] == ["serve", "--config"]
    args = build_parser().parse_args(command[1:])  # the flags exist
    assert args.workers >= 1
    assert "-HUP" in service["ExecReload"]
    assert service["KillSignal"] == "SIGTERM"
    assert "2" in service["RestartPreventExitStatus"].split()


def _nginx_statements(text: str) -> list[tuple[int, str]]:
    """(depth, statement) for every directive; fails on unbalanced braces or a missing ';'."""
    text = re.sub(r"#[^\n]*", "", text)
    statements: list[tuple[int, str]] = []
    depth = 0
    buffer = ""
    for char in text:
        if char == "{":
            statements.append((depth, buffer.strip()))
            depth += 1
            buffer = ""
        elif char == "}":
            assert not buffer.strip(), f"missing ';' before '}}': {buffer.strip()!r}"
            depth -= 1
            assert depth >= 0, "unbalanced '}'"
        elif char == ";":
            statements.append((depth, buffer.strip()))
            buffer = ""
        else:
            buffer += char
    assert depth == 0 and not buffer.strip(), "unbalanced braces or a trailing directive"
    return statements


def test_the_nginx_example_parses_and_keeps_admin_and_metrics_internal():
    text = (DOCS / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    statements = [s for _, s in _nginx_statements(text)]
    assert "location /wechat/" in statements
    assert f"client_max_body_size {ServerConfig().max_body_bytes // 1024}k" in statements
    assert "proxy_request_buffering on" in statements
    blocks = re.findall(r"location (?:= )?(/admin/|/metrics) \{(.*?)\}", text, re.S)
    assert {path for path, _ in blocks} == {"/admin/", "/metrics"}
    for _, body in blocks:
        assert "deny all;" in body
    log_format = next(s for s in statements if s.startswith("log_format"))
    assert "$request " not in log_format and "$args" not in log_format  # no signatures in logs


def test_the_guide_explains_every_errcode_the_doctor_names():
    guide = (DOCS / "deploy.md").read_text(encoding="utf-8")
    for code in ("40164", "60020", "48001", "48002", "40013", "40125", "41004", "60011"):
        assert code in guide, code
    for path in ("deploy/shopbot.service", "deploy/nginx.conf"):
        assert path in guide
