from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """How stories are made: roles, status changes, history, previews, the desk and story import."""

    name = "editorial"
    verbose_name = "Editorial"

    def ready(self):
        from articles.access import unpublished_access_register

        from . import revisions  # noqa: F401  (registers articles, bylines and tags with django-reversion)
        from .previews import PreviewLinks

        unpublished_access_register(PreviewLinks())
