"""`shopbot doctor --config FILE`: is this setup able to serve, and if not, what to fix.

For each configured channel it fetches a token and makes harmless reads that tell what the
account may do, checks that the callback URLs answer a correctly signed URL check, and checks the
knowledge files, the database and the state store. Every failure is explained in plain words with
the console setting that fixes it. Exit 0 when every configured feature looks usable, 1 when
something one of them needs is broken.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

import aiohttp

from bot.config import Config
from bot.doctor.accounts import oa_checks, wecom_checks
from bot.doctor.callbacks import callback_checks
from bot.doctor.kf import kf_checks
from bot.doctor.local import database_check, knowledge_check, state_check
from bot.doctor.report import Check, failed, print_report

HTTP_TIMEOUT_S = 10.0


async def run_checks(config: Config, public_url: str | None = None) -> list[Check]:
    checks: list[Check] = []
    if not config.oa.token and not config.wecom.token and not config.kf.token:
        checks.append(
            failed(
                "config",
                "channels",
                "none of [oa], [wecom] and [kf] is configured",
                "fill in oa.*, wecom.* and/or kf.* (see config.example.toml)",
            )
        )
    timeout = aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as http:
        checks += await oa_checks(config, http)
        checks += await wecom_checks(config, http)
        checks += await kf_checks(config, http)
        checks += await callback_checks(config, http, public_url)
    checks.append(await knowledge_check(config))
    checks.append(await database_check(config))
    checks.append(await state_check(config))
    return checks


def run_doctor(config: Config, public_url: str | None = None, out: TextIO | None = None) -> int:
    return print_report(asyncio.run(run_checks(config, public_url)), out or sys.stdout)
