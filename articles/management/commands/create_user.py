"""python manage.py create_user NAME --group editors — an admin login in one of the groups.

The password is read from standard input (--password-stdin) or asked for twice on
the terminal; it is never taken from the command line, printed or logged.
"""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.groups import EDITORS, READERS, REVIEWERS, setup_groups


class Command(BaseCommand):
    help = "Create a staff user in the editors, reviewers or readers group."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--group", required=True, choices=[EDITORS, REVIEWERS, READERS])
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"user {options['username']!r} already exists")
        password = self._password(options["password_stdin"])
        user = User(username=options["username"], email=options["email"], is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        setup_groups()
        user.groups.add(Group.objects.get(name=options["group"]))
        self.stdout.write(f"created {options['username']!r} in {options['group']}")

    @staticmethod
    def _password(from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the passwords differ")
        return first
