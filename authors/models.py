from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class Author(models.Model):
    """A person credited in bylines, with a public page listing their stories."""

    name = models.CharField("name", max_length=200)
    slug = models.SlugField("slug", max_length=200, unique=True, help_text="Used in the author's page address.")
    bio = models.TextField("bio", blank=True, help_text="A short paragraph shown under the author's stories.")
    photo = models.ImageField("photo", upload_to="authors/", blank=True)
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
