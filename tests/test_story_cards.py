"""Story cards kept by what they show: the same HTML as rendering each card, read with one get_many,
and a change to anything a card shows (story, section, byline, picture) shows on the next page made."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from articles import selectors  # noqa: F401  (the list pages' reads)
from articles.models import Article
from serving import fragments

from .factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE = False  # every request makes its page: what the fragments are for


@pytest.fixture
def stories():
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Caroline Finnegan", slug="caroline-finnegan")
    return [ArticleFactory(headline=f"Story {n}", section=section, authors=[author]) for n in range(5)]


@pytest.fixture
def renders(monkeypatch):
    """How many cards were rendered rather than read from the cache (the real rendering still runs)."""
    count = []
    real = fragments.fragments_get_or_render

    def counting(*, kind, items, fingerprint, render):
        def rendering(item):
            count.append(item.pk)
            return render(item)

        return real(kind=kind, items=items, fingerprint=fingerprint, render=rendering)

    monkeypatch.setattr("articles.templatetags.cards.fragments_get_or_render", counting)
    return count


def cards_of(html: str) -> str:
    start = html.index('<div class="story-list">')
    return html[start : html.index("</div>\n", html.rindex("</article>")) + 6]


def test_cards_are_the_html_of_each_card_rendered_on_its_own(client, stories):
    html = client.get(reverse("articles:list")).content.decode()
    articles = (
        Article.objects.published()
        .select_related("section")
        .prefetch_related("bylines__author")
        .order_by("-published_at", "-pk")
    )
    expected = Template(
        '<div class="story-list">\n  {% for article in articles %}'
        '{% include "includes/_article_card.html" with heading_level=2 variant="row" %}{% endfor %}\n</div>'
    ).render(Context({"articles": articles}))
    assert cards_of(html) == expected
    assert cards_of(client.get(reverse("articles:list")).content.decode()) == expected  # from the cache too


def test_a_list_made_again_reads_its_cards_and_renders_none(client, stories, renders):
    client.get(reverse("articles:list"))
    assert len(renders) == 5
    renders.clear()
    response = client.get(reverse("articles:list"))
    assert renders == [] and b"Story 4" in response.content
    # The section's and the author's lists share the same cards (same heading level).
    client.get(reverse("articles:section", kwargs={"slug": "world"}))
    client.get(reverse("authors:detail", kwargs={"slug": "caroline-finnegan"}))
    assert renders == []


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (lambda story: Article.objects.filter(pk=story.pk).update(headline="Ceasefire declared"), "Ceasefire declared"),
        (lambda story: Article.objects.filter(pk=story.pk).update(dek="Talks end in Geneva."), "Talks end in Geneva."),
        (lambda story: Article.objects.filter(pk=story.pk).update(slug="ceasefire"), "/articles/ceasefire/"),
        (lambda story: story.section.__class__.objects.filter(pk=story.section_id).update(name="Africa"), "Africa"),
        (lambda story: story.bylines.first().author.__class__.objects.update(name="C. Finnegan"), "C. Finnegan"),
    ],
    ids=["headline", "dek", "address", "section name", "byline"],
)
def test_any_change_to_what_a_card_shows_shows_on_the_next_list(client, stories, change, shown):
    # Bulk updates: no signal, no purge. A card is new because its key is what it shows.
    assert shown not in client.get(reverse("articles:list")).content.decode()
    change(stories[0])
    assert shown in client.get(reverse("articles:list")).content.decode()


def test_search_results_are_rendered_with_their_snippets(client, stories, renders):
    response = client.get(reverse("articles:list"), {"q": "Story"})
    assert response.status_code == 200 and renders == []  # not through the fragment cache
    assert b"Story 3" in response.content and b'class="snippet"' in response.content


def test_an_unreachable_or_empty_cache_only_means_rendering_again(client, stories, renders):
    client.get(reverse("articles:list"))
    cache.clear()
    renders.clear()
    assert b"Story 2" in client.get(reverse("articles:list")).content and len(renders) == 5
