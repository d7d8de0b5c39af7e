"""Actors and countries: what stories are about, the names they go by, and how articles carry them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase

from articles.fields import NameField, UniqueNameMixin
from articles.names import name_clean, name_fold
from articles.slugs import slug_base

from .services.countries import country_find, country_known, name_is_country


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
        slug = slug_base(tag, max_length=90, fallback=self._meta.model_name)
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
        return reverse("tagging:actor", kwargs={"slug": self.slug})


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
        return reverse("tagging:country", kwargs={"slug": self.slug})


class ArticleActor(TaggedItemBase):
    """Tags an article with an actor."""

    content_object = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="actor_items")
    tag = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="article_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="article_actor_unique")]
        indexes = [models.Index(fields=["tag", "content_object"], name="article_actor_tag_idx")]


class ArticleCountry(TaggedItemBase):
    """Tags an article with a country."""

    content_object = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="country_items")
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


class Place(models.Model):
    """A city or region stories name (the gazetteer): never suggested as an actor, it suggests its country."""

    class Kind(models.TextChoices):
        CITY = "city", "City or town"
        REGION = "region", "Region, province or state"

    name = NameField(
        "name", max_length=100, help_text="As stories write it: “Benghazi”, “Cabo Delgado”, “New South Wales”."
    )
    country_code = models.CharField(
        "country (ISO code)",
        max_length=2,
        help_text="Two-letter ISO 3166-1 code of the country it is in, e.g. LY for Libya. A name in two countries "
        "(Tripoli: LY and LB) gets one row for each; the story's other countries then say which is meant.",
    )
    kind = models.CharField("kind", max_length=20, choices=Kind.choices, default=Kind.CITY)

    class Meta:
        verbose_name = "place"
        ordering = ["name", "country_code"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "country_code", name="place_name_country_unique_ci"),
            models.CheckConstraint(condition=models.Q(country_code__regex=r"^[A-Z]{2}$"), name="place_country_alpha2"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_code})"

    def clean(self):
        super().clean()
        self.country_code = (self.country_code or "").strip().upper()
        if self.country_code and not country_known(code=self.country_code):
            raise ValidationError({"country_code": f"“{self.country_code}” is not an ISO 3166-1 country code."})
        if self.name and name_is_country(self.name):
            raise ValidationError({"name": f"“{self.name}” is a country's name: the tagger finds it already."})
        taken = Place.objects.filter(name__iexact=self.name, country_code=self.country_code).exclude(pk=self.pk)
        if self.name and taken.exists():
            raise ValidationError({"name": f"“{self.name}” is already a place in {self.country_code}."})


class DismissedSuggestion(models.Model):
    """A suggestion an editor dismissed on one story: it is not offered on that story again."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="dismissed_suggestions")
    name = NameField("name", max_length=100, help_text="The actor's name, or the country's, that was suggested.")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("dismissed", auto_now_add=True)

    class Meta:
        verbose_name = "dismissed suggestion"
        constraints = [
            models.UniqueConstraint("article", Lower("name"), name="dismissed_suggestion_once"),
        ]

    def __str__(self) -> str:
        return self.name


class AutoTag(models.Model):
    """A tag the automatic tagger once put on an article. It never puts it there again, so an
    editor who removes a wrong tag ("Jordan" for a basketball player) is not overruled."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="auto_tags")
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
