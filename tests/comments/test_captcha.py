"""ALTCHA challenges and single-use verification (khabar.comments.captcha), called directly."""

import base64
import json

import altcha
import pytest
from django.db import transaction

from khabar.comments.captcha import MAX_PAYLOAD_CHARS, Refused, new_challenge, spend, verify
from khabar.comments.models import SpentChallenge


def solved(challenge: dict) -> str:
    parsed = altcha.Challenge.from_dict(challenge)
    return altcha.Payload(parsed, altcha.solve_challenge(parsed)).to_base64()


def reason(payload) -> str:
    with pytest.raises(Refused) as refused:
        verify(payload)
    return refused.value.reason


def test_a_challenge_is_signed_and_bounded_by_the_settings(settings):
    challenge = new_challenge()
    assert set(challenge) >= {"parameters", "signature"}
    parameters = challenge["parameters"]
    assert parameters["algorithm"] == "PBKDF2/SHA-256"
    assert parameters["cost"] == settings.ALTCHA_COST


def test_a_solved_challenge_verifies_and_returns_its_payload():
    challenge = new_challenge()
    data = verify(solved(challenge))
    assert data["challenge"]["signature"] == challenge["signature"]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("", "missing"),
        ("not base64!", "malformed"),
        (base64.b64encode(b"[1, 2]").decode(), "malformed"),
        (base64.b64encode(json.dumps({"challenge": {"signature": 5}}).encode()).decode(), "malformed"),
        ("A" * (MAX_PAYLOAD_CHARS + 4), "malformed"),
    ],
)
def test_what_is_not_a_payload_is_refused_with_its_reason(payload, expected):
    assert reason(payload) == expected


def test_a_challenge_signed_with_another_key_is_invalid(settings):
    payload = solved(new_challenge())
    settings.ALTCHA_HMAC_KEY = "another key"
    assert reason(payload) == "invalid"


def test_an_expired_challenge_is_refused(settings):
    settings.ALTCHA_EXPIRY_SECONDS = -10
    assert reason(solved(new_challenge())) == "expired"


@pytest.mark.django_db
def test_a_payload_is_spent_once():
    payload = solved(new_challenge())
    with transaction.atomic():
        spend(payload)
    assert SpentChallenge.objects.count() == 1
    with pytest.raises(Refused) as refused:
        spend(payload)
    assert refused.value.reason == "replayed"
    assert SpentChallenge.objects.count() == 1


@pytest.mark.django_db
def test_a_save_that_fails_leaves_the_payload_unspent():
    payload = solved(new_challenge())
    with pytest.raises(RuntimeError), transaction.atomic():
        spend(payload)
        raise RuntimeError("the comment could not be saved")
    assert not SpentChallenge.objects.exists()
    spend(payload)  # the reader's check still counts
