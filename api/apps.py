from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only Content API: published stories, and the sections, authors, actors and countries they list under."""

    name = "api"
    verbose_name = "Content API"
