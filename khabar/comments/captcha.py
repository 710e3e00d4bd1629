"""ALTCHA proof-of-work challenges (v2) and single-use verification.

Challenges use the widget's bundled ``PBKDF2/SHA-256`` worker in the library's
deterministic mode: the server picks the counter, so the reader's browser does a
predictable amount of work (about ``counter`` key derivations) and the server
checks the answer with one HMAC instead of re-deriving the key.

A solution is accepted once: :func:`spend` records its challenge's signature in the
database (``SpentChallenge``) inside the caller's transaction, the one that saves the
comment, so a replayed payload is refused on every process, and a save that fails
leaves the reader's check unspent.
"""

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import time

import altcha
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SpentChallenge

ALGORITHM = "PBKDF2/SHA-256"
# A real payload is a few hundred bytes; anything much longer is refused unread.
MAX_PAYLOAD_CHARS = 4096


class Refused(Exception):
    """The payload does not prove the work: missing, malformed, forged, expired or already spent."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _keys():
    secret = settings.ALTCHA_HMAC_KEY.encode()
    # Two keys from one secret: one signs challenges, the other the expected derived key.
    sign = hmac.new(secret, b"challenge", hashlib.sha256).hexdigest()
    key_sign = hmac.new(secret, b"derived-key", hashlib.sha256).hexdigest()
    return sign, key_sign


def new_challenge() -> dict:
    """A signed challenge as the widget fetches it (``{"parameters": …, "signature": …}``)."""
    sign, key_sign = _keys()
    low, high = settings.ALTCHA_COUNTER_MIN, settings.ALTCHA_COUNTER_MAX
    challenge = altcha.create_challenge(
        ALGORITHM,
        settings.ALTCHA_COST,
        counter=low + secrets.randbelow(max(1, high - low + 1)),
        expires_at=int(time.time()) + settings.ALTCHA_EXPIRY_SECONDS,
        hmac_secret=sign,
        hmac_key_secret=key_sign,
    )
    return challenge.to_dict()


def _decode(payload: str) -> dict:
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise Refused("malformed")
    try:
        data = json.loads(base64.b64decode(payload, validate=True))
        if not isinstance(data, dict) or not isinstance(data.get("challenge"), dict):
            raise ValueError("no challenge")
        if not isinstance(data["challenge"].get("signature"), str):
            raise ValueError("no signature")
        return data
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError) as error:
        raise Refused("malformed") from error


def verify(payload: str) -> dict:
    """Check ``payload`` (the widget's ``altcha`` field) without spending it; its decoded form, or
    :class:`Refused`."""
    if not payload:
        raise Refused("missing")
    data = _decode(payload)
    sign, key_sign = _keys()
    try:
        result = altcha.verify_solution(payload, sign, hmac_key_secret=key_sign)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise Refused("malformed") from error
    if result.expired:
        raise Refused("expired")
    if not result.verified:
        raise Refused("invalid")
    return data


def spend(payload: str) -> None:
    """Verify ``payload`` and mark it used, inside the caller's transaction; :class:`Refused` if it
    does not prove the work or was used before."""
    data = verify(payload)
    parameters = data["challenge"].get("parameters", {})
    expires = int(parameters.get("expiresAt") or 0) or int(time.time()) + settings.ALTCHA_EXPIRY_SECONDS
    digest = hashlib.sha256(data["challenge"]["signature"].encode()).hexdigest()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction goes on after a replay
            SpentChallenge.objects.create(
                digest=digest, expires_at=dt.datetime.fromtimestamp(expires + 1, tz=dt.UTC)
            )
    except IntegrityError:
        raise Refused("replayed") from None
    if random.random() < 0.01:  # expired guards are useless: prune them now and then
        SpentChallenge.objects.filter(expires_at__lt=timezone.now()).delete()
