"""What other apps add to every story: on its cards, on its page, in its structured data and sitemap.

Articles knows nothing of them. An app describes its addition once, as a `StoryExtension`, and
registers it from its AppConfig.ready() (liveblogs registers live coverage). The story cards, the
story page, its JSON-LD and the news sitemap ask every registered extension; with none they are
exactly what articles makes alone.

An extension keeps what cards show in a row joined one-to-one to the story (`related`), fetched
with the story by every list (`select_related`), so a card costs no query more.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Article


class StoryExtension:
    """One app's addition to stories. Every method has a default that adds nothing."""

    # The reverse one-to-one relation fetched with every story of a list ("liveblog"), or "".
    related: str = ""
    # Templates included, with the story page's context, in the page's <head>, under its header and
    # after its body; and in each card's meta, with `article`.
    head_template: str = ""
    header_template: str = ""
    body_template: str = ""
    card_template: str = ""

    def card_fingerprint(self, article: Article) -> tuple:
        """Everything `card_template` shows of `article`, so a kept card changes when it does."""
        return ()

    def page_context(self, *, article: Article, request: HttpRequest) -> dict:
        """What the story page's templates of this extension need (their queries go here)."""
        return {}

    def json_ld(self, *, article: Article, data: dict, request: HttpRequest) -> dict:
        """The story's schema.org JSON-LD, as this extension would have it."""
        return data

    def last_modified(self, article: Article) -> datetime | None:
        """When the story changed for readers through this extension, if later than the story itself."""
        return None


_extensions: list[StoryExtension] = []


def story_extension_register(extension: StoryExtension) -> None:
    """Add an extension; apps call it from their AppConfig.ready()."""
    _extensions.append(extension)


def story_extensions() -> list[StoryExtension]:
    return list(_extensions)


def story_relations() -> list[str]:
    """The one-to-one relations every list of stories fetches with them."""
    return [extension.related for extension in _extensions if extension.related]


def with_extensions(queryset: QuerySet[Article], *, prefix: str = "") -> QuerySet[Article]:
    """`queryset` fetching what extensions show on cards; `prefix` when the stories are a relation ("article__")."""
    relations = [f"{prefix}{relation}" for relation in story_relations()]
    return queryset.select_related(*relations) if relations else queryset


def story_last_modified(article: Article) -> datetime:
    """When the story last changed for its readers, extensions included (sitemaps, feeds)."""
    moments = [extension.last_modified(article) for extension in _extensions]
    return max([article.last_modified, *(moment for moment in moments if moment is not None)])


def story_page_context(*, article: Article, request: HttpRequest) -> dict:
    context = {}
    for extension in _extensions:
        context.update(extension.page_context(article=article, request=request))
    return context


def story_json_ld(*, article: Article, data: dict, request: HttpRequest) -> dict:
    for extension in _extensions:
        data = extension.json_ld(article=article, data=data, request=request)
    return data
