from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = "Authors"

    def ready(self):
        from articles.listings import Listing, listing_register
        from articles.widgets import CachedSelect

        from .models import Author

        listing_register(
            Listing(
                model=Author,
                articles_lookup="bylines__author",
                url_name="authors:detail",
                api_fields=("slug", "name", "bio"),
                filter_widget=CachedSelect,
            )
        )
