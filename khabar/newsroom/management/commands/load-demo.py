"""``khabar load-demo``: the demo newsroom, loaded once (a second run does nothing)."""

from django.core.management.base import BaseCommand, CommandError

from khabar.newsroom.demo import already_loaded, demo_loaded, load_demo, point_site_at_base_url


class Command(BaseCommand):
    help = "Load the demo stories, authors and pictures (once), and point the site at KHABAR_BASE_URL."

    def handle(self, *args, **options):
        if already_loaded():
            # `make run BIND=…` may serve the site on another address than last time.
            point_site_at_base_url()
            self.stdout.write("Demo content already loaded: nothing to do.")
            return
        try:
            created = load_demo()
        except LookupError as error:  # no home page: the database is not migrated
            raise CommandError(str(error)) from None
        # The comments app sits above the newsroom; its demo discussion is its own.
        comments = sum(
            added for _, added in demo_loaded.send(sender=self.__class__) if isinstance(added, int)
        )
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {created} stories, {comments} comments."))
