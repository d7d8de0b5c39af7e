from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        # Registers articles, bylines and tags with django-reversion.
        from . import revisions  # noqa: F401
