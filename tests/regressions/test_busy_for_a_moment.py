"""A shopper who says they are busy for a moment (稍等 我找找, 等下 我翻下聊天记录) was thanked
and seen off as if saying goodbye, or told the bot did not understand. They are coming back:
the answer is "take your time", in a form the form's question follows, and a question made of
thank-you words (弄好了吗) is no goodbye either."""

from __future__ import annotations

from tests.dialogs.conftest import knowledge, make_shop, pinned_today, shop  # noqa: F401
from tests.dialogs.transcript import Shop


async def test_busy_phrases_get_take_your_time(shop: Shop) -> None:  # noqa: F811
    for said in ("稍等 我找找", "等下 我翻下聊天记录", "好的 稍等我看看", "你等一下 我问问家里人"):
        chat = shop.chat()
        await chat.run(
            f"""
            > {said}
            < 不着急
            <! 不客气
            <! 没太明白
            <! 再见
            """
        )


async def test_busy_in_the_middle_of_an_order_keeps_it(shop: Shop) -> None:  # noqa: F811
    chat = shop.chat()
    first = await chat.say("我要买T恤")
    busy = await chat.say("稍等 我查一下")
    joined = "\n".join(busy)
    assert "不着急" in joined, busy
    assert "不客气" not in joined and "再见" not in joined, busy
    assert first, first


async def test_a_question_made_of_thanks_words_is_no_goodbye(shop: Shop) -> None:  # noqa: F811
    for said in ("弄好了吗", "现在行了吗"):
        chat = shop.chat()
        reply = "\n".join(await chat.say(said))
        assert "不客气" not in reply and "再见" not in reply, (said, reply)
