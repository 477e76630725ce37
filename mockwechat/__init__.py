"""A local stand-in for api.weixin.qq.com and qyapi.weixin.qq.com, for tests, demo and benchmarks.

    app = create_mock_app(MockData.demo())        # aiohttp app; state at app[MOCK_STATE]
    await run_mock_api("127.0.0.1", 8081)         # serve until cancelled

Point the bot's `[api] oa_base_url` and `wecom_base_url` at it; read what the bot sent with
`GET /_mock/calls` (or `client.fetch_calls`). See control.py for the control API.
"""

from mockwechat.app import create_mock_app, run_mock_api
from mockwechat.clock import Clock, ManualClock
from mockwechat.credentials import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_SHOPPER_OPENID,
    DEMO_STAFF_IDS,
    DEMO_WEBHOOK_KEY,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CONTACT_SECRET,
    DEMO_WECOM_CORP_ID,
)
from mockwechat.data import MockData
from mockwechat.recorder import CallRecorder, RecordedCall
from mockwechat.settings import MockSettings
from mockwechat.state import MOCK_STATE, MockState

__all__ = [
    "DEMO_OA_APP_ID",
    "DEMO_OA_APP_SECRET",
    "DEMO_SHOPPER_OPENID",
    "DEMO_STAFF_IDS",
    "DEMO_WEBHOOK_KEY",
    "DEMO_WECOM_AGENT_ID",
    "DEMO_WECOM_AGENT_SECRET",
    "DEMO_WECOM_CONTACT_SECRET",
    "DEMO_WECOM_CORP_ID",
    "MOCK_STATE",
    "CallRecorder",
    "Clock",
    "ManualClock",
    "MockData",
    "MockSettings",
    "MockState",
    "RecordedCall",
    "create_mock_app",
    "run_mock_api",
]
