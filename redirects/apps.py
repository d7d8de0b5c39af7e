from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    """Old addresses that answer 301 to where their page lives now: slug changes, merges, imports, editors' own."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "redirects"
    verbose_name = "Redirects"

    def ready(self):
        from . import signals  # noqa: F401
