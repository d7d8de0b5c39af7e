"""Plain-text story files: reading them (a pure function) and importing them as articles."""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape

from articles.models import Article, Byline, Section
from articles.slugs import slug_unique
from authors.models import Author
from tagging.services.tagging import TaggingSummary, article_tag

from ..roles import User, article_can_edit, user_can_publish

logger = logging.getLogger(__name__)

# Lines a web page wraps around a story: they are never part of it. Compared
# without case and without trailing punctuation or arrows ("Read more »").
PAGE_CHROME = {
    "ad",
    "advertisement",
    "back to top",
    "close",
    "comments",
    "continue reading",
    "email",
    "facebook",
    "follow us",
    "leave a comment",
    "linkedin",
    "loading",
    "more stories",
    "most popular",
    "most read",
    "newsletter",
    "next article",
    "previous article",
    "print",
    "read more",
    "recommended",
    "recommended for you",
    "related",
    "related articles",
    "related news",
    "related posts",
    "related stories",
    "see also",
    "share on facebook",
    "share on twitter",
    "share",
    "share this article",
    "share this",
    "sign up",
    "skip advertisement",
    "sponsored",
    "sponsored content",
    "subscribe",
    "trending",
    "trending now",
    "tweet",
    "twitter",
    "whatsapp",
    "you may also like",
}
SECTION_MAX_LENGTH = 40
SECTION_MAX_WORDS = 5
HEADLINE_MAX_LENGTH = 300
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


def _is_chrome(line: str) -> bool:
    return line.strip(" .:!…›»>|-–—").casefold() in PAGE_CHROME


def _looks_like_section(line: str) -> bool:
    return (
        len(line) <= SECTION_MAX_LENGTH and len(line.split()) <= SECTION_MAX_WORDS and not re.search(r"[.!?:;]$", line)
    )


def _byline_name(line: str) -> str | None:
    """The author's name if `line` is a byline: short capitalised words, no sentence punctuation."""
    name = re.sub(r"^by\s+", "", line, flags=re.IGNORECASE)
    if len(name) > NAME_MAX_LENGTH or re.search(r"[!?;:,\"“”()\d]", name) or name.endswith("."):
        return None
    words = name.split()
    if not 2 <= len(words) <= NAME_MAX_WORDS or not words[0][0].isupper():
        return None
    if all(word[0].isupper() or word.casefold() in NAME_PARTICLES for word in words):
        return name
    return None


def story_parse(text: str) -> Story:
    """Read a story from its text: section, headline, body paragraphs, byline and bio.

    Blocks are separated by blank lines; page chrome ("Related Articles", "Close", ...) is dropped
    wherever it stands. Raises StoryFormatError with a message an editor understands when the
    text is not a story. Pure: no database, no files.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for raw in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    if not blocks:
        raise StoryFormatError("The file is empty.")

    section_lines = blocks[0]
    if len(section_lines) != 1 or not _looks_like_section(section_lines[0]):
        raise StoryFormatError(
            "The first line must be the section name alone (for example “World”), followed by a blank line."
        )
    rest, dropped = [], []
    for lines in blocks[1:]:
        kept = []
        for line in lines:
            (dropped if _is_chrome(line) else kept).append(line)
        if kept:
            rest.append(kept)
    if not rest:
        raise StoryFormatError("There is no headline: the second block of the file must be the headline.")
    headline = " ".join(rest.pop(0))
    if len(headline) > HEADLINE_MAX_LENGTH:
        raise StoryFormatError(
            f"The headline is longer than {HEADLINE_MAX_LENGTH} characters: "
            "is the blank line between the headline and the first paragraph missing?"
        )
    if not rest:
        raise StoryFormatError("There is no body: the headline must be followed by at least one paragraph.")

    # The byline is the last name line: alone at the end, or followed by one paragraph of bio
    # (after a blank line, or straight under the name).
    author_name, author_bio, body = None, "", rest
    if len(rest[-1]) == 1 and (name := _byline_name(rest[-1][0])):
        author_name, body = name, rest[:-1]
    elif len(rest) >= 2 and len(rest[-2]) == 1 and (name := _byline_name(rest[-2][0])):
        author_name, author_bio, body = name, " ".join(rest[-1]), rest[:-2]
    elif len(rest[-1]) >= 2 and (name := _byline_name(rest[-1][0])):
        author_name, author_bio, body = name, " ".join(rest[-1][1:]), rest[:-1]
    if not body:
        raise StoryFormatError("There is no body: the headline must be followed by at least one paragraph.")
    if author_name is None:
        raise StoryFormatError(
            "There is no byline: after the last paragraph, put the author's name alone on a line "
            "(optionally followed by one paragraph of bio)."
        )
    return Story(
        section=section_lines[0],
        headline=headline,
        paragraphs=[" ".join(lines) for lines in body],
        author_name=author_name,
        author_bio=author_bio,
        dropped_chrome=dropped,
    )


@dataclass
class ImportResult:
    article: Article
    created: bool
    notes: list[str] = field(default_factory=list)
    tagging: TaggingSummary = field(default_factory=TaggingSummary)
    unchanged: bool = False  # the story was already in Newsroom exactly as the file has it


def _may(user: User | None, permission: str) -> bool:
    # Without a user the caller is the system itself (an import run by an operator).
    return user is None or user.has_perm(permission)


def story_vocabulary_check(*, story: Story, user: User | None = None) -> None:
    """Refuse (StoryFormatError) a story whose section or author is new, if `user` may not add them.

    Reporters write articles; sections and authors are the editors' to add. Checked before anything
    is written, so a refused file leaves no trace.
    """
    missing = []
    if not _may(user, "articles.add_section") and not Section.objects.filter(name__iexact=story.section).exists():
        missing.append(f"there is no section called “{story.section}” and only editors add sections")
    if not _may(user, "authors.add_author") and not Author.objects.filter(name__iexact=story.author_name).exists():
        missing.append(f"{story.author_name} is not an author in Newsroom yet and only editors add authors")
    if missing:
        reasons = "; ".join(missing)
        raise StoryFormatError(
            f"{reasons[0].upper()}{reasons[1:]}. Ask an editor to add them, or use the names already "
            "in Newsroom, then import the file again."
        )


def section_get_or_create(*, name: str) -> Section:
    section = Section.objects.filter(name__iexact=name).first()
    if section is None:
        section = Section.objects.create(name=name, slug=slug_unique(model=Section, text=name, max_length=100))
    return section


def author_get_or_create(*, name: str, bio: str = "", user: User | None = None) -> tuple[Author, list[str]]:
    """The author called `name` (any case), created if new; an empty bio is filled from `bio`.

    Only someone who may change authors fills in an existing author's bio: it is shown under every
    story of theirs, not only under this one.
    """
    notes = []
    author = Author.objects.filter(name__iexact=name).first()
    if author is None:
        author = Author.objects.create(name=name, slug=slug_unique(model=Author, text=name), bio=bio)
    elif bio and not author.bio and not _may(user, "authors.change_author"):
        notes.append(f"The bio in the file was not given to {author.name}: only editors change an author's bio.")
    elif bio and not author.bio:
        author.bio = bio
        author.save(update_fields=["bio"])
    elif bio and author.bio.strip() != bio.strip():
        notes.append(f"{author.name} already has a different bio; it was kept (the file says: “{bio}”).")
    return author, notes


def story_import(
    *,
    story: Story,
    published_at: datetime | None = None,
    draft: bool = False,
    user: User | None = None,
    tag: bool = True,
) -> ImportResult:
    """Create the article for `story`, or update it if the same headline by the same author exists.

    Imported articles are published at `published_at` (default: now) unless `draft` is set, and
    tagged with the countries and known actors they name. A draft import never unpublishes: an
    update keeps the status the story had. A file that matches the story as it stands (same
    section and body, and no publication asked that it does not already have) changes nothing:
    no new version, no revision. All or nothing: one transaction, kept as
    a revision in the article's history. With a `user` (an upload in the admin), an existing article
    is updated only if they may edit it, a new section or author is refused unless they may add
    one, and unless they may publish the story stays a draft: an update keeps the status and
    publication time it had, as every other change by a reporter does. Without `tag`, the caller
    tags the story afterwards (a big import queues its tagging: tagging/tasks.py).
    """
    may_publish = user is None or user_can_publish(user=user)
    if not draft and not may_publish:
        raise PermissionDenied("Only editors can publish articles: import them as drafts.")
    with transaction.atomic(), reversion.create_revision():
        story_vocabulary_check(story=story, user=user)
        section = section_get_or_create(name=story.section)
        author, notes = author_get_or_create(name=story.author_name, bio=story.author_bio, user=user)
        article = (
            Article.objects.select_for_update()
            .filter(headline=story.headline, bylines__author=author)
            .order_by("id")
            .first()
        )
        created = article is None
        if not created and user is not None and not article_can_edit(article=article, user=user):
            raise StoryFormatError(
                f"“{story.headline}” by {author.name} is already in Newsroom and you may not change it: ask an editor."
            )
        if created:
            article = Article(
                headline=story.headline, slug=slug_unique(model=Article, text=story.headline, max_length=300)
            )
        if user is not None:
            article.created_by = user if created else article.created_by
            article.updated_by = user
            reversion.set_user(user)
        if not created and _import_changes_nothing(
            article=article, section=section, story=story, draft=draft, published_at=published_at
        ):
            tagging = article_tag(article=article) if tag else TaggingSummary()  # actors added since may name it
            if tagging.countries_added or tagging.actors_added:
                reversion.add_to_revision(article)
                reversion.set_comment("Tagged again from a story file.")
            return ImportResult(article=article, created=False, notes=notes, tagging=tagging, unchanged=True)
        article.section = section
        article.body = story.body_html
        if not draft:
            article.status = Article.Status.PUBLISHED
            article.published_at = published_at or article.published_at or timezone.now()
        elif created:
            article.status = Article.Status.DRAFT
        # Otherwise a draft import updates the story and leaves its status as it was.
        article.save()
        if created:
            Byline.objects.create(article=article, author=author, position=0)
        tagging = article_tag(article=article) if tag else TaggingSummary()
        reversion.add_to_revision(article)  # again, now with its byline and tags
        reversion.set_comment("Imported from a story file." if created else "Updated from a story file.")
    return ImportResult(article=article, created=created, notes=notes, tagging=tagging)


def _import_changes_nothing(
    *, article: Article, section: Section, story: Story, draft: bool, published_at: datetime | None
) -> bool:
    if article.section_id != section.pk or article.body != story.body_html:
        return False
    if draft:
        return True
    return article.status == Article.Status.PUBLISHED and published_at in (None, article.published_at)


def story_file_import(
    *,
    data: bytes,
    published_at: datetime | None = None,
    draft: bool = False,
    user: User | None = None,
    tag: bool = True,
) -> ImportResult:
    """Read a story file's bytes and import it, in a transaction of its own.

    Whatever goes wrong with the file (no story, a row the database refuses, a bug), nothing of it
    is written and StoryFormatError says why, for an editor: the admin and `import_stories` report
    it with the file's name and go on with the next file. PermissionDenied, a refusal of the whole
    upload rather than of this file, passes through.
    """
    try:
        story = story_parse(story_decode(data))
        with transaction.atomic():
            return story_import(story=story, published_at=published_at, draft=draft, user=user, tag=tag)
    except (StoryFormatError, PermissionDenied):
        raise
    except DatabaseError as error:
        logger.exception("A story file could not be saved")
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StoryFormatError(f"The database refused it ({reason}); nothing from this file was saved.") from error
    except Exception as error:
        logger.exception("A story file could not be imported")
        raise StoryFormatError(
            f"Newsroom failed while importing it ({type(error).__name__}: {error}); nothing from this file was "
            "saved. The error has been logged for the developers."
        ) from error
