"""Parse WeChat XML safely, once, with the standard library's expat.

WeChat never sends a DOCTYPE. A body with one is an attack or garbage, and refusing it is all the
protection XML needs here: entities (billion laughs) and external references (XXE) can only be
declared inside a DTD, so without one only the five predefined entities remain. That is the check
defusedxml makes; we make it in expat directly (no defusedxml needed) because building
ElementTree objects for every callback, only to turn them into dicts, was a tenth of the server's
time per message.

The result is the dict xmltodict would have given WeRoBot and wechatpy ({tag: text} for leaves,
{tag: {...}} for elements with children, and a list of those for a tag repeated among its
siblings, however many), so their message classes take it as it is: WeRoBot's picture events
iterate `PicList.item` as a list when `Count` > 1 and read it as one dict otherwise, wechatpy
does the same for `SendPicsInfo`. An element that appears once stays a single value. Two
differences from xmltodict, on purpose: an empty element is "" (not None), and attributes are
not kept (WeChat sends none).
"""

from __future__ import annotations

from typing import Any
from xml.parsers import expat

from bot.protocol.errors import BadRequest

Tree = dict[str, Any]


class _Builder:
    """expat callbacks that build the nested dict of one document."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, Tree, list[str]]] = [("", {}, [])]
        self.root = ""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.root:
            self.root = tag
        self.stack.append((tag, {}, []))

    def end(self, tag: str) -> None:
        _, children, text = self.stack.pop()
        # Leaf text without the indentation around it, as xmltodict strips it.
        value: Any = children if children else "".join(text).strip()
        siblings = self.stack[-1][1]
        if tag not in siblings:
            siblings[tag] = value
        elif isinstance(siblings[tag], list):
            siblings[tag].append(value)
        else:  # the second of its name: from now on a list, as xmltodict makes it
            siblings[tag] = [siblings[tag], value]

    def text(self, data: str) -> None:
        self.stack[-1][2].append(data)


def _refuse_doctype(*_: object) -> None:
    raise BadRequest("XML with a DOCTYPE is refused")


def parse_tree(body: bytes | str) -> Tree:
    """Parse a WeChat XML document into nested dicts; refuse a DOCTYPE and malformed XML."""
    builder = _Builder()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    try:
        parser.Parse(body, True)
    except (expat.ExpatError, ValueError, LookupError) as exc:  # also unknown or odd encodings
        raise BadRequest("malformed XML") from exc
    if builder.root != "xml":
        raise BadRequest("the root element must be <xml>")
    document = builder.stack[0][1]["xml"]
    return document if isinstance(document, dict) else {}


def parse_xml(body: bytes | str) -> dict[str, str]:
    """A WeChat XML document as flat {tag: text}; nested tags become "A.B". Of a repeated tag
    the first keeps the plain path and the others are numbered: "A.item", "A.item#1", ..."""
    flat: dict[str, str] = {}
    _flatten(parse_tree(body), "", flat)
    return flat


def _flatten(tree: Tree, prefix: str, out: dict[str, str]) -> None:
    for tag, value in tree.items():
        values = value if isinstance(value, list) else [value]
        for index, one in enumerate(values):
            path = f"{prefix}{tag}" + (f"#{index}" if index else "")
            if isinstance(one, dict):
                _flatten(one, path + ".", out)
            else:
                out[path] = one


def cdata_safe(text: str) -> str:
    """Keep a `]]>` inside user-facing text from closing the CDATA section that carries it."""
    return text.replace("]]>", "]]]]><![CDATA[>")
