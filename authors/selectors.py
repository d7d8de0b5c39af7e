"""Read logic for authors' pages."""

from django.db.models import Count, Q, QuerySet

from articles.models import Article

from .models import Author


def authors_with_counts() -> QuerySet[Author]:
    """The newsroom's journalists with at least one published story, by name, each with `story_count`."""
    published = Article.objects.published().values("pk")
    return (
        Author.objects.annotate(story_count=Count("bylines", filter=Q(bylines__article__in=published)))
        .filter(story_count__gt=0)
        .order_by("name", "pk")
    )
