"""Compression: reader pages, feeds, sitemaps and the API in brotli or gzip as accepted, stored pages
compressed once, and nothing that carries a session or a CSRF token compressed (BREACH)."""

import gzip

import brotli
import pytest
from django.urls import reverse

from serving import compression

from .factories import ArticleFactory
from .page_cache import _page_cache_on  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@pytest.fixture
def story():
    return ArticleFactory(headline="Tripoli talks resume", body="<p>Delegations meet again.</p>" * 20)


def kinds(story) -> dict[str, str]:
    return {
        "story page": story.get_absolute_url(),
        "front page": reverse("articles:front"),
        "feed": reverse("articles:feed-latest-rss"),
        "sitemap": reverse("sitemap-section", kwargs={"section": "articles"}),
        "sitemap index": reverse("sitemap-index"),
        "api": reverse("api:article-list"),
    }


@pytest.fixture
def compressions(monkeypatch):
    """Every call of the compressor, to count how often a page is compressed (it still compresses)."""
    calls = []
    real = compression.compress

    def counting(body, encoding):
        calls.append(encoding)
        return real(body, encoding)

    monkeypatch.setattr(compression, "compress", counting)
    return calls


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_every_kind_of_page_comes_compressed_as_accepted_and_decodes_to_the_same(client, story, encoding):
    for kind, url in kinds(story).items():
        plain = client.get(url)
        assert plain.status_code == 200, kind
        assert "Content-Encoding" not in plain, kind
        for _request in range(2):  # the miss that stores it, then the hit
            packed = client.get(url, headers={"accept-encoding": f"{encoding}, deflate"})
            assert packed["Content-Encoding"] == encoding, kind
            assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content), kind
            assert DECODE[encoding](packed.content) == plain.content, kind
            assert "accept-encoding" in packed["Vary"].lower(), kind
        assert "accept-encoding" in plain["Vary"].lower(), kind


def test_brotli_is_preferred_and_a_refused_encoding_is_not_used(client, story):
    url = story.get_absolute_url()
    assert client.get(url, headers={"accept-encoding": "gzip, br"})["Content-Encoding"] == "br"
    assert client.get(url, headers={"accept-encoding": "br;q=0, gzip"})["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(url, headers={"accept-encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in client.get(url, headers={"accept-encoding": "identity"})
    assert client.get(url, headers={"accept-encoding": "*"})["Content-Encoding"] == "br"


def test_a_kept_page_is_compressed_once_when_stored_not_on_each_hit(client, story, compressions):
    url = story.get_absolute_url()
    first = client.get(url, headers={"accept-encoding": "gzip"})
    assert first["X-Page-Cache"] == "miss" and sorted(compressions) == ["br", "gzip"]
    for encoding in ["br", "gzip", "br", "gzip"]:
        hit = client.get(url, headers={"accept-encoding": encoding})
        assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == encoding
    assert hit.content == first.content  # the same stored bytes
    assert sorted(compressions) == ["br", "gzip"]


def test_pages_not_kept_are_compressed_as_they_go_out(client, story, compressions):
    response = client.get(reverse("api:article-list"), headers={"accept-encoding": "br"})
    assert response["Content-Encoding"] == "br" and compressions == ["br"]
    assert b"Tripoli talks resume" in brotli.decompress(response.content)


def test_nothing_with_a_session_is_compressed(staff_client, story):
    draft = ArticleFactory(draft=True, headline="Ceasefire declared", body="<p>Not yet.</p>" * 30)
    for url in (story.get_absolute_url(), draft.get_absolute_url(), reverse("articles:front"), reverse("admin:index")):
        response = staff_client.get(url, headers={"accept-encoding": "gzip, br"})
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url


def test_nothing_with_a_csrf_token_is_compressed(client, story):
    response = client.get(reverse("admin:login"), headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200 and b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response
    # Even once the reader holds the token's cookie, a page that puts the token in is left alone.
    response = client.get(reverse("admin:login"), headers={"accept-encoding": "gzip, br"})
    assert b"csrfmiddlewaretoken" in response.content and "Content-Encoding" not in response
    # The reader pages stay compressed for the same client.
    assert client.get(story.get_absolute_url(), headers={"accept-encoding": "br"})["Content-Encoding"] == "br"
