"""Tokens that tell one holder from another: a dedup claim's owner, a lock's holder.

They only need to be unique among the workers sharing a state store, not unguessable: a
process draws a random part once (again after a fork, or two children would share it) and
numbers its tokens after it. Drawing random bytes from the OS for each was two system calls
per message.
"""

from __future__ import annotations

import itertools
import os
import secrets


def _fresh_process_part() -> None:
    global _process_part, _numbers
    _process_part = f"{os.getpid()}-{secrets.token_hex(6)}"
    _numbers = itertools.count(1)


_process_part = ""
_numbers = itertools.count(1)
_fresh_process_part()
os.register_at_fork(after_in_child=_fresh_process_part)


def unique_token() -> str:
    """`<pid>-<random of this process>-<n>`: never the same twice among live processes."""
    return f"{_process_part}-{next(_numbers)}"
