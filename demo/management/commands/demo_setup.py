import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.models import Article

DEMO_STORIES = Path(settings.BASE_DIR) / "demo" / "stories"


class Command(BaseCommand):
    help = "Load the demo stories into an empty database and create an editor account if there is none."

    def handle(self, *args, **options):
        if Article.objects.exists():
            self.stdout.write("The database already has articles: demo content not loaded.")
        else:
            # The actors the demo stories name, so the importer tags them (kind and aliases).
            call_command("loaddata", "demo_actors", stdout=self.stdout)
            call_command("import_stories", str(DEMO_STORIES), stdout=self.stdout, stderr=self.stderr)
        user_model = get_user_model()
        if not user_model.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            user_model.objects.create_superuser(username="editor", email="", password=password)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created the editor account: user name “editor”, password “{password}” (shown once)."
                )
            )
