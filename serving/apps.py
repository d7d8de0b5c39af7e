from django.apps import AppConfig


class ServingConfig(AppConfig):
    """How pages reach readers quickly: the page cache, conditional GET and health checks."""

    name = "serving"
    verbose_name = "Serving"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers receivers and system checks)
        from .dependencies import shown_models_connect

        shown_models_connect()
