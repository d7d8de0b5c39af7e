from django.core.management.base import BaseCommand

from articles.models import Article

from ...services.tagging import articles_tag


class Command(BaseCommand):
    help = (
        "Tag every article with the countries and known actors its text names. "
        "Only adds tags; running it again adds nothing new."
    )

    def handle(self, *args, **options):
        summary = articles_tag(articles=Article.objects.all())
        self.stdout.write(
            f"Tagged {summary.articles} article(s): added {len(summary.countries_added)} country tag(s) "
            f"and {len(summary.actors_added)} actor tag(s) to {summary.articles_changed} of them."
        )
