from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.html import html_sanitize
from articles.models import Article
from images.fields import CheckedImageField


class LiveBlog(models.Model):
    """A story covered live: short timestamped entries under it, newest first, while it runs."""

    article = models.OneToOneField(Article, verbose_name="story", on_delete=models.CASCADE, related_name="liveblog")
    started_at = models.DateTimeField("live since", default=timezone.now)
    ended_at = models.DateTimeField(
        "ended", null=True, blank=True, help_text="Empty while the story is live; the page stays after it ends."
    )
    # When the newest published entry went out (kept here so every card shows it without a query).
    last_entry_at = models.DateTimeField("latest entry", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "live blog"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="liveblog_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Live: {self.article.headline}"

    def get_absolute_url(self) -> str:
        return self.article.get_absolute_url()

    @property
    def is_live(self) -> bool:
        return self.ended_at is None


class LiveEntryQuerySet(models.QuerySet):
    def published(self) -> "LiveEntryQuerySet":
        """What readers may see of a live blog: its published entries. The one gate for entries."""
        return self.filter(status=LiveEntry.Status.PUBLISHED, published_at__lte=timezone.now())


class LiveEntry(models.Model):
    """One update of a live blog: a few lines, maybe a picture, at a time."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    blog = models.ForeignKey(LiveBlog, verbose_name="live blog", on_delete=models.CASCADE, related_name="entries")
    body = models.TextField("entry", help_text="A few paragraphs; links, bold, italics, lists and quotes.")
    author = models.ForeignKey(
        "authors.Author",
        verbose_name="author",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_entries",
        help_text="One of the story's bylines, or nobody.",
    )
    image = CheckedImageField(
        "picture",
        upload_to="live/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        pending_field="image_pending",
        help_text="A JPEG, PNG or WebP photograph.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_pending = models.BooleanField(
        "picture waiting for its renditions",
        default=False,
        editable=False,
        help_text="Set while a worker makes the new picture's sizes; pages leave the picture out meanwhile.",
    )
    image_alt = models.CharField(
        "alt text", max_length=300, blank=True, help_text="What the picture shows. Required with a picture."
    )
    key_event = models.BooleanField(
        "key event", default=False, help_text="Listed in the key events at the top of the page."
    )
    title = models.CharField(
        "short title", max_length=120, blank=True, help_text="Names the key event in the list (required for one)."
    )
    pinned = models.BooleanField("pinned", default=False, help_text="Shown above every other entry; one at a time.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    published_at = models.DateTimeField("time", default=timezone.now)
    created_at = models.DateTimeField("created", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)
    version = models.PositiveIntegerField("version", default=1, editable=False)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "live entry"
        verbose_name_plural = "live entries"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["blog", "status", "-published_at", "-id"], name="liveentry_blog_idx")]
        constraints = [
            models.UniqueConstraint(fields=["blog"], condition=Q(pinned=True), name="liveentry_one_pinned"),
            models.CheckConstraint(condition=Q(key_event=False) | ~Q(title=""), name="liveentry_key_event_titled"),
            models.CheckConstraint(condition=Q(image="") | ~Q(image_alt=""), name="liveentry_image_has_alt"),
        ]

    def __str__(self) -> str:
        return self.title or f"Entry of {self.published_at:%d %B %Y %H:%M}"

    def save(self, *args, **kwargs):
        self.body = html_sanitize(self.body)
        if self.pk is not None and not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{reverse('articles:detail', kwargs={'slug': self.blog.article.slug})}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"
