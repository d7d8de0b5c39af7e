"""Importing a WordPress export: posts become articles, categories sections, authors authors, and every
old address a redirect to its new page."""

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import reversion
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator

from articles.html import html_to_text
from articles.models import Article, Byline, Section
from articles.names import name_fold
from articles.slugs import slug_base, slug_unique
from authors.models import Author
from editorial.roles import User
from editorial.services.stories import author_get_or_create, section_get_or_create
from images.checks import image_check
from redirects.models import Redirect
from redirects.services import redirects_record
from tagging.models import Actor
from tagging.services.tagging import (
    Tagger,
    TaggingSummary,
    articles_tag,
    articles_tag_later,
    tagging_in_background,
)

from .content import body_clean, excerpt_clean, title_clean
from .models import ImportedPost
from .wxr import Export, WPItem, WPTerm, item_published_at, permalink_paths, wxr_parse

logger = logging.getLogger(__name__)

HEADLINE_MAX_LENGTH = Article._meta.get_field("headline").max_length
PUBLISHED_STATUSES = {"publish", "future"}
UNPUBLISHED_STATUSES = {"draft", "pending", "private"}
SKIPPED_STATUSES = {"trash": "it is in WordPress's trash", "auto-draft": "it is an automatic draft nobody wrote"}
# Item types that are not stories, and what the summary says of them.
OTHER_TYPES = {
    "attachment": None,  # media: used as featured images, not reported one by one
    "guest-author": None,  # Co-Authors Plus guest authors: become authors when a post credits them
    "nav_menu_item": "a menu entry",
    "page": "a page (only posts are imported)",
    "revision": "a revision",
    "wp_block": "a reusable block",
}


@dataclass
class ItemReport:
    """What the import did with one item of the export."""

    post_id: int
    title: str
    action: str  # "created", "updated", "skipped" or "failed"
    status: str = ""
    notes: list[str] = field(default_factory=list)
    url: str = ""


@dataclass
class ImportSummary:
    site: str
    version: str
    dry_run: bool
    items: list[ItemReport] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)  # sections, authors created
    redirects: int = 0
    tags_unmatched: list[str] = field(default_factory=list)
    media_missing: list[str] = field(default_factory=list)
    tagging: TaggingSummary = field(default_factory=TaggingSummary)
    tagging_queued: int = 0  # stories whose tags a worker adds after the import (a big import)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def articles(self) -> list[ItemReport]:
        return [item for item in self.items if item.action in ("created", "updated")]


class _Importer:
    def __init__(
        self, *, export: Export, media_dir: Path | None, section_map: dict[str, str], user: User | None, dry_run: bool
    ):
        self.export = export
        self.dry_run = dry_run
        self.media_dir = media_dir
        self.section_map = {key.casefold(): value for key, value in section_map.items()}
        self.user = user
        self.summary = ImportSummary(site=export.site, version=export.version, dry_run=False)
        self.attachments = {item.post_id: item for item in export.items_of("attachment")}
        self.guests: dict[str, WPItem] = {}
        for guest in export.items_of("guest-author"):
            for key in (guest.slug, guest.slug.removeprefix("cap-"), guest.meta.get("cap-user_login", "")):
                if key:
                    self.guests[key.casefold()] = guest
        self.imported = dict(ImportedPost.objects.filter(site=export.site).values_list("post_id", "article_id"))
        self.sections: dict[str, Section] = {}
        self.authors: dict[str, Author] = {}
        self.actors = {}
        for actor in Actor.objects.all():
            for name in (actor.name, *actor.alias_list):
                self.actors.setdefault(name_fold(name), actor)
        self.public_terms: dict[str, str] = {}  # old address -> new address, for terms of public posts
        self.articles: list[Article] = []

    # --- vocabulary -----------------------------------------------------------------------------

    def section_for(self, item: WPItem) -> tuple[Section, WPTerm | None]:
        """The item's first category, folded into its top-level ancestor (Newsroom's sections are flat),
        unless the mapping names the category or one of its ancestors."""
        term = item.categories[0] if item.categories else None
        if term is None:
            name = self.section_map.get("uncategorized", "News")
        else:
            name = None
            chain = self._ancestors(term)
            for ancestor in chain:  # the most specific mapping wins
                if ancestor.nicename.casefold() in self.section_map:
                    name = self.section_map[ancestor.nicename.casefold()]
                    break
            name = name or chain[-1].name
        key = name_fold(name)
        if key not in self.sections:
            existed = Section.objects.filter(name__iexact=name).exists()
            self.sections[key] = section_get_or_create(name=name)
            if not existed:
                self.summary.created["sections"] += 1
        return self.sections[key], term

    def _ancestors(self, term: WPTerm) -> list[WPTerm]:
        chain, seen = [term], {term.nicename}
        while chain[-1].parent and chain[-1].parent not in seen:
            parent = self.export.terms.get(("category", chain[-1].parent))
            if parent is None:
                break
            chain.append(parent)
            seen.add(parent.nicename)
        return chain

    def category_path(self, term: WPTerm) -> str:
        return "/category/" + "/".join(ancestor.nicename for ancestor in reversed(self._ancestors(term))) + "/"

    def author_names(self, item: WPItem) -> list[tuple[str, str]]:
        """(display name, old author slug) of each credited author, in byline order."""
        credited = []
        for login in item.coauthors or ([item.creator] if item.creator else []):
            guest = self.guests.get(login.casefold()) or self.guests.get(f"cap-{login}".casefold())
            if guest is not None:
                name = guest.meta.get("cap-display_name") or title_clean(guest.title)
                slug = guest.slug.removeprefix("cap-") or login
            elif login in self.export.authors:
                name, slug = self.export.authors[login].display_name, login
            else:
                name, slug = login, login
            if name and all(name_fold(name) != name_fold(known) for known, _ in credited):
                credited.append((name, slug))
        return credited

    def author_for(self, name: str) -> Author:
        key = name_fold(name)
        if key not in self.authors:
            existed = Author.objects.filter(name__iexact=name).exists()
            self.authors[key], _notes = author_get_or_create(name=name)
            if not existed:
                self.summary.created["authors"] += 1
        return self.authors[key]

    # --- posts ----------------------------------------------------------------------------------

    def run(self) -> None:
        for item in self.export.items:
            if item.post_type != "post":
                reason = OTHER_TYPES.get(item.post_type, f"its type “{item.post_type}” is not a story")
                if reason:
                    self.summary.items.append(
                        ItemReport(item.post_id, title_clean(item.title), "skipped", notes=[f"Skipped: {reason}."])
                    )
                continue
            if item.status in SKIPPED_STATUSES:
                self.summary.items.append(
                    ItemReport(
                        item.post_id,
                        title_clean(item.title),
                        "skipped",
                        notes=[f"Skipped: {SKIPPED_STATUSES[item.status]}."],
                    )
                )
                continue
            try:
                with transaction.atomic():
                    self.summary.items.append(self.post_import(item))
            except (DatabaseError, ValidationError, ValueError, OSError) as error:
                logger.exception("WordPress post %s could not be imported", item.post_id)
                reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                self.summary.items.append(
                    ItemReport(
                        item.post_id,
                        title_clean(item.title),
                        "failed",
                        notes=[f"Not imported ({reason}); nothing of it was saved."],
                    )
                )
        for old, new in self.public_terms.items():
            self.summary.redirects += redirects_record(paths=[old], new_path=new, source=Redirect.Source.IMPORT)
        if tagging_in_background(stories=len(self.articles)):
            # A big export: the import returns without waiting on the tagger; a worker adds the tags.
            articles_tag_later(article_ids=[article.pk for article in self.articles])
            self.summary.tagging_queued = len(self.articles)
        elif self.articles:
            self.summary.tagging = articles_tag(articles=self.articles, tagger=Tagger())

    def post_import(self, item: WPItem) -> ItemReport:
        notes: list[str] = []
        headline = title_clean(item.title)
        body, body_notes = body_clean(item.content)
        notes += body_notes
        if not headline:
            headline = Truncator(html_to_text(body)).words(12) or f"Untitled post {item.post_id}"
            notes.append("it had no title; the headline is its first words")
        if len(headline) > HEADLINE_MAX_LENGTH:
            headline = Truncator(headline).chars(HEADLINE_MAX_LENGTH)
            notes.append(f"the title was shortened to {HEADLINE_MAX_LENGTH} characters")
        section, _category = self.section_for(item)
        credited = self.author_names(item)
        if not credited:
            notes.append("no author was credited in the export")

        article_id = self.imported.get(item.post_id)
        article = Article.objects.select_for_update().filter(pk=article_id).first() if article_id else None
        created = article is None
        if created:
            base = slug_base(item.slug or headline, max_length=300, fallback="story")
            slug = base if not Article.objects.filter(slug=base).exists() else None
            article = Article(slug=slug or slug_unique(model=Article, text=base, max_length=300))
            article.created_by = self.user
        article.updated_by = self.user
        article.headline = headline
        article.section = section
        article.body = body
        article.dek = excerpt_clean(item.excerpt)
        published_at = item_published_at(item)
        if item.status in PUBLISHED_STATUSES:
            article.status = Article.Status.PUBLISHED
            article.published_at = published_at or timezone.now()
        else:
            article.status = Article.Status.DRAFT
            article.published_at = None
            notes.append(f"“{item.status}” in WordPress: kept as a draft")
        if item.status not in PUBLISHED_STATUSES | UNPUBLISHED_STATUSES:
            notes.append(f"its WordPress status “{item.status}” is unknown: kept as a draft")
        notes += self.featured_image(item, article)
        with reversion.create_revision():
            if self.user is not None:
                reversion.set_user(self.user)
            reversion.set_comment("Imported from WordPress." if created else "Updated from WordPress.")
            article.save()
            authors = [self.author_for(name) for name, _slug in credited]
            current = list(article.bylines.values_list("author_id", flat=True)) if not created else []
            if current != [author.pk for author in authors]:
                article.bylines.all().delete()
                Byline.objects.bulk_create(
                    [Byline(article=article, author=author, position=i) for i, author in enumerate(authors)]
                )
            reversion.add_to_revision(article)
        if created:
            ImportedPost.objects.create(site=self.export.site, post_id=item.post_id, article=article)
            self.imported[item.post_id] = article.pk
        else:
            ImportedPost.objects.filter(article=article).update(imported_at=timezone.now())
        self.articles.append(article)

        unmatched = [tag.name for tag in item.tags if name_fold(tag.name) not in self.actors]
        for name in unmatched:
            if name not in self.summary.tags_unmatched:
                self.summary.tags_unmatched.append(name)
        if article.is_public:
            paths = permalink_paths(item.link, item.guid, f"{self.export.site}/?p={item.post_id}")
            self.summary.redirects += redirects_record(
                paths=paths, new_path=article.get_absolute_url(), source=Redirect.Source.IMPORT
            )
            for term in item.categories:
                self.public_terms.setdefault(self.category_path(term), section.get_absolute_url())
            for (_name, old_slug), author in zip(credited, authors, strict=True):
                self.public_terms.setdefault(f"/author/{old_slug}/", author.get_absolute_url())
            for tag in item.tags:
                if (actor := self.actors.get(name_fold(tag.name))) is not None:
                    self.public_terms.setdefault(f"/tag/{tag.nicename}/", actor.get_absolute_url())
        status = "scheduled" if article.is_scheduled else article.get_status_display().lower()
        return ItemReport(
            item.post_id,
            headline,
            "created" if created else "updated",
            status=status,
            notes=notes,
            url=article.get_absolute_url(),
        )

    def featured_image(self, item: WPItem, article: Article) -> list[str]:
        """Give the article its featured image from the uploads folder; notes say what could not be."""
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        if not thumbnail.isdigit():
            return []
        attachment = self.attachments.get(int(thumbnail))
        if attachment is None:
            return [f"its featured image (attachment {thumbnail}) is not in the export"]
        relative = attachment.meta.get("_wp_attached_file", "").strip()
        if not relative and attachment.attachment_url:
            path = unquote(urlsplit(attachment.attachment_url).path)
            relative = path.split("/uploads/", 1)[1] if "/uploads/" in path else PurePosixPath(path).name
        if not relative:
            return [f"its featured image (attachment {thumbnail}) names no file"]
        if article.lead_image:
            return []  # imported before: kept, not stored again
        if self.media_dir is None:
            return [f"featured image {relative} not imported: give the uploads folder with --media-dir"]
        candidate = (self.media_dir / relative).resolve()
        if not candidate.is_relative_to(self.media_dir.resolve()) or not candidate.is_file():
            if relative not in self.summary.media_missing:
                self.summary.media_missing.append(relative)
            return [f"featured image {relative} is missing from the uploads folder"]
        with candidate.open("rb") as handle:
            upload = File(handle, name=candidate.name)
            try:
                facts = image_check(upload)
            except ValidationError as error:
                return [f"featured image {relative} was refused: {' '.join(error.messages)}"]
            if self.dry_run:
                return []  # checked, not stored: a rolled-back import must leave no file behind
            upload.seek(0)
            alt = (attachment.meta.get("_wp_attachment_image_alt") or "").strip() or title_clean(attachment.title)
            article.lead_image_alt = (alt or article.headline)[:300]
            article.lead_image_caption = excerpt_clean(attachment.excerpt)[:500]
            article.lead_image.save(f"{PurePosixPath(candidate.name).stem}.{facts.extension}", upload, save=False)
        return []


def wordpress_import(
    *,
    data: bytes,
    media_dir: Path | None = None,
    dry_run: bool = False,
    section_map: dict[str, str] | None = None,
    user: User | None = None,
) -> ImportSummary:
    """Import a WordPress export (WXR 1.0–1.2); importing the same export again updates what it made.

    A file that is not a WordPress export raises WXRFormatError before anything is written. Each
    post is imported in a savepoint of its own: one the database refuses is reported and the others
    go on. Posts are keyed on the export's site and their post ID. With `dry_run`, everything is
    done and reported, then rolled back.
    """
    export = wxr_parse(data)
    with transaction.atomic():
        importer = _Importer(
            export=export, media_dir=media_dir, section_map=section_map or {}, user=user, dry_run=dry_run
        )
        importer.run()
        importer.summary.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return importer.summary
