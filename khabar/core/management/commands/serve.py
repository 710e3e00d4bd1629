"""``khabar serve``: the site under Granian (WSGI), static files by WhiteNoise (compressed, cache-busted).

Granian rather than gunicorn: measured side by side on the same cached page (bench/README.md «Pages»),
gunicorn's threaded worker spent several times the CPU of Khabar's own answer on each request.
"""

import multiprocessing

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from khabar.core.warmup import worker_started

# The WSGI application each worker process loads (anonymous cache hits answered before Django's handler).
TARGET = "khabar.wsgi:application"
# Seconds a stopping worker gets to finish the requests in flight.
GRACEFUL_SECONDS = 10


def load_application(target):
    """Run in each worker process: the WSGI application, after starting the apps' warm-up steps."""
    from khabar.wsgi import application

    worker_started()
    return application


def parse_bind(bind):
    host, sep, port = bind.rpartition(":")
    if not sep or not port.isdigit():
        raise CommandError(f"--bind: expected address:port, got {bind!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


class Command(BaseCommand):
    help = "Serve Khabar with Granian (production server)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default: 1 with a local-memory cache, else one per core)",
        )
        parser.add_argument("--threads", type=int, default=4, help="threads per worker process")

    def handle(self, *args, bind, workers, threads, **options):
        from granian import Granian
        from granian.constants import Interfaces

        address, port = parse_bind(bind)
        local_cache = "locmem" in settings.CACHES["default"]["BACKEND"]
        if workers is None:
            workers = 1 if local_cache else multiprocessing.cpu_count()
        if local_cache and workers > 1:
            self.stderr.write(
                "تنبيه: ذاكرة التخزين المؤقت محلية لكل عملية؛ استخدم CACHE_URL=redis://… مع أكثر من عامل واحد.\n"
                "Warning: the local-memory cache is per process; set CACHE_URL=redis://… for several workers."
            )
        connections.close_all()  # workers are forked from this process: none inherits a connection
        server = Granian(
            TARGET,
            address=address,
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=threads,
            websockets=False,
            log_access=False,
            respawn_failed_workers=True,
            workers_kill_timeout=GRACEFUL_SECONDS,
        )
        server.serve(target_loader=load_application)
