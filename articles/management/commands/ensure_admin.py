"""python manage.py ensure_admin — make sure a superuser can log in to the admin locally.

The password is random, generated once, and kept in var/admin-password (mode 600),
never in the repository or in logs.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Create the local admin user with a random password kept in var/admin-password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options) -> None:
        password_file = settings.VAR_DIR / "admin-password"
        User = get_user_model()
        username = options["username"]
        if not User.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email="", password=password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            self.stdout.write(f"created admin user {username!r}")
        where = password_file if password_file.exists() else "the password you set earlier"
        self.stdout.write(f"admin login: user {username!r}, password in {where}")
