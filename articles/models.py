import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from taggit.managers import TaggableManager

from images.fields import CheckedImageField

from .fields import NameField, UniqueNameMixin
from .html import html_sanitize, html_to_text


class Section(UniqueNameMixin, models.Model):
    """A department of the publication ("World", "Business"), shown in the navigation."""

    name = NameField("name", max_length=100)
    slug = models.SlugField("slug", max_length=100, unique=True, help_text="Used in the section's address.")
    description = models.TextField("description", blank=True, help_text="Shown at the top of the section page.")
    position = models.PositiveSmallIntegerField(
        "position in navigation", default=0, help_text="Lower numbers come first in the navigation bar."
    )

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="section_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})


class TimeNow(models.Expression):
    """The current time, read when the query runs rather than when it is built.

    So a queryset of what readers may see can be built once and reused (the listings' filter
    menus, articles/listings.py) and still compares with the moment it runs; the SQL is the same as
    with a literal time, one parameter.
    """

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        return models.Value(timezone.now(), output_field=self.output_field).as_sql(compiler, connection)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see: published, not scheduled for later, not under embargo. The one gate."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=TimeNow()).exclude(
            embargo_until__gt=TimeNow()
        )

    def for_partners(self) -> "ArticleQuerySet":
        """What partners with a wire key may see: published stories, those still under embargo included
        (the wire flags them embargoed). Never shown to readers: they go through published()."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> "ArticleQuerySet":
        """Published for a time still ahead: they appear by themselves then."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())


def preview_secret_new() -> str:
    return secrets.token_urlsafe(32)


class Article(models.Model):
    """A story: what editors write and readers read."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    # Where a story may go from each status: draft → review → published, and back to draft.
    STATUS_NEXT = {
        Status.DRAFT: {Status.DRAFT, Status.REVIEW, Status.PUBLISHED},
        Status.REVIEW: {Status.REVIEW, Status.DRAFT, Status.PUBLISHED},
        Status.PUBLISHED: {Status.PUBLISHED, Status.DRAFT},
    }

    headline = models.CharField("headline", max_length=300)
    slug = models.SlugField("slug", max_length=300, unique=True, help_text="Used in the story's address.")
    section = models.ForeignKey(Section, verbose_name="section", on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        "authors.Author", verbose_name="authors", through="Byline", related_name="articles", blank=True
    )
    dek = models.TextField("dek", blank=True, help_text="The standfirst: one or two sentences under the headline.")
    body = models.TextField(
        "body", help_text="Paragraphs, headings, lists, links, emphasis and quotes; anything else is removed."
    )
    # The lead picture: top of the story, cards and social previews. Alt text is required with it.
    lead_image = CheckedImageField(
        "lead picture",
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        search_crops=True,
        pending_field="lead_image_pending",
        help_text="A JPEG, PNG or WebP photograph; 1920 pixels wide or more looks sharp on every screen.",
    )
    lead_image_width = models.PositiveIntegerField("lead picture width", null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField("lead picture height", null=True, blank=True, editable=False)
    lead_image_pending = models.BooleanField(
        "lead picture waiting for its renditions",
        default=False,
        editable=False,
        help_text="Set while a worker makes the new picture's sizes; pages leave the picture out meanwhile.",
    )
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it. Required when there is a picture.",
    )
    lead_image_caption = models.CharField(
        "caption", max_length=500, blank=True, help_text="Shown under the picture on the story page."
    )
    lead_image_credit = models.CharField(
        "credit", max_length=200, blank=True, help_text="Who took the picture, e.g. “Jane Doe / Reuters”."
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="A time in the future schedules the story: it appears by itself at that time.",
    )
    embargo_until = models.DateTimeField(
        "embargo until",
        null=True,
        blank=True,
        help_text="Partners with a wire key receive the story from its publication time, marked embargoed; "
        "readers see nothing of it until this time.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="created by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="last saved by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    version = models.PositiveIntegerField(
        "version",
        default=1,
        editable=False,
        help_text="Goes up by one at every save; a form carrying an older number is refused (no lost edits).",
    )
    # Every preview link is signed with this: a new value ends all links made before it.
    preview_secret = models.CharField("preview secret", max_length=64, default=preview_secret_new, editable=False)

    actors = TaggableManager(
        verbose_name="actors",
        through="tagging.ArticleActor",
        related_name="articles",
        blank=True,
        help_text="People and organisations the story is about, separated by commas.",
    )
    countries = TaggableManager(
        verbose_name="countries",
        through="tagging.ArticleCountry",
        related_name="articles",
        blank=True,
        help_text="Countries the story is about, separated by commas.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", "Can publish articles")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_published_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
            # Every story newest first whatever its status: the admin's list and date filters.
            models.Index(fields=["-published_at", "-id"], name="article_recent_idx"),
            # Few stories carry an embargo: the page cache looks for the next one to lift.
            models.Index(
                fields=["embargo_until"], name="article_embargo_idx", condition=models.Q(embargo_until__isnull=False)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lead_image="") | ~models.Q(lead_image_alt=""), name="article_lead_image_has_alt"
            ),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        self.body = html_sanitize(self.body)
        if self.pk is not None and not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.lead_image_alt = self.lead_image_alt.strip()
        if self.lead_image and not self.lead_image_alt:
            raise ValidationError(
                {"lead_image_alt": "Describe the lead picture for readers who cannot see it (alt text)."}
            )
        if self.embargo_until and self.published_at and self.published_at > self.embargo_until:
            raise ValidationError(
                {
                    "embargo_until": f"The embargo lifts ({self.embargo_until:%d %B %Y %H:%M %Z}) before the story is "
                    f"published ({self.published_at:%d %B %Y %H:%M %Z}), so it would hold nothing back. Publish at or "
                    "before the embargo (partners receive the story then), or remove the embargo."
                }
            )

    def status_can_become(self, status: str) -> bool:
        """Whether the status flow allows moving from the saved status to `status`."""
        return status in self.STATUS_NEXT.get(self.status, set())

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and not (self.embargo_until and self.embargo_until > now)
        )

    @property
    def public_since(self) -> datetime | None:
        """When readers could first see the story: its publication time, or the embargo's end if later."""
        if self.embargo_until and self.published_at and self.embargo_until > self.published_at:
            return self.embargo_until
        return self.published_at

    @property
    def is_embargoed(self) -> bool:
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def summary(self) -> str:
        """The dek, or for a story without one its first 40 words: what previews and feeds show."""
        return self.dek or Truncator(html_to_text(self.body)).words(40)

    @property
    def last_modified(self) -> datetime:
        """When the story last changed for its readers: its last save, or its publication if that came later."""
        return max(self.updated_at, self.published_at or self.updated_at)


class Byline(models.Model):
    """One author's credit on an article, in the order the byline reads."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author", verbose_name="author", on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField("position", default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")]
        indexes = [models.Index(fields=["author", "article"], name="byline_author_idx")]

    def __str__(self) -> str:
        return str(self.author)


class Correction(models.Model):
    """A correction to a published story, shown to readers at the story's foot."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(
        "date", default=timezone.localdate, help_text="The day the correction was made, as readers will see it."
    )
    text = models.TextField(
        "correction", help_text="What was wrong and what is right, in plain text (“An earlier version said …”)."
    )
    created_at = models.DateTimeField("added", auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"Correction of {self.date:%d %B %Y}"
