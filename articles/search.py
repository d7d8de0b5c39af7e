"""Full-text search over published stories, on PostgreSQL and, more simply, anywhere else.

PostgreSQL: the weighted `search_vector` column kept by a trigger (migration article_search_vector), GIN-indexed,
web-search syntax ("quoted phrase", -word, or), ranked with ts_rank, snippets by ts_headline.
Other databases: the same syntax read by `query_parse`, matched with icontains, ranked by where
the words appear (headline before dek before body), snippets cut in Python. Both return the same
queryset shape: articles annotated with `search_rank`, best first; `search_snippet` makes the
highlighted excerpt for either.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import Expression

from .html import html_to_text
from .models import Article

MAX_QUERY_LENGTH = 200
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
MARK_START = "\ue000"
MARK_STOP = "\ue001"


@dataclass(frozen=True)
class ParsedQuery:
    """What a reader asked for: words and phrases to find, and ones to leave out."""

    include: tuple[str, ...] = field(default_factory=tuple)
    exclude: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.include


def query_parse(*, text: str) -> ParsedQuery:
    """Split ``text`` like a web search box: "quoted phrases", -excluded and plain words.

    Punctuation-only tokens are dropped, so an absurd query becomes an empty one rather than
    an error. ``OR`` is treated as a plain word (the portable search has no OR).
    """
    include: list[str] = []
    exclude: list[str] = []
    for match in _TOKEN.finditer(text[:MAX_QUERY_LENGTH]):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if phrase is not None:
            target = exclude if negated else include
            words = _WORD.findall(phrase)
        elif word.startswith("-") and len(word) > 1:
            target = exclude
            words = _WORD.findall(word[1:])
        else:
            target = include
            words = _WORD.findall(word)
        if words:
            target.append(" ".join(words))
    return ParsedQuery(include=tuple(include), exclude=tuple(exclude))


def snippet_highlight(*, text: str, terms: tuple[str, ...], width: int = 240) -> str:
    """Escaped excerpt of ``text`` around the first match, each match wrapped in <mark>.

    Returns safe HTML: everything from ``text`` is escaped, only <mark> is added.
    """
    text = " ".join(text.split())
    patterns = [r"\s+".join(re.escape(w) for w in term.split()) for term in terms if term]
    if not text:
        return ""
    if not patterns:
        excerpt = text[:width] + ("…" if len(text) > width else "")
        return html.escape(excerpt)
    matcher = re.compile(r"\b(" + "|".join(patterns) + r")", re.IGNORECASE)
    first = matcher.search(text)
    start = 0
    if first and first.start() > width // 3:
        start = text.rfind(" ", 0, first.start() - width // 3) + 1
    excerpt = text[start : start + width]
    if start + width < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0]
    marked = matcher.sub(lambda m: MARK_START + m.group(0) + MARK_STOP, excerpt)
    return markers_to_html(text=("…" if start else "") + marked + ("…" if start + width < len(text) else ""))


def markers_to_html(*, text: str) -> str:
    """Escape ``text`` and turn the private-use highlight markers into <mark> elements."""
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


SEARCH_CONFIG = "english"  # must match the article_search_vector migration
MAX_TERMS = 10
# How much a match counts by where it is: the weights ts_rank uses by default for A, B and C.
FIELD_WEIGHTS = (("headline", 1.0), ("dek", 0.4), ("body", 0.2))


def articles_search(*, queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    """`queryset` narrowed to stories matching `text`, annotated with `search_rank`, best match first.

    An empty or meaningless query (only punctuation or stop words) matches nothing.
    """
    text = text.strip()[:MAX_QUERY_LENGTH]
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset=queryset, text=text)
    return _search_portable(queryset=queryset, text=text)


class SearchVectorColumn(Expression):
    """The article's `search_vector` column, kept by the database rather than declared on the model."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(Article._meta.db_table)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def _search_postgresql(*, queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
    vector = SearchVectorColumn()
    plain_body = Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
    return (
        queryset.alias(search_vector=vector)
        .filter(search_vector=query)
        .annotate(
            search_rank=SearchRank(vector, query),
            search_headline=SearchHeadline(
                plain_body,
                query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-search_rank", "-published_at", "-id")
    )


def _search_portable(*, queryset: QuerySet[Article], text: str) -> QuerySet[Article]:
    parsed = query_parse(text=text)
    if parsed.is_empty:
        return queryset.none()
    rank = Value(0.0)
    for term in parsed.include[:MAX_TERMS]:
        queryset = queryset.filter(_anywhere(term))
        rank += Case(
            *(When(**{f"{field}__icontains": term}, then=Value(weight)) for field, weight in FIELD_WEIGHTS),
            default=Value(0.0),
            output_field=FloatField(),
        )
    for term in parsed.exclude[:MAX_TERMS]:
        queryset = queryset.exclude(_anywhere(term))
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-id")


def _anywhere(term: str) -> Q:
    return Q(headline__icontains=term) | Q(dek__icontains=term) | Q(body__icontains=term)


def search_snippet(*, article: Article, text: str) -> str:
    """Safe HTML: an excerpt of the story's body with the searched words in <mark>."""
    headline = getattr(article, "search_headline", None)
    if headline is not None:
        return markers_to_html(text=" ".join(html.unescape(headline).split()))
    terms = query_parse(text=text).include
    return snippet_highlight(text=html_to_text(article.body), terms=terms)
