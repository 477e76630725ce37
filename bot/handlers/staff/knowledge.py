"""/reload: read the knowledge files again; a broken set keeps the one in use."""

from __future__ import annotations

import argparse

from bot.broadcast.drafts import audit
from bot.handlers.staff.registry import Failed, command
from bot.protocol import Inbound
from bot.step import Context, Step

SHOWN_PROBLEMS = 8


@command("reload", summary="重新加载商品和问答知识库")
async def reload(args: argparse.Namespace, msg: Inbound, ctx: Context) -> Step:
    from knowledge import KnowledgeError

    holder = ctx.services.knowledge
    try:
        await holder.reload_async()
    except KnowledgeError as exc:
        problems = str(exc).splitlines()
        shown = "\n".join(problems[:SHOWN_PROBLEMS])
        if len(problems) > SHOWN_PROBLEMS:
            shown += f"\n… 共 {len(problems)} 处"
        await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": False})
        raise Failed(f"重新加载失败，仍使用原来的知识库：\n{shown}") from exc
    await audit(ctx, f"staff:{msg.user}", "knowledge.reload", "knowledge", {"ok": True})
    return Step.say(f"知识库已重新加载：{holder.current.kb.summary()}")
