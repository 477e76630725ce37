"""Limits and lifetimes the mock enforces; defaults are the platform's, tests shrink them.

Each number cites where it comes from (PLATFORM.md, which cites Tencent's pages).
Not enforced: the OA customer-service quota (45015 / 45047) — the mock never sees the
shopper's messages, which go to the bot, so it cannot know the window; the bot tracks that
quota itself, and a test can still inject 45015 / 45047 through /_mock/faults. Nor the
monthly caps on mass sends and group-message tasks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MockSettings:
    # access_token: "valid 7200 s" (OA 获取Access token; WeCom 获取access_token).
    token_ttl_s: int = 7200
    # OA getAccessToken: the previous token keeps working for 5 minutes after a new one is issued.
    classic_overlap_s: int = 300
    # OA getStableAccessToken: a new token is handed out 5 minutes before the current expires.
    stable_refresh_early_s: int = 300
    # OA getStableAccessToken: force_refresh at most 20 times a day.
    stable_force_refresh_per_day: int = 20
    # OA 获取用户列表 / 获取标签下粉丝列表: 10,000 openids per page.
    follower_page_size: int = 10_000
    # OA 群发: 60 requests per minute.
    mass_send_per_min: int = 60
    # WeCom 创建企业群发: up to 2000 chat ids, 10000 external user ids per call.
    max_chat_ids: int = 2000
    max_external_userids: int = 10_000
    # WeCom 发送新客户欢迎语: callable within 20 s of the add_external_contact event.
    welcome_code_ttl_s: float = 20.0
    # WeCom 群机器人: 20 messages per minute per robot.
    webhook_per_min: int = 20
    # WeCom 发送应用消息: per member 30/min and 1000/h, the excess dropped without an error.
    app_msg_per_member_min: int = 30
    app_msg_per_member_hour: int = 1000
    # 微信客服 (developer.work.weixin.qq.com 94670, 94677, 94669, 95122): sync_msg returns the
    # last 3 days; a callback's Token is good for 10 minutes; a pull without one is strictly
    # rate-limited (Tencent gives no number: the mock allows this many a minute per account);
    # send_msg: 5 messages within 48 h of the customer's last message; send_msg_on_event: the
    # welcome_code and an end-of-session code for 20 s, a queue / servicer code for 48 h.
    kf_retention_s: float = 3 * 86_400.0
    kf_callback_token_ttl_s: float = 600.0
    kf_tokenless_pulls_per_min: int = 10
    kf_window_s: float = 48 * 3600.0
    kf_sends_per_customer_message: int = 5
    kf_welcome_code_ttl_s: float = 20.0
    kf_end_code_ttl_s: float = 20.0
    kf_session_code_ttl_s: float = 48 * 3600.0
    # Recorder: the oldest calls are dropped beyond this many (sequence numbers keep counting).
    max_calls: int = 100_000
    # What the emulated accounts may do, as `shopbot doctor` reads it: OA APIs the account has no
    # right to (openapi/quota/get answers 48001 for them, as for an unverified account), the
    # WeCom members outside the app's 可见范围, and whether the app is among the 客户联系
    # "可调用应用" (else its own token gets 48002 on externalcontact/*).
    oa_unauthorized_apis: frozenset[str] = frozenset()
    wecom_invisible_users: frozenset[str] = frozenset()
    app_may_call_contact_apis: bool = True
