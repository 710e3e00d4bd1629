"""Readers behind our reverse proxy are told apart by the address it forwards (khabar/proxy.py), and a
client that reaches the server directly cannot choose its address with X-Forwarded-For."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from khabar.comments import ratelimit
from khabar.proxy import client_ip

FORWARDED = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}


def request(**meta):
    return RequestFactory().post("/comments/post/", **meta)


def test_without_trusted_proxies_the_peer_is_the_reader(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request(**FORWARDED)) == "10.0.0.2"  # a client's own X-Forwarded-For is ignored


def test_behind_a_trusted_proxy_the_address_it_appended_is_the_reader(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request(**FORWARDED)) == "203.0.113.7"
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "203.0.113.7"]  # two proxies of ours in the chain
    assert client_ip(request(**FORWARDED)) == "6.6.6.6"
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert client_ip(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.2"
    assert client_ip(request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    settings.TRUSTED_PROXIES = ["::1", "127.0.0.1"]
    assert (
        client_ip(request(REMOTE_ADDR="::ffff:127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4"))
        == "198.51.100.4"
    )


def test_a_client_reaching_the_port_directly_cannot_rotate_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    direct = [
        client_ip(request(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")) for n in range(5)
    ]
    assert direct == ["198.51.100.9"] * 5


def test_the_login_lockout_uses_the_same_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    assert get_client_ip_address(request(**FORWARDED)) == "203.0.113.7"
    assert get_client_ip_address(request(REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "198.51.100.9"
    )


@pytest.mark.django_db
def test_login_lockout_holds_against_a_rotating_x_forwarded_for(client, settings, django_user_model):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user("editor", password="correct horse battery")
    for n in range(4):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct horse battery"},
        REMOTE_ADDR="198.51.100.9",
        HTTP_X_FORWARDED_FOR="192.0.2.200",
    )
    assert response.status_code != 302  # still locked out: the rotation did not help
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_rate_limits_count_each_forwarded_reader_apart(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}

    def attempt(address, peer="10.0.0.2"):
        r = request(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=address)
        r.session = type("Session", (), {"session_key": None})()
        return ratelimit.allow(r, "test-post")

    assert [attempt("198.51.100.1") for _ in range(3)] == [True, True, False]
    assert attempt("198.51.100.2")  # another reader behind the same proxy is not throttled
    assert [attempt(f"192.0.2.{n}", peer="198.51.100.50") for n in range(3)] == [True, True, False]
