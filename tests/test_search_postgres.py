"""PostgreSQL full-text search: weighted ranking, web-search syntax, a vector that stays current, the GIN index."""

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from articles.search import articles_search

from .factories import ArticleFactory, SectionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db,
]


def found(text: str) -> list[str]:
    return [article.headline for article in articles_search(queryset=Article.objects.published(), text=text)]


def test_headline_match_beats_dek_and_body_matches():
    ArticleFactory(headline="Council budget", dek="Spending on ports.", body="<p>The harbour needs work.</p>")
    ArticleFactory(headline="Harbour reopens", dek="Ships return.", body="<p>Crowds watched.</p>")
    ArticleFactory(headline="Trade figures", dek="The harbour was busy.", body="<p>Exports up.</p>")
    assert found("harbour") == ["Harbour reopens", "Trade figures", "Council budget"]


def test_words_are_matched_by_their_stem():
    ArticleFactory(headline="Rivers flooded overnight")
    assert found("flooding river") == ["Rivers flooded overnight"]


def test_phrase_or_and_exclusion_follow_web_search_syntax():
    ArticleFactory(headline="Unity government formed", body="<p>In Tripoli.</p>")
    ArticleFactory(headline="Government seeks unity", body="<p>In Benghazi.</p>")
    ArticleFactory(headline="Oil exports halted", body="<p>At the port.</p>")
    assert found('"unity government"') == ["Unity government formed"]
    assert sorted(found("unity -tripoli")) == ["Government seeks unity"]
    assert sorted(found("benghazi or oil")) == ["Government seeks unity", "Oil exports halted"]


def test_search_vector_follows_every_kind_of_write():
    story = ArticleFactory(headline="Quiet day")
    Article.objects.filter(pk=story.pk).update(dek="A zebra escaped from the zoo.")
    assert found("zebra") == ["Quiet day"]
    story.refresh_from_db()
    story.headline = "Giraffe returns"
    story.save()
    assert found("giraffe") == ["Giraffe returns"]
    assert found("quiet") == []
    Article.objects.bulk_create(
        [
            Article(
                headline="Bulk loaded okapi",
                slug="bulk-okapi",
                section=story.section,
                body="<p>Imported.</p>",
                status=Article.Status.PUBLISHED,
                published_at=timezone.now(),
            )
        ]
    )
    assert found("okapi") == ["Bulk loaded okapi"]


def test_snippet_marks_the_words_in_the_body():
    ArticleFactory(headline="Port report", body="<p>The <em>harbour</em> master said ships & boats wait.</p>")
    [article] = articles_search(queryset=Article.objects.published(), text="harbour ships")
    assert "\ue000harbour\ue001" in article.search_headline
    assert "<em>" not in article.search_headline


def test_gin_index_serves_searches_at_ten_thousand_articles():
    """Builds 10,000 stories with bulk_create (the trigger fills the vectors) and reads the plan."""
    section = SectionFactory()
    now = timezone.now()
    topics = ["budget", "election", "weather", "football", "harbour", "museum", "railway", "vaccine"]
    Article.objects.bulk_create(
        [
            Article(
                headline=f"{topics[n % len(topics)].title()} story number {n}",
                slug=f"bulk-story-{n}",
                section=section,
                dek=f"What happened with the {topics[(n * 3) % len(topics)]}.",
                body=f"<p>Paragraph about the {topics[(n * 5) % len(topics)]} in district {n}.</p>",
                status=Article.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(10_000)
        ],
        batch_size=2_000,
    )
    ArticleFactory(headline="The only zeppelin story", section=section)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: merge GIN's pending list and refresh statistics.
        cursor.execute("SELECT gin_clean_pending_list('article_search_gin')")
        cursor.execute("ANALYZE articles_article")
    queryset = articles_search(queryset=Article.objects.published(), text="zeppelin")
    plan = queryset.explain()
    assert "article_search_gin" in plan, plan
    assert [article.headline for article in queryset] == ["The only zeppelin story"]
