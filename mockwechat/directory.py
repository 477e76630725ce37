"""The running mock's view of the directory: `MockData` indexed by id, extendable at run time.

Paging endpoints (OA user/get, tag followers, WeCom groupchat/list) need a stable order, so
followers and groups keep the order of the seed; new followers are appended.
"""

from __future__ import annotations

from mockwechat.data import (
    CustomerGroup,
    ExternalContact,
    Follower,
    MockData,
    OaTag,
    Staff,
    WebhookRobot,
)


class Directory:
    def __init__(self, data: MockData) -> None:
        self.followers: dict[str, Follower] = {}
        self.follower_order: list[str] = []
        self._follower_pos: dict[str, int] = {}
        self._tag_followers: dict[int, list[str]] = {t.id: [] for t in data.oa_tags}
        self.oa_tags: dict[int, OaTag] = {t.id: t for t in data.oa_tags}
        self.staff: dict[str, Staff] = {s.userid: s for s in data.staff}
        self.contacts: dict[str, ExternalContact] = {c.external_userid: c for c in data.contacts}
        self.groups: dict[str, CustomerGroup] = {g.chat_id: g for g in data.groups}
        self.group_order: list[str] = list(self.groups)
        self.robots: dict[str, WebhookRobot] = {r.key: r for r in data.robots}
        for follower in data.followers:
            self.add_follower(follower)

    def add_follower(self, follower: Follower) -> None:
        """Add or replace a follower; a new one goes to the end of the paging order."""
        if follower.openid not in self.followers:
            self._follower_pos[follower.openid] = len(self.follower_order)
            self.follower_order.append(follower.openid)
        else:
            old = self.followers[follower.openid]
            for tag in old.tag_ids:
                self._tag_followers[tag].remove(follower.openid)
        self.followers[follower.openid] = follower
        for tag in follower.tag_ids:
            self._tag_followers.setdefault(tag, []).append(follower.openid)

    def knows_openid(self, openid: str) -> bool:
        """With no followers seeded the mock cannot tell, so every openid is taken as valid."""
        return not self.followers or openid in self.followers

    def knows_staff(self, userid: str) -> bool:
        return not self.staff or userid in self.staff

    def follower_position(self, openid: str) -> int | None:
        return self._follower_pos.get(openid)

    def tag_followers(self, tag_id: int) -> list[str]:
        return self._tag_followers.get(tag_id, [])

    def contacts_of(self, userid: str) -> list[str]:
        return [c.external_userid for c in self.contacts.values() if userid in c.follow_users]
