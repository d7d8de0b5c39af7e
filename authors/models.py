from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from articles.fields import NameField, UniqueNameMixin
from images.fields import CheckedImageField


class Author(UniqueNameMixin, models.Model):
    """A person credited in bylines, with a public page listing their stories."""

    name = NameField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True, help_text="Used in the author's page address.")
    bio = models.TextField("bio", blank=True, help_text="A short paragraph shown under the author's stories.")
    photo = CheckedImageField(
        "portrait",
        upload_to="authors/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        pending_field="photo_pending",
        help_text="A JPEG, PNG or WebP head-and-shoulders photograph, square if possible.",
    )
    photo_width = models.PositiveIntegerField("portrait width", null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField("portrait height", null=True, blank=True, editable=False)
    photo_pending = models.BooleanField(
        "portrait waiting for its renditions",
        default=False,
        editable=False,
        help_text="Set while a worker makes the new portrait's sizes; pages leave it out meanwhile.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="staff account",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The account this author signs in with, if they use the admin.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="author_name_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("authors:detail", kwargs={"slug": self.slug})
