"""Everything one running mock remembers, in one object reached through the app's AppKey."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from aiohttp import web

from mockwechat.clock import Clock
from mockwechat.data import MockData
from mockwechat.directory import Directory
from mockwechat.faults import FaultBook
from mockwechat.kf_world import KfWorld
from mockwechat.ratelimit import SlidingWindow
from mockwechat.recorder import CallRecorder
from mockwechat.settings import MockSettings
from mockwechat.tasks import TaskBook, WelcomeCodes
from mockwechat.tokens import TokenStore

MINUTE, HOUR = 60.0, 3600.0


class Limits:
    """The platform's rate windows (see settings.py for where each number comes from)."""

    def __init__(self, s: MockSettings) -> None:
        self.webhook = SlidingWindow(s.webhook_per_min, MINUTE)
        self.app_msg = (
            SlidingWindow(s.app_msg_per_member_min, MINUTE),
            SlidingWindow(s.app_msg_per_member_hour, HOUR),
        )
        self.mass_send = SlidingWindow(s.mass_send_per_min, MINUTE)


@dataclass(slots=True)
class MassLog:
    """OA mass sends: clientmsgid → msg_id, so a repeated clientmsgid is refused (45065)."""

    by_clientmsgid: dict[str, int] = field(default_factory=dict)
    sent: int = 0

    def next_msg_id(self) -> int:
        self.sent += 1
        return 1_000_000_000 + self.sent


@dataclass(slots=True)
class MockState:
    data: MockData
    settings: MockSettings
    clock: Clock
    directory: Directory
    tokens: TokenStore
    recorder: CallRecorder
    faults: FaultBook
    tasks: TaskBook
    welcome: WelcomeCodes
    limits: Limits
    mass: MassLog
    kf: KfWorld
    counter: int = 0

    @classmethod
    def create(cls, data: MockData, settings: MockSettings, clock: Clock) -> MockState:
        return cls(
            data=data,
            settings=settings,
            clock=clock,
            directory=Directory(data),
            tokens=TokenStore(data, settings),
            recorder=CallRecorder(settings.max_calls),
            faults=FaultBook(),
            tasks=TaskBook(),
            welcome=WelcomeCodes(),
            limits=Limits(settings),
            mass=MassLog(),
            kf=KfWorld.create(data, settings),
        )

    def next_id(self) -> int:
        """A number for ids the mock makes up (WeCom message msgids)."""
        self.counter += 1
        return self.counter


MOCK_STATE: Final = web.AppKey("shopbot_mock_state", MockState)
"""How handlers (and in-process tests) reach the running mock's state: `app[MOCK_STATE]`."""
