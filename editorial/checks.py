"""Content checks before publishing, shown in the story editor's side panel.

Only what must block does (a picture with no alt text: readers who cannot see it get nothing);
the rest are warnings the editor may publish past.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

# What search engines show of a title before cutting it off, roughly.
HEADLINE_SHOWN_CHARS = 110


@dataclass(frozen=True)
class StoryCheck:
    name: str
    message: str
    blocking: bool = False


class _EmptyLinks(HTMLParser):
    """Counts the links of a body whose text is empty (a screen reader says only "link")."""

    def __init__(self):
        super().__init__()
        self.empty = 0
        self._depth = 0
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._depth += 1
            self._text = ""

    def handle_data(self, data):
        if self._depth:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._depth:
            self._depth -= 1
            if not self._text.strip():
                self.empty += 1


def body_empty_links_count(*, body: str) -> int:
    parser = _EmptyLinks()
    parser.feed(body or "")
    parser.close()
    return parser.empty


def story_checks(
    *,
    headline: str,
    dek: str,
    body: str,
    has_picture: bool,
    picture_alt: str,
    actors: list[str],
    countries: list[str],
) -> list[StoryCheck]:
    """What is missing or wrong in a story about to be published, blocking problems first."""
    checks = []
    if has_picture and not (picture_alt or "").strip():
        checks.append(
            StoryCheck(
                "alt",
                "The lead picture has no alt text: describe it for readers who cannot see it. "
                "The story cannot be published without it.",
                blocking=True,
            )
        )
    if not (dek or "").strip():
        checks.append(StoryCheck("dek", "No dek: previews and search results will show the first words instead."))
    length = len(" ".join((headline or "").split()))
    if length > HEADLINE_SHOWN_CHARS:
        checks.append(
            StoryCheck(
                "headline",
                f"The headline has {length} characters: search engines show about {HEADLINE_SHOWN_CHARS}.",
            )
        )
    if not actors and not countries:
        checks.append(StoryCheck("tags", "No country or actor tag: the story will be on no dossier page."))
    empty = body_empty_links_count(body=body)
    if empty:
        checks.append(
            StoryCheck("links", f"{empty} link(s) in the body have no text: a screen reader says only “link”.")
        )
    return checks


def article_checks(*, article, initial: dict | None = None) -> list[StoryCheck]:
    """The checks for a story as stored; `initial` (an unbound form's) saves reading its tags again."""
    if article is None or article.pk is None:
        return []
    initial = initial or {}

    def names(field: str) -> list[str]:
        tags = initial[field] if field in initial else getattr(article, field).all()
        return [getattr(tag, "name", tag) for tag in tags]

    return story_checks(
        headline=article.headline,
        dek=article.dek,
        body=article.body,
        has_picture=bool(article.lead_image),
        picture_alt=article.lead_image_alt,
        actors=names("actors"),
        countries=names("countries"),
    )
