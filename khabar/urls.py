from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from khabar.api.v1 import api as api_v1
from khabar.api.v1 import unknown_address as api_v1_unknown_address

handler400 = "khabar.core.errors.bad_request"
handler404 = "khabar.core.errors.page_not_found"
handler500 = "khabar.core.errors.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("khabar.comments.urls")),
    path("", include("khabar.readership.urls")),
    path("", include("khabar.newsroom.urls")),
    # Uploaded images; a production proxy serves MEDIA_ROOT itself.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    path("", include("khabar.search.urls")),
    path("api/v1/", api_v1.urls),
    # Otherwise the site's slash-appending redirect would send an API client to an HTML page's 404.
    re_path(r"^api/v1/(?P<rest>.*)$", api_v1_unknown_address),
    path("api/", include("khabar.syndication.urls")),
    path("", include(wagtail_urls)),
]
