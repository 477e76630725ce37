"""Invoice details that can be issued: the one check, used at checkout and for later requests.

* 普票 (`normal`): a person's name, or an organisation's name **with** its tax number (required
  for organisations since 2017). An organisation is recognised by its name (…公司, …店, …中心).
* 专票 (`special`): organisations only; tax number required.
* A tax number is the 18-character 统一社会信用代码 (GB 32100-2015) with a valid check character.
* An email is required: invoices are electronic and go there.

`check_invoice` returns the cleaned invoice or raises `InvalidInvoice(field, reason)`; the reason
is a code the chat layer words for the shopper, never an English sentence shown to them.
"""

from __future__ import annotations

import re
import unicodedata

from bot.storage.models import Invoice, InvoiceKind

MAX_TITLE = 100
MAX_EMAIL = 254
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_ORGANISATION = re.compile(
    r"(公司|企业|集团|事务所|工作室|中心|商行|商店|店|厂|协会|学会|学校|大学|学院|医院|银行|"
    r"合作社|研究所|研究院|委员会|政府|局|部|馆|院|所)$"
)


class InvalidInvoice(ValueError):
    """`field` is kind, title, tax_no or email; `reason` one of missing, too_long, bad_format,
    bad_check, needs_tax_no, company_only."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"invoice {field}: {reason}")
        self.field = field
        self.reason = reason


def clean(text: str) -> str:
    """Full-width letters and digits to ASCII, spaces out (what people paste from a phone)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_organisation(title: str) -> bool:
    return bool(_ORGANISATION.search(title))


def uscc_valid(number: str) -> bool:
    """统一社会信用代码: 18 characters of its alphabet, the last a check over the other 17."""
    if len(number) != 18 or any(ch not in USCC_ALPHABET for ch in number):
        return False
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(number, USCC_WEIGHTS, strict=False))
    return USCC_ALPHABET[(31 - total % 31) % 31] == number[-1]


def check_tax_no(raw: str) -> str:
    number = clean(raw).upper()
    if not number:
        raise InvalidInvoice("tax_no", "missing")
    if len(number) != 18 or any(ch not in USCC_ALPHABET for ch in number):
        raise InvalidInvoice("tax_no", "bad_format")
    if not uscc_valid(number):
        raise InvalidInvoice("tax_no", "bad_check")
    return number


def check_email(raw: str) -> str:
    email = clean(raw)
    if not email:
        raise InvalidInvoice("email", "missing")
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise InvalidInvoice("email", "bad_format")
    return email


def check_invoice(invoice: Invoice) -> Invoice:
    kind = InvoiceKind(invoice.kind)
    title = " ".join(unicodedata.normalize("NFKC", invoice.title).split())
    if not title:
        raise InvalidInvoice("title", "missing")
    if len(title) > MAX_TITLE:
        raise InvalidInvoice("title", "too_long")
    organisation = is_organisation(title) or bool(invoice.tax_no.strip())
    if kind is InvoiceKind.SPECIAL and not organisation:
        raise InvalidInvoice("title", "company_only")
    tax_no = ""
    if organisation:
        if not invoice.tax_no.strip():
            raise InvalidInvoice("tax_no", "needs_tax_no")
        tax_no = check_tax_no(invoice.tax_no)
    return Invoice(kind, title, tax_no, check_email(invoice.email))
