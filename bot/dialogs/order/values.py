"""The order form's typed values and steps. The session keeps them as JSON (bot/dialogs/codec.py).

The cart is a list of lines; the last one is the line being chosen until the shopper asks for
another product (`adding`), so "改成两件" right after choosing changes that line, and 返回 from
the cart asks its quantity again. A line is complete once every spec with a choice is chosen and
it has a quantity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from bot.shop.pricing import CartLine
from knowledge.model import Product


class OrderStep(StrEnum):
    LISTED = "listed"  # not asked: a product of the list shown before the form, pointed at
    CHANGES = "changes"  # not asked: corrections to the cart, taken whenever said
    PRODUCT = "product"
    SPEC = "spec"
    QUANTITY = "quantity"
    CART = "cart"  # the cart is shown: 结算, or add another product
    COUPON = "coupon"  # optional: a coupon code, taken whenever given
    DESTINATION = "destination"  # optional: where it goes, said before the address ("寄新疆")
    NOTE = "note"  # optional: 备注 for the shop (放门卫, 发顺丰), taken whenever given
    INVOICE = "invoice"  # optional: invoice details, taken whenever given
    NAME = "name"
    PHONE = "phone"
    ADDRESS = "address"
    CONFIRM = "confirm"


@dataclass
class Line:
    sku: str
    name: str
    category: str
    price_fen: int  # the price when it went into the cart
    dims: list[str] = field(default_factory=list)  # the specs with a choice, in catalogue order
    spec: dict[str, str] = field(default_factory=dict)
    qty: int | None = None

    @property
    def missing(self) -> list[str]:
        return [name for name in self.dims if name not in self.spec]

    @property
    def complete(self) -> bool:
        return self.qty is not None and not self.missing

    def priced(self) -> CartLine:
        return CartLine(
            self.sku, self.name, self.category, dict(self.spec), self.qty or 0, self.price_fen
        )


@dataclass
class InvoiceDetails:
    """An invoice as the shopper gave it (checked by bot/storage/invoices.py before it is kept)."""

    kind: str = "normal"  # an InvoiceKind value: normal (普票) or special (专票)
    title: str = ""
    tax_no: str = ""
    email: str = ""


@dataclass
class OrderValues:
    lines: list[Line] = field(default_factory=list)
    adding: bool = False  # the shopper asked for another product: the last line is done
    choices: list[str] = field(default_factory=list)  # SKUs offered when a name fit several
    hint: str = ""  # what came with an unclear product ("白色L码"), applied once one is chosen
    checkout: bool = False
    coupon: str | None = None
    name: str | None = None
    phone: str | None = None
    address: str | None = None
    note: str = ""
    invoice: InvoiceDetails | None = None
    queued: list[Line] = field(default_factory=list)
    """Products chosen together ("都要" after a list), one each, waiting for their turn: the
    next one becomes the line being chosen once the current one is complete."""
    earlier: list[str] = field(default_factory=list)
    """SKUs of the list on screen when browsing handed over to the form: "换成第二个" and "刚才
    那个蓝色的" point at them (bot/dialogs/order/earlier.py)."""
    meant: str = ""
    address_start: str = ""
    """An address too short to send to ("福建厦门思明区"), refused: the next answer without a
    province is its rest ("思明区莲前西路2号" → 福建厦门思明区莲前西路2号)."""
    ship_to: str = ""
    """The province the shopper said the order goes to before giving the address ("送新疆乌鲁木齐"):
    the cart's shipping follows it until the address decides."""
    """A product of `earlier` the shopper was asked about ("是指刚才列表里的…吗"): a yes takes it."""


def current(values: OrderValues) -> Line | None:
    """The line being chosen, if any."""
    return values.lines[-1] if values.lines and not values.adding else None


def with_current(values: OrderValues, line: Line) -> OrderValues:
    return replace(values, lines=[*values.lines[:-1], line])


def new_line(item: Product) -> Line:
    """A line for `item`; a spec that has only one value is chosen already."""
    fixed = {name: values[0] for name, values in item.specs.items() if len(values) == 1}
    dims = [name for name, values in item.specs.items() if len(values) > 1]
    return Line(item.sku, item.name, item.category, item.price_fen, dims, fixed)


def with_spec(line: Line, spec: dict[str, str], item: Product) -> Line:
    """`line` with `spec` chosen (values `item` has), kept in the catalogue's order of specs."""
    merged = {**line.spec, **{k: v for k, v in spec.items() if v in item.specs.get(k, ())}}
    return replace(line, spec={name: merged[name] for name in item.specs if name in merged})


MODEL_SPECS = ("型号", "机型", "适配型号")
"""Specs that say which device a product fits: the phone said for the case is the film's too."""


def with_models_of(line: Line, item: Product, others: Iterable[Line]) -> Line:
    """`line` with the model the other lines chose ("iPhone 15 Pro" for the case fills the
    film's 型号), where `item` comes in that model and none was chosen for it yet."""
    for name in MODEL_SPECS:
        if name in line.spec or name not in line.dims:
            continue
        said = [x.spec[name] for x in others if name in x.spec and x.sku != line.sku]
        if said and said[-1] in item.specs.get(name, ()):
            line = with_spec(line, {name: said[-1]}, item)
    return line


def reopened(line: Line) -> Line:
    """`line` with its choices undone (a spec with one value stays chosen)."""
    return replace(line, spec={k: v for k, v in line.spec.items() if k not in line.dims})
