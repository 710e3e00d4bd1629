from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from khabar.backup.archive import BackupError, restore
from khabar.core.models import CacheTag
from khabar.core.pagecache import invalidate, shared_tags


class Command(BaseCommand):
    help = "Restore the database and the media folder from a backup made by `khabar backup`."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database and media folder that are not empty"
        )

    def handle(self, *args, dir, force, **options):
        try:
            manifest = restore(dir, force=force)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        cache.clear()  # cached pages show the content the restore replaced
        # Running processes keep pages and values of their own in front of the cache, checked against the
        # tag versions: every tag the restored database knows, and those every page reads, change now.
        invalidate(*CacheTag.objects.values_list("tag", flat=True), *shared_tags())
        self.stdout.write(
            f"استُعيدت النسخة المأخوذة في {manifest['created_at']}؛ شغّل khabar migrate إن كان خبر أحدث منها.\n"
            f"Restored the backup taken at {manifest['created_at']}; run khabar migrate if Khabar is newer."
        )
