from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "Front pages"

    def ready(self):
        from articles.fronts import pinned_register

        from .selectors import Pins

        pinned_register(Pins())  # editors' pins go first on the front page and the section fronts
