"""Readers behind our reverse proxy are told apart by the address it forwards (khabar/proxy.py)."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from khabar.comments import ratelimit
from khabar.proxy import client_ip

FORWARDED = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}


def request(**meta):
    return RequestFactory().post("/comments/post/", **meta)


def test_without_proxies_the_peer_is_the_reader(settings):
    settings.PROXY_HOPS = 0
    assert client_ip(request(**FORWARDED)) == "10.0.0.2"  # a client's own X-Forwarded-For is ignored


def test_behind_one_proxy_the_address_it_appended_is_the_reader(settings):
    settings.PROXY_HOPS = 1
    assert client_ip(request(**FORWARDED)) == "203.0.113.7"
    settings.PROXY_HOPS = 2
    assert client_ip(request(**FORWARDED)) == "6.6.6.6"
    settings.PROXY_HOPS = 3  # fewer addresses than proxies: the peer
    assert client_ip(request(**FORWARDED)) == "10.0.0.2"
    settings.PROXY_HOPS = 1
    assert client_ip(request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")) == "10.0.0.2"


def test_the_login_lockout_uses_the_same_address(settings):
    settings.PROXY_HOPS = 1
    assert get_client_ip_address(request(**FORWARDED)) == "203.0.113.7"


@pytest.mark.django_db
def test_rate_limits_count_each_forwarded_reader_apart(settings):
    settings.PROXY_HOPS = 1
    settings.COMMENTS_RATE_LIMITS = {"ip": (2, 600), "session": (100, 600)}

    def attempt(address):
        r = request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address)
        r.session = type("Session", (), {"session_key": None})()
        return ratelimit.allow(r, "test-post")

    assert [attempt("198.51.100.1") for _ in range(3)] == [True, True, False]
    assert attempt("198.51.100.2")  # another reader behind the same proxy is not throttled
