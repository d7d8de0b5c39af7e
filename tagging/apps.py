from django.apps import AppConfig


class TaggingConfig(AppConfig):
    """Actors and countries: the taggers, suggestions, merging, and the pages and dossiers about them."""

    name = "tagging"
    verbose_name = "Actors and countries"

    def ready(self):
        from articles.listings import listing_register

        from .listings import ACTORS, COUNTRIES

        listing_register(ACTORS)
        listing_register(COUNTRIES)
