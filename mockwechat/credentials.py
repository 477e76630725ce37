"""Demo credentials: the mock accepts these, and the demo config uses the same values.

They have the shapes of real ones (appid `wx` + 16 hex, corp id `ww` + 16 hex, 43-character
secrets, a UUID robot key) so code that checks shapes accepts them; they open nothing real.
"""

from __future__ import annotations

from typing import Final

DEMO_OA_APP_ID: Final = "wx0d3e5b0b07c0ffee"
DEMO_OA_APP_SECRET: Final = "5b0bd3e00c0ffee05b0bd3e00c0ffee0"
DEMO_WECOM_CORP_ID: Final = "ww0d3e5b0b07c0ffee"
DEMO_WECOM_AGENT_ID: Final = 1000002
DEMO_WECOM_AGENT_SECRET: Final = "Sh0pb0tDem0AppSecretForTheL0calMockWeComApi"
DEMO_WECOM_CONTACT_SECRET: Final = "Sh0pb0tDem0Cust0merC0ntactSecretF0rTheM0ckA"
DEMO_WECOM_KF_SECRET: Final = "Sh0pb0tDem0KfSecretForTheL0calMockWeComApi0"
DEMO_KF_OPEN_KFID: Final = "wkDemoShopKf0000000000000000001"
"""The demo shop's 微信客服 account (客服账号)."""
DEMO_KF_CUSTOMER: Final = "wmDemoKfCustomer0000000000000001"
"""A 微信客服 customer (external_userid) the terminal chat can talk as."""
DEMO_WEBHOOK_KEY: Final = "d3e5b0b0-7c0f-4fee-8d3e-5b0b07c0ffee"
DEMO_STAFF_IDS: Final = ("zhangsan", "lisi")
"""The staff members of the demo who may give the bot commands (`[wecom] staff`)."""
DEMO_SHOPPER_OPENID: Final = "oDemoFollower000000000000001"
"""A follower of the demo OA: the terminal chat can talk as this user."""
