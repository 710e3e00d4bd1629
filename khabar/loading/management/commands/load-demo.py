"""``khabar load-demo``: the demo newsroom, loaded once (a second run does nothing)."""

from django.core.management.base import BaseCommand, CommandError

from khabar.loading.demo import load_demo_site
from khabar.newsroom.demo import already_loaded, point_site_at_base_url


class Command(BaseCommand):
    help = "Load the demo stories, authors and pictures (once), and point the site at KHABAR_BASE_URL."

    def handle(self, *args, **options):
        if already_loaded():
            # `make run BIND=…` may serve the site on another address than last time.
            point_site_at_base_url()
            self.stdout.write("Demo content already loaded: nothing to do.")
            return
        try:
            created, comments = load_demo_site()
        except LookupError as error:  # no home page: the database is not migrated
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {created} stories, {comments} comments."))
