"""The demo shop's WeChat world, and a deterministic generator for load tests.

Identifiers are readable on purpose (`oDemoFollower…`, `wmDemoContact…`, `wrDemoGroup…`) so a
person reading `/_mock/calls` can tell who is who; they keep the real lengths and alphabets.
"""

from __future__ import annotations

from mockwechat.credentials import DEMO_KF_OPEN_KFID, DEMO_WEBHOOK_KEY
from mockwechat.data import (
    CustomerGroup,
    ExternalContact,
    Follower,
    KfAccount,
    MockData,
    OaTag,
    Staff,
    WebhookRobot,
)

BASE_TIME = 1_690_000_000  # 2023-07-22: all demo timestamps count from here
TAG_MEMBER, TAG_NEW, TAG_LOYAL = 100, 101, 102

DEMO_STAFF = (
    Staff("zhangsan", "张三", "店长", bot_staff=True),
    Staff("lisi", "李四", "客服主管", bot_staff=True),
    Staff("wangwu", "王五", "导购"),
    Staff("zhaoliu", "赵六", "仓管", department=(2,)),
)
GROUP_OWNERS = ("zhangsan", "lisi", "wangwu")
DEMO_GROUP_NAMES = (
    "老客福利群1",
    "老客福利群2",
    "新品尝鲜群",
    "会员VIP群",
    "母婴好物群",
    "数码发烧友群",
    "美妆护肤交流群",
    "周末特惠群",
    "团购接龙群",
    "售后服务群",
)
SURNAMES = "陈林黄周吴徐孙胡朱高何郭马罗梁宋郑谢"
OA_TAGS = (
    OaTag(2, "星标组"),
    OaTag(TAG_MEMBER, "会员"),
    OaTag(TAG_NEW, "新客"),
    OaTag(TAG_LOYAL, "老客"),
)
FOLLOWER_TAGS: tuple[tuple[int, ...], ...] = (
    (TAG_MEMBER,),
    (TAG_NEW,),
    (TAG_LOYAL,),
    (TAG_MEMBER, TAG_LOYAL),
    (),
)


def openid(prefix: str, i: int) -> str:
    """`o` + 27 characters, like a real openid: `openid("Demo", 1)` → `oDemoFollower0…01`."""
    head = f"o{prefix}Follower"
    return head + str(i).zfill(28 - len(head))


def external_userid(prefix: str, i: int) -> str:
    head = f"wm{prefix}Contact"
    return head + str(i).zfill(32 - len(head))


def chat_id(prefix: str, i: int) -> str:
    head = f"wr{prefix}Group"
    return head + str(i).zfill(30 - len(head))


def _followers(prefix: str, count: int) -> tuple[Follower, ...]:
    return tuple(
        Follower(
            openid(prefix, i),
            tag_ids=FOLLOWER_TAGS[(i - 1) % len(FOLLOWER_TAGS)],
        )
        for i in range(1, count + 1)
    )


def _groups(
    prefix: str, names: list[str], owners: tuple[str, ...], contacts: int
) -> tuple[CustomerGroup, ...]:
    """Group i has 4–8 external members picked deterministically from the contact pool."""
    groups = []
    for i, name in enumerate(names):
        size = 4 + i % 5
        members = tuple(external_userid(prefix, (i * 3 + k) % contacts + 1) for k in range(size))
        owner = owners[i % len(owners)]
        groups.append(
            CustomerGroup(
                chat_id(prefix, i + 1),
                name,
                owner,
                members,
                staff_members=(owner,),
                notice=f"欢迎加入{name}",
                create_time=BASE_TIME + i * 86_400,
            )
        )
    return tuple(groups)


def _contacts(
    prefix: str, groups: tuple[CustomerGroup, ...], count: int
) -> tuple[ExternalContact, ...]:
    """Each customer was added by the owner of the first group they are in (else zhangsan)."""
    added_by: dict[str, str] = {}
    for group in groups:
        for member in group.external_members:
            added_by.setdefault(member, group.owner)
    contacts = []
    for i in range(1, count + 1):
        uid = external_userid(prefix, i)
        name = SURNAMES[i % len(SURNAMES)] + ("女士" if i % 2 else "先生")
        contacts.append(
            ExternalContact(
                uid,
                name,
                follow_users=(added_by.get(uid, "zhangsan"),),
            )
        )
    return tuple(contacts)


def _world(prefix: str, staff: tuple[Staff, ...], names: list[str], followers: int) -> MockData:
    contacts = max(36, len(names) * 2)
    owners = tuple(s.userid for s in staff if s.userid != "zhaoliu")
    groups = _groups(prefix, names, owners, contacts)
    return MockData(
        staff=staff,
        followers=_followers(prefix, followers),
        oa_tags=OA_TAGS,
        contacts=_contacts(prefix, groups, contacts),
        groups=groups,
        robots=(WebhookRobot(DEMO_WEBHOOK_KEY, "店铺运营群机器人"),),
        kf_accounts=(KfAccount(DEMO_KF_OPEN_KFID, "小禾良品客服", ("zhangsan", "lisi")),),
    )


def demo_data() -> MockData:
    return _world("Demo", DEMO_STAFF, list(DEMO_GROUP_NAMES), followers=30)


def generated_data(groups: int = 2000, followers: int = 10_000) -> MockData:
    """Demo staff plus 20 more, `groups` groups of 4–8 customers, `followers` OA followers."""
    extra = tuple(Staff(f"staff{i:03d}", f"导购{i:03d}", "导购") for i in range(1, 21))
    names = [f"{DEMO_GROUP_NAMES[i % len(DEMO_GROUP_NAMES)]}-{i + 1:05d}" for i in range(groups)]
    return _world("Load", DEMO_STAFF + extra, names, followers)


def describe(data: MockData) -> str:
    """Credentials first (what a person needs to configure the bot), then the directory."""
    agents = ", ".join(f"{agent} (secret {secret})" for agent, secret in data.wecom_agents.items())
    return "\n".join(
        [
            f"OA        app_id {data.oa_app_id}  app_secret {data.oa_app_secret}",
            f"WeCom     corp_id {data.wecom_corp_id}  agents {agents}",
            f"          customer-contact secret {data.wecom_contact_secret}",
            f"          微信客服 secret {data.wecom_kf_secret}",
            *(
                f"微信客服  {a.open_kfid} {a.name} (servicers {', '.join(a.servicers)})"
                for a in data.kf_accounts
            ),
            *_describe_directory(data),
        ]
    )


def _describe_directory(data: MockData, shown: int = 10) -> list[str]:
    staff = ", ".join(
        f"{s.userid} {s.name}{'*' if s.bot_staff else ''}" for s in data.staff[:shown]
    )
    more_staff = f" … {len(data.staff) - shown} more" if len(data.staff) > shown else ""
    lines = [
        f"staff     {staff}{more_staff}  (* = bot staff)",
        f"groups    {len(data.groups)} customer groups, {len(data.contacts)} customers",
        *(f"          {g.chat_id} {g.name} (owner {g.owner})" for g in data.groups[:shown]),
    ]
    if len(data.groups) > shown:
        lines.append(f"          … and {len(data.groups) - shown} more")
    example = f", e.g. {data.followers[0].openid}" if data.followers else ""
    lines.append(f"followers {len(data.followers)} OA followers{example}")
    lines.append("OA tags   " + ", ".join(f"{t.id} {t.name}" for t in data.oa_tags))
    lines.extend(f"robot     key {r.key} ({r.name})" for r in data.robots)
    return lines
