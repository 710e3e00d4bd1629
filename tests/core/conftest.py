import io
from urllib.parse import unquote_to_bytes

import pytest
from django.core.handlers.wsgi import WSGIHandler

from khabar.core.pagecache import CachedPagesApp

DEAD_REDIS = "redis://127.0.0.1:6390/7"  # nothing listens there


@pytest.fixture
def dead_cache(settings):
    from khabar.settings import cache_config

    settings.CACHES = {"default": cache_config(DEAD_REDIS)}


@pytest.fixture
def wsgi(requests_started):
    """``wsgi()``: a new instance of ``khabar serve``'s WSGI application (as in a process of its own), called as
    a server calls it, in the test's transaction: ``call(path, method=…, host=…, cookie=…)`` gives the status,
    headers, body and whether Django's handler ran; ``call.app`` is the application."""
    started = requests_started

    def make():
        app = CachedPagesApp(WSGIHandler())

        def call(path, method="GET", host="testserver", cookie=""):
            environ = {
                "REQUEST_METHOD": method,
                "SCRIPT_NAME": "",
                "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
                "QUERY_STRING": "",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "HTTP_HOST": host,
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": io.StringIO(),
            }
            if cookie:
                environ["HTTP_COOKIE"] = cookie
            answer = {}

            def start_response(status, headers, exc_info=None):
                answer.update(status=int(status.split()[0]), headers=dict(headers))

            before = len(started)
            answer["body"] = b"".join(app(environ, start_response))
            answer["django"] = len(started) > before  # Django's handler ran
            return answer

        call.app = app
        return call

    return make
