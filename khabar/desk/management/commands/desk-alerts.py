"""Alert the desk about wire items that changed under a translation (run it after each wire poll)."""

from django.core.management.base import BaseCommand

from khabar.desk.versions import alert_changed_sources


class Command(BaseCommand):
    help = "E-mail translators and editors the English diff of wire items that changed under a translation."

    def handle(self, *args, **options):
        count = alert_changed_sources()
        self.stdout.write(f"{count} translation(s) alerted")
