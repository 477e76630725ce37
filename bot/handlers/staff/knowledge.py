"""/reload: read the knowledge files again; a broken set keeps the one in use.

Staff read the reply in WeCom, so it is Chinese throughout: the counts are said in words, and a
broken set names where its problems are (file and line) rather than quoting the English messages
that `shopbot kb check` prints for whoever edits the files.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.broadcast.drafts import audit
from bot.handlers.staff.registry import Failed, command
from bot.protocol import Inbound
from bot.step import Context, Step

if TYPE_CHECKING:
    from knowledge import KnowledgeBase, KnowledgeError

SHOWN_PROBLEMS = 8


@command("reload", summary="重新加载商品和问答知识库")
async def reload(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from knowledge import KnowledgeError

    holder = ctx.services.knowledge
    try:
        await holder.reload_async()
    except KnowledgeError as exc:
        await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": False})
        raise Failed(f"重新加载失败，仍使用原来的知识库。{where_broken(exc)}") from exc
    await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": True})
    return Step.say(f"知识库已重新加载：{counted(holder.current.kb)}。")


def counted(kb: KnowledgeBase) -> str:
    """What the shop's knowledge holds, in the words staff use."""
    facts = sum(len(p.facts) for p in kb.products.values())
    return (
        f"{len(kb.products)}个商品（{len(kb.categories)}个分类）、{len(kb.faqs)}条问答、"
        f"{facts}条商品资料、{len(kb.promotions)}个促销活动、{len(kb.coupons)}张优惠券"
    )


def where_broken(exc: KnowledgeError) -> str:
    """How many problems there are and where, for the merchant to open the files."""
    places = [f"{issue.file} 第{issue.line}行" for issue in exc.errors[:SHOWN_PROBLEMS]]
    more = "等" if len(exc.errors) > SHOWN_PROBLEMS else ""
    return (
        f"共{len(exc.errors)}处问题，在：" + "、".join(places) + more + "。"
        "服务器上运行 shopbot kb check 可以看到每处的说明。"
    )
