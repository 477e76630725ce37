"""The Grafana dashboard in docs/ shows exactly the series /metrics exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.kf.metrics import KfMetrics
from bot.metrics import Metrics

DASHBOARD = Path(__file__).resolve().parents[2] / "docs" / "grafana" / "shopbot.json"
_SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}


def _exported() -> dict[str, str]:
    """Every sample name /metrics can show → the family it belongs to."""
    metrics = Metrics()
    KfMetrics(metrics.registry)
    names: dict[str, str] = {}
    for family in metrics.registry.collect():
        for suffix in _SUFFIXES.get(family.type, ("",)):
            names[family.name + suffix] = family.name
    return names


def _queried() -> set[str]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    return {name for expr in exprs for name in re.findall(r"shopbot_[a-z_]+", expr)}


def test_every_series_on_the_dashboard_exists():
    exported = _exported()
    assert _queried() - exported.keys() == set()


def test_every_exported_family_is_on_the_dashboard():
    exported = _exported()
    shown = {exported[name] for name in _queried()}
    wanted = {family for family in exported.values() if family.startswith("shopbot_")}
    optional = {"shopbot_kf_pulled", "shopbot_kf_events", "shopbot_kf_send_failures"}
    optional |= {"shopbot_kf_handoffs"}  # the hand-off panel shows every channel's
    assert wanted - shown - optional == set()
