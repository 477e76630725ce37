"""Campaigns on a schedule: APScheduler in exactly one process, runs claimed once in the database.

app.cleanup_ctx.append(scheduler_ctx)     # inside `shopbot serve`
run_scheduler(config)                     # `shopbot scheduler --config FILE`
"""

from scheduler.app import run_scheduler, scheduler_ctx
from scheduler.service import SchedulerService

__all__ = ["SchedulerService", "run_scheduler", "scheduler_ctx"]
