"""A Content-Security-Policy for the Wagtail admin, as strict as Wagtail 8 allows.

The public site's policy (django-csp, ``CONTENT_SECURITY_POLICY``) excludes ``/admin/``: Wagtail 8 still
writes inline scripts (InlinePanel, the date and time choosers) and inline styles without nonces, so
the admin needs ``'unsafe-inline'`` for both. Everything else stays shut: nothing from another origin
(scripts, styles, images, fonts, connections, frames), no plugins, no ``eval``, no foreign ``<base>``, forms
only to the site, and no framing by other sites. Wire content shown in the admin therefore cannot load
or send anything elsewhere.
"""

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
HEADER = "Content-Security-Policy"


def admin_policy() -> str:
    directives = settings.KHABAR_ADMIN_CSP
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class AdminCSPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = admin_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIXES) and HEADER not in response:
            response[HEADER] = self.policy
        return response
