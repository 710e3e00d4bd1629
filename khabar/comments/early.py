"""Comment posts from an address whose rate limit is spent, refused in front of Django.

The comment view refuses such a post with 429 as its first step, before the session, the CSRF check, the
body and the article; but to get there a post still goes through Django's handler and every middleware,
and the refusal page is rendered each time, so a flood from one address takes the CPU readers need.
:class:`SpentAddressGuard` wraps the WSGI application (khabar/wsgi.py) and answers such a post itself: it
reads the address's counter and, when the limit is spent, counts the attempt against the session the
cookie names, as the view does, and sends the refusal the view gave. That refusal is the status, headers
and body of the first 429 Django answered through the guard for the same scheme, kind of answer (the
script's fragment or the plain page) and reader language, which is all it depends on, so Django keeps
deciding what the refusal is. Until Django has answered once, and for every other request, Django answers.
"""

from importlib import import_module

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_request

from khabar.core.cache_backends import CacheUnavailable

from .ratelimit import address_spent, count_session

VIEW = "comments:post"
ACTION = "post"


class SpentAddressGuard:
    def __init__(self, application):
        self.application = application
        self._refusals = {}  # (scheme, fetch, language) -> (status, headers, body) of Django's 429

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST":
            return self.application(environ, start_response)
        try:
            request = WSGIRequest(environ.copy())  # the body is left unread, for Django
            if resolve(request.path_info).view_name != VIEW or not address_spent(request, ACTION):
                return self.application(environ, start_response)
            request.get_host()  # a host Django refuses gets Django's 400
            kind = (request.scheme, request.headers.get("X-Requested-With") == "fetch")
            key = (*kind, get_language_from_request(request))
            if (refusal := self._refusals.get(key)) is None:
                return self._learning(key, environ, start_response)
            session = import_module(settings.SESSION_ENGINE).SessionStore
            count_session(ACTION, session(request.COOKIES.get(settings.SESSION_COOKIE_NAME)).session_key)
        except (Resolver404, DisallowedHost, CacheUnavailable):
            return self.application(environ, start_response)
        status, headers, body = refusal
        start_response(status, list(headers))
        return [body]

    def _learning(self, key, environ, start_response):
        """Django answers; its answer is kept if it is the view's refusal. A cookie set with it (Django deleting
        a session cookie that names no session) is not kept: it answered that request, not the next one."""
        answer = {}

        def record(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        result = self.application(environ, record)
        if not answer.get("status", "").startswith("429 "):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # Django's request_finished
        headers = tuple((name, value) for name, value in answer["headers"] if name.lower() != "set-cookie")
        self._refusals.setdefault(key, (answer["status"], headers, body))
        return [body]
