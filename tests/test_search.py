"""Search as a reader uses it: /search/ and q on /articles/, on any database."""

import re

import pytest
from django.urls import reverse

from articles.search import query_parse, snippet_highlight

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")


def result_headlines(response) -> list[str]:
    return re.findall(r'class="card-headline"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def stories():
    return {
        "body": ArticleFactory(
            headline="Council meets again",
            body="<p>The mayor spoke about the flood defences and the river.</p>",
        ),
        "headline": ArticleFactory(headline="Flood waters reach the old town", body="<p>Streets were closed.</p>"),
        "other": ArticleFactory(headline="Markets rally", body="<p>Shares rose on Monday.</p>"),
    }


def test_search_page_without_a_query_explains_how_to_search(client, stories):
    response = client.get(SEARCH)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'type="search" name="q"' in content
    assert "finds the exact phrase" in content
    assert result_headlines(response) == []


def test_headline_match_ranks_above_body_match(client, stories):
    response = client.get(SEARCH, {"q": "flood"})
    assert result_headlines(response) == ["Flood waters reach the old town", "Council meets again"]
    assert "2 stories match “flood”" in response.content.decode()


def test_results_show_a_highlighted_snippet(client, stories):
    content = client.get(SEARCH, {"q": "river"}).content.decode()
    [snippet] = re.findall(r'<p class="snippet">(.*?)</p>', content)
    assert "<mark>river</mark>" in snippet
    assert "mayor spoke" in snippet


def test_snippet_escapes_the_story_text(client):
    ArticleFactory(headline="Markup guide", body="<p>Write &lt;b&gt;bold&lt;/b&gt; near the harbour.</p>")
    content = client.get(SEARCH, {"q": "harbour"}).content.decode()
    [snippet] = re.findall(r'<p class="snippet">(.*?)</p>', content)
    assert "<b>" not in snippet
    assert "&lt;b&gt;bold" in snippet and "<mark>harbour</mark>" in snippet


def test_quoted_phrase_and_excluded_word(client):
    ArticleFactory(headline="Unity government formed", body="<p>In Tripoli.</p>")
    ArticleFactory(headline="Government of unity delayed", body="<p>In Benghazi.</p>")
    ArticleFactory(headline="Unity government collapses", body="<p>Oil exports halted.</p>")
    assert sorted(result_headlines(client.get(SEARCH, {"q": '"unity government"'}))) == [
        "Unity government collapses",
        "Unity government formed",
    ]
    assert result_headlines(client.get(SEARCH, {"q": '"unity government" -oil'})) == ["Unity government formed"]


@pytest.mark.parametrize("kind", ["draft", "review", "scheduled", "embargoed"])
def test_unpublished_stories_are_never_found(client, stories, kind):
    ArticleFactory(headline="Secret flood report", **{kind: True})
    for url in (SEARCH, reverse("articles:list")):
        assert "Secret flood report" not in result_headlines(client.get(url, {"q": "flood"}))


def test_q_on_the_article_list_combines_with_other_filters(client):
    world = SectionFactory(slug="world")
    ArticleFactory(headline="Flood in Lagos", section=world)
    ArticleFactory(headline="Flood insurance costs", section=SectionFactory(slug="business"))
    response = client.get(reverse("articles:list"), {"q": "flood", "section": "world"})
    assert result_headlines(response) == ["Flood in Lagos"]
    assert 'class="snippet"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["!!!", '"', "-", "---flood", "the", "a OR", '"" - -- & | ! ( ) :*', "ümlaut ß 東京", "x" * 200, "' OR 1=1 --"],
)
def test_odd_queries_get_a_helpful_page(client, stories, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert "match" in content


@pytest.mark.parametrize("query", ["x" * 201, "flood\x00"])
def test_unusable_queries_say_why(client, stories, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert "This search could not be run" in response.content.decode()
    assert result_headlines(response) == []


@pytest.mark.parametrize("count", [2, 50])
def test_search_queries_do_not_grow_with_results(client, django_assert_num_queries, count):
    for n in range(count):
        ArticleFactory(headline=f"Flood report {n}")
    # count, page of articles, bylines, navigation sections
    with django_assert_num_queries(4):
        response = client.get(SEARCH, {"q": "flood"})
    assert len(result_headlines(response)) == min(count, 20)


def test_query_parse_reads_phrases_and_exclusions():
    parsed = query_parse(text='"river rose" flood -fire -"big fire" ((( ---')
    assert parsed.include == ("river rose", "flood")
    assert parsed.exclude == ("fire", "big fire")
    assert query_parse(text="!!! ---").is_empty


def test_snippet_highlight_centres_on_the_first_match():
    text = "filler " * 100 + "the flood came" + " more" * 100
    snippet = snippet_highlight(text=text, terms=("flood",))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "the <mark>flood</mark> came" in snippet
