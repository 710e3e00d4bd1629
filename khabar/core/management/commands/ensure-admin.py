"""``khabar ensure-admin``: make sure an administrator can log in, and say how.

Creates the ``admin`` superuser once, with a random password kept in
``var/admin_password`` (readable by the owner only), and prints the
credentials every time so `make run` can show them.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account once and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model()
        path = settings.VAR_DIR / "admin_password"
        if not users.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            users.objects.create_superuser(username=username, email="", password=password)
            path.write_text(password)
            path.chmod(0o600)
        password = (
            path.read_text().strip() if path.exists() else "(غير معروفة — استخدم khabar changepassword)"
        )
        self.stdout.write(f"لوحة التحرير / admin: {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"  username: {username}\n  password: {password}")
