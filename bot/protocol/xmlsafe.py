"""Parse WeChat XML safely, once.

WeChat never sends a DOCTYPE or entity declarations; a body that has one is an attack (billion
laughs, external entities) or garbage. defusedxml's parser refuses both. What it builds is handed
to WeRoBot's and wechatpy's message classes as the dict they would have built with xmltodict, so
each body is parsed once, on the hot path, by a parser that cannot be abused.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bot.protocol.errors import BadRequest


def parse_xml(body: bytes | str) -> dict[str, str]:
    """Parse a flat WeChat XML document into {tag: text}; nested tags are flattened as "A.B"."""
    root = _safe_root(body)
    if root.tag != "xml":
        raise BadRequest("the root element must be <xml>")
    fields: dict[str, str] = {}
    _flatten(root, "", fields)
    return fields


def parse_tree(body: bytes | str) -> dict[str, Any]:
    """Parse a WeChat XML document into nested dicts, the shape xmltodict gives the libraries:
    {tag: text} for leaves, {tag: {...}} for elements with children."""
    root = _safe_root(body)
    if root.tag != "xml":
        raise BadRequest("the root element must be <xml>")
    return _tree(root)


def _tree(element: Element) -> dict[str, Any]:
    return {child.tag: _tree(child) if len(child) else child.text or "" for child in element}


def _safe_root(body: bytes | str) -> Element:
    try:
        root: Element = fromstring(
            body, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        return root
    except DefusedXmlException as exc:
        raise BadRequest("XML with a DOCTYPE or entities is refused") from exc
    except (ParseError, ValueError) as exc:
        raise BadRequest("malformed XML") from exc


def _flatten(element: Element, prefix: str, out: dict[str, str]) -> None:
    for child in element:
        name = f"{prefix}{child.tag}"
        if len(child):
            _flatten(child, f"{name}.", out)
        else:
            out[name] = child.text or ""


def cdata_safe(text: str) -> str:
    """Keep a `]]>` inside user-facing text from closing the CDATA section that carries it."""
    return text.replace("]]>", "]]]]><![CDATA[>")
