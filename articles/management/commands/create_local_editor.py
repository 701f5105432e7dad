"""Create a local editor account with a generated password, once."""
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the local editor account and print its generated password. "
        "Does nothing if the account exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin login: user '{username}' (password printed when it was "
                f"created; reset it with `manage.py changepassword {username}`)."
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username, password=password, is_staff=True, is_superuser=True
        )
        user.groups.add(*Group.objects.filter(name="Editor"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: user '{username}', password '{password}' "
                "(shown once; keep it)."
            )
        )
