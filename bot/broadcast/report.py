"""The final report of a broadcast run, read back from its stored plan, so a resumed run reports
everything the run did, before and after the restart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.broadcast.audience import Audience
from bot.broadcast.plan import GROUP_TASK, OA_CS, OA_MASS_TAG
from bot.storage.broadcasts import Batch, BatchStatus, BroadcastPlan

SKIP_REASONS = {
    "opted_out": "已退订",
    "weekly_cap": "本周推送已达上限",
    "monthly_cap": "本月群发次数已用完",
    "owner_left": "群主已离职",
}


@dataclass
class RunReport:
    name: str
    audience: str
    targets: int = 0
    tasks: int = 0  # group-message tasks created
    senders: set[str] = field(default_factory=set)
    pending: int = 0  # groups in created tasks, waiting for their owner to confirm
    sent: int = 0  # followers sent to
    skipped: dict[str, int] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)  # reason → targets
    unknown: int = 0  # in batches interrupted mid-call: reported, not resent
    batches_done: int = 0
    batches: int = 0

    @property
    def reached(self) -> int:
        return self.pending + self.sent

    @property
    def failures(self) -> int:
        return sum(self.failed.values()) + self.unknown

    def text(self) -> str:
        lines = [f"群发报告「{self.name}」", f"目标：{self.audience}，共 {self.targets} 个"]
        if self.tasks:
            lines.append(
                f"已创建群发任务 {self.tasks} 个，覆盖 {self.pending} 个群，"
                f"待 {len(self.senders)} 位群主在企业微信确认发送"
            )
        if self.sent or not self.tasks:
            lines.append(f"已发送：{self.sent}")
        skipped = "，".join(f"{SKIP_REASONS.get(k, k)} {v}" for k, v in self.skipped.items() if v)
        lines.append(f"跳过：{skipped}" if skipped else "跳过：0")
        if self.failed:
            reasons = "；".join(f"{reason} {count}" for reason, count in self.failed.most_common())
            lines.append(f"失败：{sum(self.failed.values())}（{reasons}）")
        if self.unknown:
            lines.append(f"结果未知（发送中断，未重发）：{self.unknown}")
        return "\n".join(lines)

    def progress(self) -> str:
        return f"群发「{self.name}」进度：{self.batches_done}/{self.batches} 批，已覆盖 {self.reached} 个"


def _count(batch: Batch, summary: dict[str, Any]) -> int:
    if batch.channel == OA_MASS_TAG:
        return int(summary.get("by_tag", 0))
    return len(batch.targets)


def build_report(name: str, plan: BroadcastPlan) -> RunReport:
    summary = plan.summary
    audience = Audience.parse(str(summary.get("audience", "groups")))
    report = RunReport(name, audience.describe(), targets=int(summary.get("targets", 0)))
    report.skipped = {str(k): int(v) for k, v in dict(summary.get("skipped", {})).items()}
    report.batches = len(plan.batches)
    for batch in plan.batches:
        _add(report, batch, _count(batch, summary))
    return report


def _add(report: RunReport, batch: Batch, size: int) -> None:
    if batch.status in (BatchStatus.PLANNED, BatchStatus.SENDING):
        return
    report.batches_done += 1
    if batch.status is BatchStatus.UNKNOWN:
        report.unknown += size
        return
    if batch.status is BatchStatus.FAILED:
        report.failed[batch.error or "未知错误"] += size
        return
    if batch.channel == GROUP_TASK:
        fail_list = list(batch.result.get("fail_list", []))
        report.tasks += 1
        report.senders.add(batch.sender)
        report.pending += size - len(fail_list)
        if fail_list:
            report.failed["非该群主的群或群不存在"] += len(fail_list)
        return
    if batch.channel == OA_CS:
        report.sent += int(batch.result.get("sent", 0))
        for reason, count in dict(batch.result.get("failed", {})).items():
            report.failed[str(reason)] += int(count)
        report.unknown += int(batch.result.get("unknown", 0))
        return
    report.sent += size
