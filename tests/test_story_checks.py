"""The content checks before publishing, one by one."""

from editorial.checks import HEADLINE_SHOWN_CHARS, body_empty_links_count, story_checks

GOOD = {
    "headline": "Talks resume in Geneva",
    "dek": "Envoys met again.",
    "body": '<p>See <a href="https://example.org">the report</a>.</p>',
    "has_picture": True,
    "picture_alt": "The Palais des Nations",
    "actors": [],
    "countries": ["Switzerland"],
}


def names(**changes):
    return [(check.name, check.blocking) for check in story_checks(**{**GOOD, **changes})]


def test_a_complete_story_passes_every_check():
    assert names() == []


def test_only_missing_alt_text_blocks():
    assert names(picture_alt="  ") == [("alt", True)]
    assert names(has_picture=False, picture_alt="") == []
    assert names(dek="") == [("dek", False)]
    assert names(countries=[]) == [("tags", False)]
    assert names(countries=[], actors=["Khalifa Haftar"]) == []
    assert names(headline="x" * HEADLINE_SHOWN_CHARS) == []
    assert names(headline="x" * (HEADLINE_SHOWN_CHARS + 1)) == [("headline", False)]


def test_links_with_no_text_are_counted():
    assert body_empty_links_count(body='<p><a href="/a"> </a> <a href="/b">b</a> <a href="/c"><em></em></a></p>') == 2
    assert names(body='<p><a href="/a"></a></p>') == [("links", False)]
