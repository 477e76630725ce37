"""Errors the gateway maps to HTTP answers: bad signature → 403, bad body → 400."""


class ProtocolError(Exception):
    status = 400


class Forbidden(ProtocolError):
    """Signature missing or wrong, or the timestamp is outside the allowed clock skew."""

    status = 403


class BadRequest(ProtocolError):
    """Malformed or dangerous XML, or an `Encrypt` that does not decrypt."""

    status = 400
