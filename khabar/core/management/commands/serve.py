"""``khabar serve``: the site under gunicorn, static files by WhiteNoise (compressed, cache-busted)."""

import multiprocessing

from django.conf import settings
from django.core.management.base import BaseCommand


def worker_started(worker):
    """In each worker process as it starts: build the translation memory's index in the background."""
    from khabar.desk.memory import warm_up

    return warm_up()


class Command(BaseCommand):
    help = "Serve Khabar with gunicorn (production server)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default: 1 with a local-memory cache, else 2 × cores + 1)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker process")

    def handle(self, *args, bind, workers, threads, **options):
        from gunicorn.app.base import BaseApplication

        from khabar.wsgi import application

        local_cache = "locmem" in settings.CACHES["default"]["BACKEND"]
        if workers is None:
            workers = 1 if local_cache else 2 * multiprocessing.cpu_count() + 1
        if local_cache and workers > 1:
            self.stderr.write(
                "تنبيه: ذاكرة التخزين المؤقت محلية لكل عملية؛ استخدم CACHE_URL=redis://… مع أكثر من عامل واحد.\n"
                "Warning: the local-memory cache is per process; set CACHE_URL=redis://… for several workers."
            )

        class KhabarServer(BaseApplication):
            def load_config(self):
                self.cfg.set("bind", bind)
                self.cfg.set("workers", workers)
                self.cfg.set("threads", threads)
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("accesslog", None)
                self.cfg.set("graceful_timeout", 10)
                self.cfg.set("post_worker_init", worker_started)

            def load(self):
                return application

        KhabarServer().run()
