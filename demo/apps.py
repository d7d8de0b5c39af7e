from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark content: the sample stories and actors, and the generator of big archives."""

    name = "demo"
    verbose_name = "Demo content"
