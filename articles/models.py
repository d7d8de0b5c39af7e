import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from images.fields import CheckedImageField

from .fields import NameField, UniqueNameMixin
from .html import html_sanitize
from .services.countries import country_find
from .services.names import name_clean, name_fold


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


class Aliased(models.Model):
    """Other names a tag goes by in story texts; the tagger matches them like the name."""

    aliases = models.TextField(
        "aliases",
        blank=True,
        help_text="Other names stories use, one per line (“Haftar”, “Marshal Haftar”; “Burma” for Myanmar). "
        "Names in capitals such as “GNA” match only in capitals.",
    )

    class Meta:
        abstract = True

    @property
    def alias_list(self) -> list[str]:
        return aliases_split(self.aliases)

    def slugify(self, tag, i=None):
        """ASCII slugs ("Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan"): the site's addresses take no others.

        django-taggit calls this when a tag is created from the admin's tag box; its default keeps
        accented letters, which the URL patterns cannot reverse.
        """
        slug = slugify(tag)[:90].strip("-") or self._meta.model_name
        return slug if i is None else f"{slug}-{i + 1}"

    def clean(self):
        super().clean()
        if not self.alias_list:
            return
        same_name = models.Q()
        for alias in self.alias_list:
            same_name |= models.Q(name__iexact=alias)
        names = sorted(type(self).objects.exclude(pk=self.pk).filter(same_name).values_list("name", flat=True))
        if names:
            raise ValidationError(
                {
                    "aliases": f"Already the name of another {self._meta.verbose_name}: {', '.join(names)}. "
                    "Merge the two from the list instead."
                }
            )


def aliases_split(text: str) -> list[str]:
    """The aliases typed one per line (commas work too), each once, in the order typed."""
    aliases: list[str] = []
    for part in re.split(r"[\n,;]", text or ""):
        alias = name_clean(part)
        if alias and name_fold(alias) not in {name_fold(known) for known in aliases}:
            aliases.append(alias)
    return aliases


class Actor(UniqueNameMixin, Aliased, TagBase):
    """A person or organisation a story is about."""

    name = NameField("name", unique=True, max_length=100)

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        OTHER = "other", "Other"

    kind = models.CharField("kind", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(
        "description",
        blank=True,
        help_text="A short introduction to who this is, shown at the top of their page.",
    )

    class Meta:
        verbose_name = "actor"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="actor_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:actor", kwargs={"slug": self.slug})


class Country(UniqueNameMixin, Aliased, TagBase):
    """A country a story is about, identified by its ISO 3166-1 alpha-2 code."""

    name = NameField("name", unique=True, max_length=100)
    code = models.CharField(
        "ISO code", max_length=2, unique=True, help_text="Two-letter ISO 3166-1 code, e.g. LY for Libya."
    )
    description = models.TextField(
        "description", blank=True, help_text="A short introduction to the country, shown at the top of its page."
    )

    class Meta:
        verbose_name = "country"
        verbose_name_plural = "countries"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="country_name_unique_ci"),
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso_alpha2"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.code and (known := country_find(name=self.name)):
            self.code = known.code  # a country typed into an article's tags: "Libya" -> LY
        self.code = (self.code or "").upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:country", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see: published, and not scheduled for later. The one gate."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


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
        help_text="A JPEG, PNG or WebP photograph; 1920 pixels wide or more looks sharp on every screen.",
    )
    lead_image_width = models.PositiveIntegerField("lead picture width", null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField("lead picture height", null=True, blank=True, editable=False)
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
        through="ArticleActor",
        related_name="articles",
        blank=True,
        help_text="People and organisations the story is about, separated by commas.",
    )
    countries = TaggableManager(
        verbose_name="countries",
        through="ArticleCountry",
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

    def status_can_become(self, status: str) -> bool:
        """Whether the status flow allows moving from the saved status to `status`."""
        return status in self.STATUS_NEXT.get(self.status, set())

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )


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


class ArticleActor(TaggedItemBase):
    """Tags an article with an actor."""

    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="actor_items")
    tag = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="article_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="article_actor_unique")]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_actor_tag_idx")]


class ArticleCountry(TaggedItemBase):
    """Tags an article with a country."""

    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="country_items")
    tag = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="article_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="article_country_unique")]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_country_tag_idx")]


class IgnoredName(UniqueNameMixin, models.Model):
    """A name the actor suggestions never offer again: a place, a newspaper, a word that is no actor."""

    name = NameField("name", max_length=100, help_text="Delete this row to have the name suggested again.")
    created_at = models.DateTimeField("ignored since", auto_now_add=True)

    class Meta:
        verbose_name = "name not suggested as an actor"
        verbose_name_plural = "names not suggested as actors"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="ignored_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class AutoTag(models.Model):
    """A tag the automatic tagger once put on an article. It never puts it there again, so an
    editor who removes a wrong tag ("Jordan" for a basketball player) is not overruled."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="auto_tags")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField("tagged", auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actor__isnull=True) ^ models.Q(country__isnull=True), name="auto_tag_one_tag"
            ),
            models.UniqueConstraint(fields=["article", "actor"], name="auto_tag_actor_once"),
            models.UniqueConstraint(fields=["article", "country"], name="auto_tag_country_once"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.actor_id or self.country_id}"


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
