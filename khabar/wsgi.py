import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
django_application = get_wsgi_application()

from khabar.comments.early import SpentAddressGuard  # noqa: E402  (these two need the settings configured above)
from khabar.core.pagecache import CachedPagesApp  # noqa: E402

# Anonymous cache hits (khabar/core/pagecache.py) and comment posts from an address whose rate limit is
# spent (khabar/comments/early.py) are answered before Django's handler.
application = CachedPagesApp(SpentAddressGuard(django_application))
