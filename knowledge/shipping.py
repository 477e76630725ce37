"""Shipping rules (shipping.toml) and the fee of one order under them. All money is integer fen.

The order of the money, the same everywhere (cart, confirmation, order, pay link):

1. subtotal: the lines at their prices;
2. the best promotion (满减), then one coupon, on the goods only — their discount never exceeds
   the goods (bot/dialogs/pricing.py);
3. shipping, on top, never discounted: the free-shipping threshold compares the goods **after**
   promotion and coupon (what the shopper pays for the goods), for the whole order.

So a ¥79 cart with a ¥15 coupon pays ¥64 for its goods, under a ¥69 threshold, plus ¥6 shipping.

How one order's fee is made (`shipping_fee`), for the province its address is in:

* A region marked `excluded` gets nothing; a product override's `excluded_provinces` keep those
  products out of them (the rest of the cart could still go, but one parcel is one order: the
  shopper is told which products cannot be sent).
* Lines without an override ship normally: `base_fee_fen`, or nothing once the goods reach
  `free_over_fen` — unless the province's region says `free_shipping = false`.
* Each override present in the cart adds its own `fee_fen` once (fresh fruit ships cold, in its
  own parcel: 0 means it ships free).
* The region's `surcharge_fen` is added once per order, free shipping or not.

Before the address is known (the cart) the province is None: the fee is the normal one and
marked provisional, because the address may still add a surcharge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

STANDARD = "运费"


@dataclass(frozen=True, slots=True)
class Region:
    """Provinces (short names) that ship differently."""

    name: str
    provinces: tuple[str, ...]
    surcharge_fen: int = 0
    free_shipping: bool = True
    excluded: bool = False
    transit_days: str | None = None  # "5-7": days on the road after dispatch (None: the default)


@dataclass(frozen=True, slots=True)
class Override:
    """Products (by SKU or category) that ship in a parcel of their own, at their own fee."""

    label: str
    skus: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    fee_fen: int = 0
    excluded_provinces: tuple[str, ...] = ()
    ships_within_hours: int | None = None  # sent within this many hours of payment (None: unsaid)

    def covers(self, sku: str, category: str) -> bool:
        return sku in self.skus or category in self.categories


@dataclass(frozen=True, slots=True)
class ReturnAddress:
    """Where returns and exchanges are sent back to (told to the shopper when approved)."""

    receiver: str
    phone: str
    address: str

    def text(self) -> str:
        return f"{self.receiver} {self.phone}\n{self.address}"


@dataclass(frozen=True, slots=True)
class ShippingRules:
    base_fee_fen: int = 0
    free_over_fen: int | None = None  # None: never free by amount
    regions: tuple[Region, ...] = ()
    overrides: tuple[Override, ...] = ()
    returns: ReturnAddress | None = None
    sf_extra_fen: int | None = None  # what asking for 顺丰 costs on top (None: not stated)
    same_day_before: time | None = None  # paid before this (shop time): sent that day, else next
    transit_days: str | None = None  # "2-4": days on the road after dispatch (None: unsaid)

    def region_of(self, province: str | None) -> Region | None:
        if province is None:
            return None
        return next((r for r in self.regions if province in r.provinces), None)

    def transit_of(self, province: str) -> str | None:
        """The days a parcel to `province` is on the road after dispatch ("5-7"), by its region,
        else the shop's default; None when the rules say nothing (or it is not delivered)."""
        region = self.region_of(province)
        if region is not None and region.excluded:
            return None
        if region is not None and region.transit_days:
            return region.transit_days
        return self.transit_days

    def override_of(self, sku: str, category: str) -> Override | None:
        return next((o for o in self.overrides if o.covers(sku, category)), None)


@dataclass(frozen=True, slots=True)
class ShipLine:
    """What the fee needs of one order line."""

    sku: str
    category: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Shipping:
    """The fee of one order and what it is made of (for the summary line)."""

    fee_fen: int
    parts: tuple[tuple[str, int], ...]
    free: bool  # the normal fee was waived by the threshold
    provisional: bool  # no province yet: an address may still add a surcharge


@dataclass(frozen=True, slots=True)
class Undeliverable:
    """The order cannot be sent to this province; `names` are the products that cannot (empty:
    nothing can)."""

    province: str
    names: tuple[str, ...] = ()


def shipping_fee(
    rules: ShippingRules, lines: Sequence[ShipLine], goods_fen: int, province: str | None
) -> Shipping | Undeliverable:
    """The fee for `lines` whose goods cost `goods_fen` (after discounts) sent to `province`."""
    region = rules.region_of(province)
    if province is not None and region is not None and region.excluded:
        return Undeliverable(province)
    standard = False
    groups: list[Override] = []
    blocked: list[str] = []
    for line in lines:
        override = rules.override_of(line.sku, line.category)
        if override is None:
            standard = True
            continue
        if province is not None and province in override.excluded_provinces:
            blocked.append(line.name or line.sku)
        if override not in groups:
            groups.append(override)
    if province is not None and blocked:
        return Undeliverable(province, tuple(dict.fromkeys(blocked)))
    parts: list[tuple[str, int]] = []
    free = False
    if standard:
        reached = rules.free_over_fen is not None and goods_fen >= rules.free_over_fen
        free = reached and (region is None or region.free_shipping)
        parts.append((STANDARD, 0 if free else rules.base_fee_fen))
    parts += [(group.label, group.fee_fen) for group in groups]
    if region is not None and region.surcharge_fen:
        parts.append((f"{region.name}附加费", region.surcharge_fen))
    return Shipping(sum(fen for _, fen in parts), tuple(parts), free, province is None)
