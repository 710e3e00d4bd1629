from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from khabar.backup.archive import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the media folder into DIR (a new or empty folder)."

    def add_arguments(self, parser):
        parser.add_argument("dir", type=Path)

    def handle(self, *args, dir, **options):
        try:
            manifest = backup(dir)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(
            f"نسخة احتياطية في {dir}: قاعدة {manifest['engine']} و{manifest['media']['files']} ملف وسائط.\n"
            f"Backed up to {dir}: {manifest['engine']} database and {manifest['media']['files']} media files."
        )
