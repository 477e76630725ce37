"""What the mock knows about the shop's WeChat world: credentials, staff, customers, groups.

`MockData` is the immutable seed. The running mock copies it into a `Directory` (which a test
may extend at run time), so one `MockData` can seed many apps. Identifiers have the shapes of
real ones: openids `o` + 27 characters, external user ids `wm…`, customer group ids `wr…`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockwechat.credentials import (
    DEMO_OA_APP_ID,
    DEMO_OA_APP_SECRET,
    DEMO_WECOM_AGENT_ID,
    DEMO_WECOM_AGENT_SECRET,
    DEMO_WECOM_CONTACT_SECRET,
    DEMO_WECOM_CORP_ID,
    DEMO_WECOM_KF_SECRET,
)


@dataclass(frozen=True, slots=True)
class Follower:
    """An OA follower: what mass sends by tag and the follower lists need of one."""

    openid: str
    tag_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class OaTag:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Staff:
    """A WeCom member. `bot_staff` marks the ones the demo config lists as `[wecom] staff`."""

    userid: str
    name: str
    position: str = ""
    department: tuple[int, ...] = (1,)
    bot_staff: bool = False


@dataclass(frozen=True, slots=True)
class ExternalContact:
    """A customer (客户) added by one or more staff members (`follow_users`, in order added)."""

    external_userid: str
    name: str
    follow_users: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    """A customer group (客户群): an owner, staff members and external members."""

    chat_id: str
    name: str
    owner: str
    external_members: tuple[str, ...]
    staff_members: tuple[str, ...] = ()
    notice: str = ""
    create_time: int = 1_690_000_000


@dataclass(frozen=True, slots=True)
class WebhookRobot:
    """A group robot (群机器人) of an internal group; its webhook key is its only credential."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class KfAccount:
    """A 微信客服 account (客服账号) and its 接待人员 (WeCom user ids who can take sessions)."""

    open_kfid: str
    name: str
    servicers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MockData:
    """Credentials and directory of the emulated OA and WeCom corp.

    Credentials default to the demo ones, so `MockData(followers=...)` is a complete seed.
    An empty `followers` means "followers unknown": then any openid is accepted, otherwise
    an unknown openid gets 40003 like on the real OA. The same holds for `staff` and the
    `invaliduser` answer of WeCom `message/send`.
    """

    oa_app_id: str = DEMO_OA_APP_ID
    oa_app_secret: str = DEMO_OA_APP_SECRET
    wecom_corp_id: str = DEMO_WECOM_CORP_ID
    wecom_agents: dict[int, str] = field(
        default_factory=lambda: {DEMO_WECOM_AGENT_ID: DEMO_WECOM_AGENT_SECRET}
    )
    wecom_contact_secret: str = DEMO_WECOM_CONTACT_SECRET
    wecom_kf_secret: str = DEMO_WECOM_KF_SECRET
    kf_accounts: tuple[KfAccount, ...] = ()
    staff: tuple[Staff, ...] = ()
    followers: tuple[Follower, ...] = ()
    oa_tags: tuple[OaTag, ...] = ()
    contacts: tuple[ExternalContact, ...] = ()
    groups: tuple[CustomerGroup, ...] = ()
    robots: tuple[WebhookRobot, ...] = ()

    @classmethod
    def demo(cls) -> MockData:
        """The demo shop: 4 staff (2 of them bot staff), 10 groups, 30 followers, 3 tags."""
        from mockwechat.demo import demo_data

        return demo_data()

    @classmethod
    def generated(cls, groups: int = 2000, followers: int = 10_000) -> MockData:
        """A large deterministic directory for load tests and benchmarks (demo credentials)."""
        from mockwechat.demo import generated_data

        return generated_data(groups=groups, followers=followers)

    @property
    def bot_staff_ids(self) -> tuple[str, ...]:
        return tuple(s.userid for s in self.staff if s.bot_staff)

    def describe(self) -> str:
        """A human summary for `shopbot mock-api` and `shopbot demo` to print at start."""
        from mockwechat.demo import describe

        return describe(self)
