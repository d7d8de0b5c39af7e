"""The story parser on files that vary the format, and on files that are not stories."""

import pytest

from editorial.services.stories import StoryFormatError, story_decode, story_parse

STORY = """World

Talks “resume” in Geneva — again

Delegates met on Monday.

They agreed to meet again.

Ana Lima

Ana Lima covers diplomacy from Geneva.
"""


def test_a_plain_story():
    story = story_parse(STORY)
    assert story.section == "World"
    assert story.headline == "Talks “resume” in Geneva — again"
    assert story.paragraphs == ["Delegates met on Monday.", "They agreed to meet again."]
    assert story.author_name == "Ana Lima"
    assert story.author_bio == "Ana Lima covers diplomacy from Geneva."


def test_no_bio():
    story = story_parse("World\n\nHeadline here\n\nOne paragraph.\n\nAna Lima\n")
    assert story.author_name == "Ana Lima"
    assert story.author_bio == ""
    assert story.paragraphs == ["One paragraph."]


def test_accented_names_and_curly_quotes_are_kept():
    text = (
        "Économie\n\nL’euro « recule » face au dollar\n\n"
        "“We’re watching,” said Zoë Müller.\n\nJosé Álvarez-Núñez\n\nJosé écrit sur l’économie.\n"
    )
    story = story_parse(text)
    assert story.section == "Économie"
    assert story.headline == "L’euro « recule » face au dollar"
    assert story.paragraphs == ["“We’re watching,” said Zoë Müller."]
    assert story.author_name == "José Álvarez-Núñez"
    assert story.author_bio == "José écrit sur l’économie."


def test_chrome_anywhere_is_dropped():
    text = (
        "World\n\nShare\n\nHeadline here\n\nAdvertisement\n\nFirst paragraph.\n\n"
        "Read more »\nSecond paragraph.\n\nRelated Articles\n\nAna Lima\n\nClose\n\n"
        "She reports.\n\nShare this article\n"
    )
    story = story_parse(text)
    assert story.headline == "Headline here"
    assert story.paragraphs == ["First paragraph.", "Second paragraph."]
    assert story.author_name == "Ana Lima"
    assert story.author_bio == "She reports."
    assert "Advertisement" in story.dropped_chrome
    assert "Read more »" in story.dropped_chrome


def test_windows_line_endings_and_bom():
    data = ("\ufeff" + STORY).replace("\n", "\r\n").encode("utf-8")
    story = story_parse(story_decode(data))
    assert story.section == "World"
    assert story.paragraphs == ["Delegates met on Monday.", "They agreed to meet again."]
    assert story.author_bio == "Ana Lima covers diplomacy from Geneva."


def test_hard_wrapped_paragraphs_are_joined():
    story = story_parse("World\n\nHeadline here\n\nA paragraph that\nwraps over lines.\n\nAna Lima\n")
    assert story.paragraphs == ["A paragraph that wraps over lines."]


def test_bio_straight_under_the_name():
    story = story_parse("World\n\nHeadline here\n\nOne paragraph.\n\nBy Ana Lima\nShe covers diplomacy.\n")
    assert story.author_name == "Ana Lima"
    assert story.author_bio == "She covers diplomacy."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n \r\n", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (b"%PDF-1.4\n\x01\x02\x03\x04\x05 stream", "not a text file"),
        ("World\n\nCaf\u00e9 headline\n\nBody.\n\nAna Lima\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_files_that_are_not_text_are_refused(data, reason):
    with pytest.raises(StoryFormatError, match=reason):
        story_parse(story_decode(data))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("World\n", "no headline"),
        ("World\n\nJust a headline\n", "no body"),
        ("World\n\nJust a headline\n\nRelated Articles\n\nClose\n", "no body"),
        ("World\n\nHeadline\n\nAna Lima\n", "no body"),
        ("World\n\nHeadline\n\nA paragraph.\n\nAnother paragraph.\n", "no byline"),
        ("Talks resume in Geneva after a long pause.\n\nDelegates met.\n\nAna Lima\n", "section name"),
        ("World\nHeadline on the next line\n\nBody.\n\nAna Lima\n", "section name"),
        ("World\n\n" + "Long headline " * 30 + "\n\nAna Lima\n", "longer than 300"),
    ],
)
def test_files_missing_a_part_are_refused_with_the_reason(text, reason):
    with pytest.raises(StoryFormatError, match=reason):
        story_parse(text)
