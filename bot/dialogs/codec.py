"""Typed form values to and from the session's JSON mapping.

A form's values are a dataclass (fields of str, int, bool, None, lists, str→str dicts and nested
dataclasses); the session keeps plain JSON, so that it survives restarts and moves between
workers whatever the state store. `load` refuses what does not fit the declared types (a session
written by an older version): the form then starts over instead of guessing.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, Generic, TypeVar, Union, get_args, get_origin

V = TypeVar("V")


class StoredValuesInvalid(ValueError):
    """The session holds values this version's dataclass cannot read."""


class Codec(Generic[V]):
    """Reads and writes one dataclass type; every field needs a default (a fresh form is `V()`)."""

    def __init__(self, kind: type[V]) -> None:
        if not dataclasses.is_dataclass(kind):
            raise TypeError(f"{kind!r} is not a dataclass")
        self.kind = kind
        _hints(kind)  # fail at build time on a type the codec cannot store

    def fresh(self) -> V:
        return self.kind()

    def dump(self, values: V) -> dict[str, Any]:
        dumped = _dump(values)
        assert isinstance(dumped, dict)
        return dumped

    def load(self, raw: Mapping[str, Any] | None) -> V:
        if not raw:
            return self.fresh()
        try:
            loaded: V = _load(self.kind, raw)
        except (TypeError, ValueError, KeyError) as exc:
            raise StoredValuesInvalid(f"{self.kind.__name__}: {exc}") from exc
        return loaded


@cache
def _hints(kind: type[Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    for field in dataclasses.fields(kind):
        _check_storable(hints[field.name])
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}


def _check_storable(hint: Any) -> None:
    origin = get_origin(hint)
    if hint in (str, int, bool, type(None)):
        return
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        _hints(hint)
        return
    if origin in (list, dict, Union, types.UnionType):
        for arg in get_args(hint):
            _check_storable(arg)
        return
    raise TypeError(f"a form value of type {hint!r} cannot be kept in the session")


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, raw: Any) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if raw is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                return _load(option, raw)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(raw, Mapping):
            raise TypeError(f"{hint.__name__} needs a mapping")
        hints = _hints(hint)
        known = {name: _load(hints[name], raw[name]) for name in hints if name in raw}
        return hint(**known)
    if origin is list:
        (item,) = get_args(hint)
        if not isinstance(raw, list):
            raise TypeError("a list was expected")
        return [_load(item, v) for v in raw]
    if origin is dict:
        key, item = get_args(hint)
        if not isinstance(raw, Mapping):
            raise TypeError("a mapping was expected")
        return {_load(key, k): _load(item, v) for k, v in raw.items()}
    return _scalar(hint, raw)


def _scalar(hint: Any, raw: Any) -> Any:
    if hint is bool:
        if not isinstance(raw, bool):
            raise TypeError("a boolean was expected")
        return raw
    if hint is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError("an integer was expected")
        return raw
    if hint is str:
        if not isinstance(raw, str):
            raise TypeError("a string was expected")
        return raw
    if hint is type(None):
        if raw is not None:
            raise TypeError("null was expected")
        return None
    raise TypeError(f"cannot read {hint!r}")
