import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
django_application = get_wsgi_application()

from khabar.core.pagecache import CachedPagesApp  # noqa: E402  (needs the settings configured above)

# Anonymous cache hits are answered before Django's handler (khabar/core/pagecache.py).
application = CachedPagesApp(django_application)
