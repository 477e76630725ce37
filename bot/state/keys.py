"""Every key of the state store (memory or Redis) in one place: what it holds and how long it lives.

A key is `prefix:part:part…`, built by its `KeySpace`. New state gets a space here, never an
f-string where it is used: two features then cannot share a prefix by accident (a test checks the
prefixes are distinct and that no module builds a key of its own), and whoever reads a Redis
dump finds what each key is. `ttl_s` is the life the key is written with; `None` means the caller
decides (a setting, or a window the API sets) or the key is kept until it is deleted.

Locks (`StateStore.lock`) prefix their name with `lock:` themselves; the name is a key from here.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY_S = 86_400


@dataclass(frozen=True, slots=True)
class KeySpace:
    prefix: str
    holds: str
    ttl_s: float | None = None

    def key(self, *parts: object) -> str:
        return ":".join((self.prefix, *(str(part) for part in parts)))

    @property
    def life_s(self) -> float:
        """The fixed life of this space's keys (only for spaces that have one)."""
        if self.ttl_s is None:
            raise ValueError(f"keys under {self.prefix!r} get their life from the caller")
        return self.ttl_s


# --- a message on its way in ----------------------------------------------------------------
DEDUP = KeySpace(
    "dedup",
    "a message's claim: answered, or being answered by a worker (the pipeline sets the life from "
    "the clock skew allowed, at least 120 s: WeChat's three tries span ~15 s)",
)
REPLAY = KeySpace("replay", "the digest of the body first posted with a timestamp and nonce")
USER = KeySpace(
    "user",
    "one shopper's lock: their messages are answered one at a time (renewed while held, so a "
    "killed worker's lock frees within the life)",
    ttl_s=3.0,
)
SESSION = KeySpace(
    "session",
    "a shopper's dialog state and slots; an unfinished order or after-sales form is forgotten "
    "after 30 idle minutes (`:seen` beside it lives a day longer, to tell a lapsed dialog)",
    ttl_s=30 * 60,
)
SESSION_SEEN_EXTRA_S = DAY_S

# --- hand-off and notices -------------------------------------------------------------------
HANDOFF = KeySpace("handoff", "a shopper's hand-off to a human: since when, why, its summary")
HEARD = KeySpace(
    "heard", "a shopper's last messages, shown to staff when they ask for a human", 2 * 3600
)
NOTICES = KeySpace(
    "notices",
    "a marker that notices wait for this shopper (as long as db.notices keeps one)",
    7 * DAY_S,
)

# --- counting and limits ---------------------------------------------------------------------
STATS = KeySpace("stats", "a day's count of one thing (messages, intents, fallbacks …)", 8 * DAY_S)
SLIDING_WINDOW = KeySpace(
    "slw", "one bucket of a sliding-window rate limit (life: window + 2 buckets)"
)
PERIOD_CAP = KeySpace(
    "cap", "units a cap spent on one id in a week or month (promotions per group …)"
)
CSQ_MESSAGE = KeySpace(
    "csq:msg", "OA customer-service messages a shopper's message allows (5 in 48 h)"
)
CSQ_EVENT = KeySpace(
    "csq:evt", "OA customer-service messages a click, follow or scan allows (3 in 1 min)"
)
CSQ_PAYMENT = KeySpace("csq:pay", "a payment: OA customer-service messages unlimited for 48 h")
TOKEN = KeySpace("token", "an API access token (life: what the API said, less a margin)")

DOCTOR_PING = KeySpace("doctor:ping", "`shopbot doctor` checking the store answers", 10.0)

# --- WeCom groups ----------------------------------------------------------------------------
GROUP_WELCOME_PENDING = KeySpace("grp:welcome:pending", "members who joined, waiting for a welcome")
GROUP_WELCOME_SENT = KeySpace("grp:welcome:sent", "a group was welcomed within the pause")
GROUP_MEMBERS = KeySpace("grp:members", "the members a group is known to have", 30 * DAY_S)

# --- 微信客服 ---------------------------------------------------------------------------------
KF_CALLBACK_TOKEN = KeySpace(
    "kf:token", "the Token of the last kf callback (it lives 10 minutes; used for 9)", 540.0
)
KF_WAKE = KeySpace("kf:wake", "a change that tells the account's puller to pull now", 600.0)
KF_LEASE = KeySpace("kf:lease", "which worker pulls for the account")
KF_POLL = KeySpace("kf:poll", "a pull was started within the polling interval")
KF_PURGE = KeySpace("kf:purge", "old pulled messages were purged within the hour", 3600.0)
KF_STATE = KeySpace(
    "kf:state", "a conversation's session state as Tencent last said (human states: 10 minutes)"
)
KF_HUMAN_STATE_TTL_S = 600.0
KF_SERVICER = KeySpace("kf:servicer", "the servicer who last had the shopper", 30 * DAY_S)
KF_ROUTE = KeySpace("kf:route", "the account a shopper last wrote to", 3 * DAY_S)
KF_QUOTA = KeySpace("kf:quota", "messages sent since the shopper last wrote (5 in 48 hours)")
KF_OFF_DUTY = KeySpace("kf:off_duty", "a servicer who said they are away", 7 * DAY_S)
KF_ROUND_ROBIN = KeySpace("kf:round_robin", "the turn of the next servicer to hand a shopper to")

ALL = (
    DEDUP,
    REPLAY,
    USER,
    SESSION,
    HANDOFF,
    HEARD,
    NOTICES,
    STATS,
    SLIDING_WINDOW,
    PERIOD_CAP,
    CSQ_MESSAGE,
    CSQ_EVENT,
    CSQ_PAYMENT,
    DOCTOR_PING,
    TOKEN,
    GROUP_WELCOME_PENDING,
    GROUP_WELCOME_SENT,
    GROUP_MEMBERS,
    KF_CALLBACK_TOKEN,
    KF_WAKE,
    KF_LEASE,
    KF_POLL,
    KF_PURGE,
    KF_STATE,
    KF_SERVICER,
    KF_ROUTE,
    KF_QUOTA,
    KF_OFF_DUTY,
    KF_ROUND_ROBIN,
)
