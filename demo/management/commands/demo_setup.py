import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.urls import reverse

from articles.models import Article

DEMO_STORIES = Path(settings.BASE_DIR) / "demo" / "stories"
EDITOR_USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Load the demo stories into an empty database, create an editor account if there is none, and say "
        "where the site is and how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--address", default="127.0.0.1:8000", help="HOST:PORT the site is about to be served at (for the summary)."
        )

    def handle(self, *args, address, **options):
        if Article.objects.exists():
            self.stdout.write("The database already has articles: demo content not loaded.")
        else:
            # The actors the demo stories name, so the importer tags them (kind and aliases).
            call_command("loaddata", "demo_actors", stdout=self.stdout)
            call_command("import_stories", str(DEMO_STORIES), stdout=self.stdout, stderr=self.stderr)
        user_model = get_user_model()
        editors = user_model.objects.filter(is_superuser=True, is_active=True).order_by("pk")
        password = None
        if not editors.exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username=EDITOR_USERNAME, email="", password=password)
        username = editors.values_list(user_model.USERNAME_FIELD, flat=True).first()
        # Last, after the import's many lines, so that nobody has to scroll back for it.
        site = f"http://{address}"
        lines = [
            "",
            "Newsroom is ready.",
            f"  Site:      {site}/",
            f"  Admin:     {site}{reverse('admin:index')}",
        ]
        if password:
            lines.append(f"  Sign in:   user name “{username}”, password “{password}” (new account; shown once)")
        else:
            lines.append(f"  Sign in:   as “{username}”, with the password you were given")
        lines += [
            f"  Password forgotten? .venv/bin/python manage.py changepassword {username}",
            "  Another host or port: make run HOST=0.0.0.0 PORT=8080",
            "",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
