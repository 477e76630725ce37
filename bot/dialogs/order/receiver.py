"""Coupon and receiver: the slots after the cart. Each asks only what is still missing.

A shopper may send name, phone and address in one message; any of the three states takes all
the parts that pass their validators, and the form skips what is already filled.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.dialogs import words
from bot.dialogs.machine import RETRY, UNCLEAR, Outcome, Prompt, prompt
from bot.dialogs.order.states import ADDRESS, COUPON, NAME, PHONE, Ev
from bot.dialogs.slots import (
    check_address,
    check_name,
    looks_like_phone_attempt,
    parse_phone,
    split_contact,
)
from bot.dialogs.turn import Turn
from bot.shop import catalog
from bot.shop.pricing import best_promotion, cart_of, coupon_problem, quote
from bot.shop.texts import yuan

_CODE = re.compile(r"^[A-Za-z0-9]{3,20}$")


def _take_contact(turn: Turn) -> int:
    """Fill name/phone/address from a combined message; returns how many parts it found."""
    contact = split_contact(turn.text)
    parts = {NAME: contact.name, PHONE: contact.phone, ADDRESS: contact.address}
    found = {slot: value for slot, value in parts.items() if value}
    if len(found) >= 2:
        for slot, value in found.items():
            turn.slots.setdefault(slot, value)
    return len(found) if len(found) >= 2 else 0


# ------------------------------------------------------------------------ coupon


async def ask_coupon(turn: Turn) -> Prompt | Outcome:
    kb = catalog.kb(turn.services)
    day = catalog.today()
    if COUPON in turn.slots or not any(c.active_on(day) for c in kb.coupons.values()):
        return Outcome(Ev.DONE)
    promotion, fen = best_promotion(kb, cart_of(turn.slots), day)
    applied = f"已为您自动参加“{promotion.title}”，减{yuan(fen)}。\n" if promotion else ""
    return prompt(f"{applied}有优惠券码吗？有的话发给我；没有请回复“没有”。")


async def on_coupon(turn: Turn) -> Outcome:
    if turn.word in words.NO:
        turn.slots[COUPON] = ""
        return Outcome(Ev.DONE)
    code = turn.text.strip()
    if not _CODE.match(code):
        return Outcome.say(UNCLEAR, "请发优惠券码（字母和数字），没有请回复“没有”。")
    kb = catalog.kb(turn.services)
    coupon = kb.find_coupon(code)
    problem = coupon_problem(coupon, cart_of(turn.slots), catalog.today())
    if problem is not None or coupon is None:
        return Outcome.say(RETRY, f"{problem}没有可用的券请回复“没有”。")
    turn.slots[COUPON] = coupon.code
    fen = quote(kb, cart_of(turn.slots), coupon.code, catalog.today()).coupon_fen
    return Outcome.say(Ev.DONE, f"已使用优惠券“{coupon.title}”，减{yuan(fen)}。")


# ------------------------------------------------------------------------ receiver


async def ask_name(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(NAME):
        return Outcome(Ev.DONE)
    return prompt("请告诉我收货人姓名。\n（也可以一次发：姓名 手机号 地址）")


async def on_name(turn: Turn) -> Outcome:
    return _free_text(turn, NAME, check_name)


async def ask_phone(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(PHONE):
        return Outcome(Ev.DONE)
    return prompt("收货人的手机号是多少？")


async def on_phone(turn: Turn) -> Outcome:
    phone = parse_phone(turn.text)
    if phone is not None:
        turn.slots[PHONE] = phone
        return Outcome(Ev.DONE)
    if _take_contact(turn) and turn.slots.get(PHONE):
        return Outcome(Ev.DONE)
    if looks_like_phone_attempt(turn.text):
        return Outcome.say(RETRY, "手机号格式不对，请发11位手机号，例如 13812345678。")
    return Outcome.say(UNCLEAR, "请发收货人的11位手机号。")


async def ask_address(turn: Turn) -> Prompt | Outcome:
    if turn.slots.get(ADDRESS):
        return Outcome(Ev.DONE)
    return prompt("收货地址是？请写省/市/区和详细门牌号。")


async def on_address(turn: Turn) -> Outcome:
    return _free_text(turn, ADDRESS, check_address)


def _free_text(turn: Turn, slot: str, check: Callable[[str], str | None]) -> Outcome:
    """A slot filled with the shopper's own words (name, address), unless they sent all three
    contact details at once."""
    if _take_contact(turn) and turn.slots.get(slot):
        return Outcome(Ev.DONE)
    problem = check(turn.text)
    if problem is not None:
        return Outcome.say(UNCLEAR, problem)
    turn.slots[slot] = turn.text
    return Outcome(Ev.DONE)
