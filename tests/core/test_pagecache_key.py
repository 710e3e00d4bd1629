"""The key the WSGI layer (CachedPagesApp) answers a hit under: Django's (``_page_key`` of a WSGIRequest), for
every environ and setting, remembered by exactly the environ variables Django computes it from."""

import io

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.test import override_settings

from khabar.core.pagecache import _KEY_ENVIRON, _page_key, _request_keys

ARABIC = "/topics/روسيا/".encode().decode("latin-1")  # as a server puts UTF-8 bytes in PATH_INFO
ENVIRONS = [
    {},
    {"PATH_INFO": ARABIC},
    {"PATH_INFO": b"/news/\xd8/".decode("latin-1")},  # not UTF-8
    {"PATH_INFO": ""},
    {"QUERY_STRING": "page=2&q=" + "قمة".encode().decode("latin-1")},
    {"QUERY_STRING": "a=%20b&c"},
    {"SCRIPT_NAME": "/site"},
    {"SCRIPT_URL": "/site/politics/"},
    {"REDIRECT_URL": "//site//politics/"},
    {"HTTP_HOST": "TestServer:8000"},
    {"HTTP_HOST": "testserver."},
    {"HTTP_HOST": "elsewhere.example"},
    {"HTTP_HOST": "news.example.org"},
    {"HTTP_HOST": "bad host"},
    {"HTTP_HOST": None},
    {"HTTP_HOST": None, "SERVER_NAME": "testserver", "SERVER_PORT": "80"},
    {"HTTP_HOST": None, "SERVER_NAME": "testserver", "SERVER_PORT": "443", "wsgi.url_scheme": "https"},
    {"HTTP_X_FORWARDED_HOST": "news.example.org:8443", "HTTP_X_FORWARDED_PORT": "8443"},
    {"HTTP_HOST": None, "SERVER_NAME": "testserver", "HTTP_X_FORWARDED_PORT": "443"},
    {"HTTP_X_FORWARDED_PROTO": "https"},
    {"HTTP_X_FORWARDED_PROTO": "http, https"},
    {"wsgi.url_scheme": "https"},
]
SETTINGS = [
    {},
    {"ALLOWED_HOSTS": [".example.org", "testserver"]},
    {"ALLOWED_HOSTS": ["*"]},
    {"ALLOWED_HOSTS": [], "DEBUG": True},
    {"USE_X_FORWARDED_HOST": True, "USE_X_FORWARDED_PORT": True, "ALLOWED_HOSTS": ["*"]},
    {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")},
    {"FORCE_SCRIPT_NAME": "/news"},
    {},
]


def environ(**changes):
    base = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/politics/",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }
    base.update(changes)
    return {name: value for name, value in base.items() if value is not None}


def djangos(environ):
    try:
        request = WSGIRequest(environ.copy())
        return request.scheme, _page_key(request)
    except DisallowedHost:
        return DisallowedHost


def layers(environ):
    """The layer's key, remembered as after a hit; and then as remembered."""
    try:
        scheme, key, values = _request_keys(environ)
    except DisallowedHost:
        return DisallowedHost
    if values is not None:
        _request_keys.remember(values, scheme, key)
    scheme_again, key_again, values = _request_keys({**environ, "HTTP_ACCEPT": "*/*"})
    assert values is None and (scheme_again, key_again) == (scheme, key)
    return scheme, key


def test_the_layer_computes_djangos_key_and_scheme_under_every_setting():
    for changes in SETTINGS:
        with override_settings(**changes):  # each change makes the layer forget what it remembered
            for variant in ENVIRONS:
                env = environ(**variant)
                assert layers(env) == djangos(env), (changes, variant)


class Recording(dict):
    """An environ that notes the variables read from it."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read = set()

    def __getitem__(self, name):
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name, default=None):
        self.read.add(name)
        return super().get(name, default)

    def __contains__(self, name):
        self.read.add(name)
        return super().__contains__(name)


def test_the_layer_remembers_a_key_by_every_variable_django_computes_it_from(settings):
    settings.USE_X_FORWARDED_HOST = settings.USE_X_FORWARDED_PORT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["*"]
    read = set()
    for variant in (
        {},
        {"HTTP_X_FORWARDED_HOST": "news.example.org", "HTTP_X_FORWARDED_PROTO": "https"},
        {"HTTP_HOST": None, "HTTP_X_FORWARDED_PORT": "443"},
        {"SCRIPT_URL": "/site/politics/"},
        {"REDIRECT_URL": "/site/politics/"},
    ):
        recording = Recording(environ(**variant))
        request = WSGIRequest(recording)
        request.scheme, _page_key(request)
        read |= recording.read
    # Besides these, which go into the method and the body only, Django read nothing the layer does not key on.
    body = {"REQUEST_METHOD", "CONTENT_TYPE", "CONTENT_LENGTH", "wsgi.input"}
    assert read - body <= {*_KEY_ENVIRON, "HTTP_X_FORWARDED_PROTO"}
    assert {"HTTP_X_FORWARDED_HOST", "SERVER_NAME", "SCRIPT_URL", "REDIRECT_URL"} <= read  # every branch ran
