"""Plain-text story files: reading them (a pure function) and importing them as articles."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from authors.models import Author

from ..models import Article, Byline, Section
from ..slugs import slug_unique

# Lines a web page wraps around a story: they are never part of it.
PAGE_CHROME = {
    "advertisement",
    "close",
    "comments",
    "continue reading",
    "follow us",
    "read more",
    "related",
    "related articles",
    "related stories",
    "share",
    "share this article",
    "share this",
    "sponsored",
    "subscribe",
    "you may also like",
}
NAME_MAX_WORDS = 6
NAME_MAX_LENGTH = 60
NAME_PARTICLES = {"al", "bin", "da", "de", "del", "della", "der", "di", "du", "el", "la", "le", "van", "von", "y"}


class StoryFormatError(ValueError):
    """A story file that cannot be imported; the message is written for an editor."""


@dataclass(frozen=True)
class Story:
    section: str
    headline: str
    paragraphs: list[str]
    author_name: str
    author_bio: str = ""
    dropped_chrome: list[str] = field(default_factory=list)

    @property
    def body_html(self) -> str:
        return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs)


def story_decode(data: bytes) -> str:
    """The text of a story file, or a StoryFormatError saying why it is not a text file."""
    if not data.strip():
        raise StoryFormatError("The file is empty.")
    if b"\x00" in data:
        raise StoryFormatError("This is not a text file (it looks like a binary file).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryFormatError(
            f"The file is not UTF-8 text (unreadable byte at position {error.start}); save it as UTF-8 and try again."
        ) from None
    if any(ord(char) < 32 and char not in "\t\n\r\f" for char in text):
        raise StoryFormatError("This is not a text file (it contains control characters).")
    return text


def _is_chrome(block: str) -> bool:
    return block.strip(" .:!›»>|").casefold() in PAGE_CHROME


def _looks_like_name(block: str) -> bool:
    """A byline: one short line of capitalised words with no sentence punctuation."""
    if "\n" in block or len(block) > NAME_MAX_LENGTH:
        return False
    if re.search(r"[!?;:,\"“”()\d]", block) or block.endswith("."):
        return False
    words = block.split()
    if not 2 <= len(words) <= NAME_MAX_WORDS:
        return False
    return all(word[0].isupper() or word.casefold() in NAME_PARTICLES for word in words)


def story_parse(text: str) -> Story:
    """Read a story from its text: section, headline, body paragraphs, byline and bio.

    Blocks are separated by blank lines; page chrome ("Related Articles", "Close", ...) is dropped.
    Raises StoryFormatError with a message an editor understands when the text is not a story.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    raw_blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    blocks = []
    for raw in raw_blocks:
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    if not blocks:
        raise StoryFormatError("The file is empty.")

    section_lines = blocks[0]
    if len(section_lines) != 1 or len(section_lines[0]) > 100:
        raise StoryFormatError("The first block must be the section name, alone on one line (for example “World”).")
    if len(blocks) < 2:
        raise StoryFormatError("There is no headline: the second block of the file must be the headline.")
    headline = " ".join(blocks[1])

    rest, dropped = [], []
    for lines in blocks[2:]:
        joined = " ".join(lines)
        if _is_chrome(joined):
            dropped.append(joined)
        else:
            rest.append(joined)

    byline_index = None
    if rest and _looks_like_name(rest[-1]):
        byline_index = len(rest) - 1
    elif len(rest) >= 2 and _looks_like_name(rest[-2]):
        byline_index = len(rest) - 2
    paragraphs = rest[:byline_index] if byline_index is not None else rest
    if not paragraphs:
        raise StoryFormatError("There is no body: the headline must be followed by at least one paragraph.")
    if byline_index is None:
        raise StoryFormatError(
            "There is no byline: after the last paragraph, put the author's name alone on a line "
            "(optionally followed by one paragraph of bio)."
        )
    bio = rest[byline_index + 1] if byline_index + 1 < len(rest) else ""
    return Story(
        section=section_lines[0],
        headline=headline,
        paragraphs=paragraphs,
        author_name=rest[byline_index],
        author_bio=bio,
        dropped_chrome=dropped,
    )


@dataclass
class ImportResult:
    article: Article
    created: bool
    notes: list[str] = field(default_factory=list)


def section_get_or_create(*, name: str) -> Section:
    section = Section.objects.filter(name__iexact=name).first()
    if section is None:
        section = Section.objects.create(name=name, slug=slug_unique(model=Section, text=name, max_length=100))
    return section


def author_get_or_create(*, name: str, bio: str = "") -> tuple[Author, list[str]]:
    """The author called `name` (any case), created if new; an empty bio is filled from `bio`."""
    notes = []
    author = Author.objects.filter(name__iexact=name).first()
    if author is None:
        author = Author.objects.create(name=name, slug=slug_unique(model=Author, text=name), bio=bio)
    elif bio and not author.bio:
        author.bio = bio
        author.save(update_fields=["bio"])
    elif bio and author.bio.strip() != bio.strip():
        notes.append(f"{author.name} already has a different bio; it was kept (the file says: “{bio}”).")
    return author, notes


def story_import(*, story: Story, published_at: datetime | None = None, draft: bool = False) -> ImportResult:
    """Create the article for `story`, or update it if the same headline by the same author exists.

    Imported articles are published at `published_at` (default: now) unless `draft` is set.
    """
    with transaction.atomic():
        section = section_get_or_create(name=story.section)
        author, notes = author_get_or_create(name=story.author_name, bio=story.author_bio)
        article = (
            Article.objects.select_for_update()
            .filter(headline=story.headline, bylines__author=author)
            .order_by("id")
            .first()
        )
        created = article is None
        if created:
            article = Article(
                headline=story.headline, slug=slug_unique(model=Article, text=story.headline, max_length=300)
            )
        article.section = section
        article.body = story.body_html
        if draft:
            article.status = Article.Status.DRAFT
        else:
            article.status = Article.Status.PUBLISHED
            article.published_at = published_at or article.published_at or timezone.now()
        article.save()
        if created:
            Byline.objects.create(article=article, author=author, position=0)
    return ImportResult(article=article, created=created, notes=notes)
