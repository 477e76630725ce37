"""The state store: sessions, dedup records, locks, tokens, quotas and rate limits.

One small protocol, two implementations: in-process memory (one process, the default) and Redis
(several workers or hosts). tests/state runs one contract suite against both.
"""

from bot.state.base import LockTimeout, StateStore, open_state_store

__all__ = ["LockTimeout", "StateStore", "open_state_store"]
