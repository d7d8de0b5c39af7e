"""An article's history: what django-reversion keeps at each save, and readable differences.

Every save of an article stores a revision holding the article and, followed through its
relations, its bylines, its actor and country tags (the through-model rows) and its corrections. Reading a
revision back gives an `ArticleSnapshot` with names instead of ids, so two can be compared.
"""

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

import reversion
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from reversion.models import Version

from articles.html import html_to_text
from articles.models import Article, Byline, Correction, Section
from authors.models import Author
from tagging.models import Actor, ArticleActor, ArticleCountry, Country
from tagging.signals import articles_tagged

reversion.register(Byline)
reversion.register(ArticleActor)
reversion.register(ArticleCountry)
reversion.register(Correction)
# Not the preview secret: restoring an old revision must not bring back preview links revoked since.
reversion.register(
    Article, follow=["bylines", "actor_items", "country_items", "corrections"], exclude=["preview_secret"]
)


@receiver(articles_tagged, dispatch_uid="editorial.tagging_revision")
def tagging_revision(sender, *, added: dict[int, list[str]], user, **kwargs) -> None:
    """A user's tagging run is an edit: each article that got tags gets a revision, saved by them."""
    for article in Article.objects.filter(pk__in=list(added)):
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(f"Tagged automatically: added {', '.join(added[article.pk])}.")
            reversion.add_to_revision(article)


@dataclass
class ArticleSnapshot:
    """What an article said at one revision: the fields a reader sees, names resolved."""

    version: Version
    headline: str
    dek: str
    body: str
    status: str
    section: str = ""
    slug: str = ""
    published_at: str = ""  # as shown: "1 December 2026, 09:30", or empty
    picture: str = ""  # the picture's file name
    picture_alt: str = ""
    picture_caption: str = ""
    picture_credit: str = ""
    bylines: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    corrections: str = ""  # one line each: "1 December 2026: An earlier version said …"

    @property
    def saved_at(self) -> datetime:
        return self.version.revision.date_created

    @property
    def saved_by(self) -> str:
        user = self.version.revision.user
        return (user.get_full_name() or user.get_username()) if user else "the system"

    @property
    def body_text(self) -> str:
        return html_to_text(self.body)


@dataclass(frozen=True)
class Segment:
    """A run of text in a difference: "equal", "insert" (only in the newer) or "delete" (only in the older)."""

    op: str
    text: str


@dataclass
class FieldDiff:
    label: str
    segments: list[Segment]
    is_list: bool = False  # names (bylines, tags): shown separated by commas

    @property
    def changed(self) -> bool:
        return any(segment.op != "equal" for segment in self.segments)


def article_versions(*, article: Article) -> QuerySet[Version]:
    """The saved versions of `article`, newest first, with who saved each one."""
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    return versions.order_by("-revision__date_created", "-pk")


def text_diff(old: str, new: str) -> list[Segment]:
    """Word-by-word differences between two texts; line breaks are kept as their own tokens. Pure."""

    def tokens(text: str) -> list[str]:
        return re.findall(r"\n|[^\s]+", text)

    old_tokens, new_tokens = tokens(old), tokens(new)
    segments: list[Segment] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        text = " ".join(words).replace(" \n ", "\n").replace("\n ", "\n").replace(" \n", "\n")
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, f"{segments[-1].text} {text}")
        else:
            segments.append(Segment(op, text))

    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for opcode, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if opcode == "equal":
            add("equal", old_tokens[a_start:a_end])
        else:
            add("delete", old_tokens[a_start:a_end])
            add("insert", new_tokens[b_start:b_end])
    return segments


def list_diff(old: list[str], new: list[str]) -> list[Segment]:
    """Differences between two lists of names (bylines keep their order). Pure."""
    segments = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for opcode, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if opcode == "equal":
            segments += [Segment("equal", name) for name in old[a_start:a_end]]
        else:
            segments += [Segment("delete", name) for name in old[a_start:a_end]]
            segments += [Segment("insert", name) for name in new[b_start:b_end]]
    return segments


def snapshots_read(*, versions: list[Version]) -> list[ArticleSnapshot]:
    """Snapshots of the given article versions, with byline and tag names (a few queries in all)."""
    related: dict[int, list[Version]] = {version.revision_id: [] for version in versions}
    for other in Version.objects.filter(revision_id__in=list(related)).select_related("content_type"):
        related[other.revision_id].append(other)
    rows: dict[int, dict[str, list[dict]]] = {}
    wanted: dict[type, set[int]] = {Author: set(), Actor: set(), Country: set()}
    for version in versions:
        grouped: dict[str, list[dict]] = {"bylines": [], "actors": [], "countries": [], "corrections": []}
        for other in related[version.revision_id]:
            model = other.content_type.model_class()
            if model is Article:
                continue
            data = other.field_dict
            if model is Byline:
                grouped["bylines"].append(data)
                wanted[Author].add(data["author_id"])
            elif model is ArticleActor:
                grouped["actors"].append(data)
                wanted[Actor].add(data["tag_id"])
            elif model is ArticleCountry:
                grouped["countries"].append(data)
                wanted[Country].add(data["tag_id"])
            elif model is Correction:
                grouped["corrections"].append(data)
        rows[version.pk] = grouped
    wanted[Section] = {version.field_dict.get("section_id") for version in versions} - {None}
    names = {model: dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) for model, ids in wanted.items()}

    def name(model: type, pk: int) -> str:
        return names[model].get(pk, f"(deleted {model._meta.verbose_name})")

    snapshots = []
    for version in versions:
        data, grouped = version.field_dict, rows[version.pk]
        bylines = sorted(grouped["bylines"], key=lambda row: (row["position"], row["id"]))
        snapshots.append(
            ArticleSnapshot(
                version=version,
                headline=data.get("headline", ""),
                dek=data.get("dek", ""),
                body=data.get("body", ""),
                status=str(Article.Status(data["status"]).label) if data.get("status") else "",
                section=name(Section, data["section_id"]) if data.get("section_id") else "",
                slug=data.get("slug", ""),
                published_at=_moment(data.get("published_at")),
                picture=str(data.get("lead_image") or "").rsplit("/", 1)[-1],
                picture_alt=data.get("lead_image_alt", ""),
                picture_caption=data.get("lead_image_caption", ""),
                picture_credit=data.get("lead_image_credit", ""),
                bylines=[name(Author, row["author_id"]) for row in bylines],
                actors=sorted(name(Actor, row["tag_id"]) for row in grouped["actors"]),
                countries=sorted(name(Country, row["tag_id"]) for row in grouped["countries"]),
                corrections=_corrections_text(grouped["corrections"]),
            )
        )
    return snapshots


def snapshots_diff(*, old: ArticleSnapshot, new: ArticleSnapshot) -> list[FieldDiff]:
    """The readable differences, field by field, between two snapshots of one article."""
    return [
        FieldDiff("Headline", text_diff(old.headline, new.headline)),
        FieldDiff("Address (slug)", text_diff(old.slug, new.slug)),
        FieldDiff("Section", list_diff([old.section] if old.section else [], [new.section] if new.section else [])),
        FieldDiff("Status", list_diff([old.status] if old.status else [], [new.status] if new.status else [])),
        FieldDiff(
            "Publication time",
            list_diff([old.published_at] if old.published_at else [], [new.published_at] if new.published_at else []),
        ),
        FieldDiff("Dek", text_diff(old.dek, new.dek)),
        FieldDiff("Body", text_diff(old.body_text, new.body_text)),
        FieldDiff("Bylines", list_diff(old.bylines, new.bylines), is_list=True),
        FieldDiff("Actors", list_diff(old.actors, new.actors), is_list=True),
        FieldDiff("Countries", list_diff(old.countries, new.countries), is_list=True),
        FieldDiff(
            "Lead picture", list_diff([old.picture] if old.picture else [], [new.picture] if new.picture else [])
        ),
        FieldDiff("Alt text", text_diff(old.picture_alt, new.picture_alt)),
        FieldDiff("Caption", text_diff(old.picture_caption, new.picture_caption)),
        FieldDiff("Credit", text_diff(old.picture_credit, new.picture_credit)),
        FieldDiff("Corrections", text_diff(old.corrections, new.corrections)),
    ]


def _corrections_text(rows: list[dict]) -> str:
    rows = sorted(rows, key=lambda row: (str(row["date"]), row["id"]))
    return "\n".join(f"{_day(row['date'])}: {row['text']}" for row in rows)


def _day(value) -> str:
    if isinstance(value, str):
        value = parse_date(value)
    return formats.date_format(value, "j F Y") if value else ""


def _moment(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = parse_datetime(value)
    return formats.date_format(timezone.localtime(value), "j F Y, H:i") if value else ""
