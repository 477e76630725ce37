"""微信客服 (WeCom customer service, "kf"): the third channel, pulled with kf/sync_msg.

See README.md beside this file. The gateway verifies the `kf_msg_or_event` callback and hands
it to `KfRuntime.on_callback`; everything after that — the pull, the claims, the answers, the
welcome, the hand-off to a human — happens here.
"""

from bot.kf.runtime import KfRuntime, open_kf, runtime_of

__all__ = ["KfRuntime", "open_kf", "runtime_of"]
