"""ALTCHA proof-of-work challenges (v2) and single-use verification.

Challenges use the widget's bundled ``PBKDF2/SHA-256`` worker in the library's
deterministic mode: the server picks the counter, so the reader's browser does a
predictable amount of work (about ``counter`` key derivations) and the server
checks the answer with one HMAC instead of re-deriving the key.

A solution is accepted once: its challenge's signature is recorded in the cache
until the challenge expires, so a replayed payload is refused on any process
sharing ``CACHE_URL``.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time

import altcha
from django.conf import settings
from django.core.cache import cache

ALGORITHM = "PBKDF2/SHA-256"

# Tunable through settings for tests and slow devices; the defaults take a phone
# about a second.
DEFAULTS = {
    "ALTCHA_COST": 1000,  # PBKDF2 iterations per attempt
    "ALTCHA_COUNTER_MIN": 200,
    "ALTCHA_COUNTER_MAX": 1500,
    "ALTCHA_EXPIRY_SECONDS": 600,
}


class Refused(Exception):
    """The payload does not prove the work: missing, malformed, forged, expired or already spent."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _setting(name):
    return getattr(settings, name, DEFAULTS[name])


def _keys():
    secret = settings.ALTCHA_HMAC_KEY.encode()
    # Two keys from one secret: one signs challenges, the other the expected derived key.
    sign = hmac.new(secret, b"challenge", hashlib.sha256).hexdigest()
    key_sign = hmac.new(secret, b"derived-key", hashlib.sha256).hexdigest()
    return sign, key_sign


def new_challenge() -> dict:
    """A signed challenge as the widget fetches it (``{"parameters": …, "signature": …}``)."""
    sign, key_sign = _keys()
    low, high = _setting("ALTCHA_COUNTER_MIN"), _setting("ALTCHA_COUNTER_MAX")
    challenge = altcha.create_challenge(
        ALGORITHM,
        _setting("ALTCHA_COST"),
        counter=low + secrets.randbelow(max(1, high - low + 1)),
        expires_at=int(time.time()) + _setting("ALTCHA_EXPIRY_SECONDS"),
        hmac_secret=sign,
        hmac_key_secret=key_sign,
    )
    return challenge.to_dict()


def _decode(payload: str) -> dict:
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
        if not isinstance(data, dict) or not isinstance(data.get("challenge"), dict):
            raise ValueError("no challenge")
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise Refused("malformed") from error


def spend(payload: str) -> None:
    """Accept ``payload`` (the widget's ``altcha`` field) once, or raise :class:`Refused`."""
    if not payload:
        raise Refused("missing")
    data = _decode(payload)
    sign, key_sign = _keys()
    result = altcha.verify_solution(payload, sign, hmac_key_secret=key_sign)
    if result.expired:
        raise Refused("expired")
    if not result.verified:
        raise Refused("invalid")
    parameters = data["challenge"].get("parameters", {})
    ttl = max(1, int(parameters.get("expiresAt") or 0) - int(time.time()) + 1)
    spent_key = "altcha:spent:" + hashlib.sha256(data["challenge"]["signature"].encode()).hexdigest()
    # add() is atomic on every cache backend: of two concurrent posts, one wins.
    if not cache.add(spent_key, 1, timeout=ttl):
        raise Refused("replayed")
