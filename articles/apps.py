from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from .listings import Listing, listing_register
        from .models import Section

        listing_register(
            Listing(
                model=Section,
                articles_lookup="section",
                url_name="articles:section",
                api_fields=("slug", "name", "description"),
            )
        )
