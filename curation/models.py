from django.db import models
from django.db.models import Q
from django.utils import timezone


class PinQuerySet(models.QuerySet):
    def live(self) -> "PinQuerySet":
        """Pins still in force: no expiry, or an expiry still ahead. Compared with now at read time."""
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))


class Pin(models.Model):
    """An editor's choice to show a story at a given place on the front page or on a section front."""

    article = models.ForeignKey("articles.Article", verbose_name="story", on_delete=models.CASCADE, related_name="pins")
    section = models.ForeignKey(
        "articles.Section",
        verbose_name="section front",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pins",
        help_text="Leave empty to pin the story to the front page.",
    )
    position = models.PositiveSmallIntegerField(
        "position", default=1, help_text="1 is the lead story; 2, 3… are the top stories in that order."
    )
    expires_at = models.DateTimeField(
        "unpin at",
        null=True,
        blank=True,
        help_text="The story leaves this place by itself at this time. Leave empty to keep it until unpinned.",
    )
    created_at = models.DateTimeField("pinned", auto_now_add=True)

    objects = PinQuerySet.as_manager()

    class Meta:
        verbose_name = "pinned story"
        verbose_name_plural = "pinned stories"
        ordering = ["section__position", "section__name", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(section__isnull=True),
                name="pin_front_page_once",
                violation_error_message="This story is already pinned to the front page.",
            ),
            models.UniqueConstraint(
                fields=["article", "section"],
                condition=Q(section__isnull=False),
                name="pin_section_once",
                violation_error_message="This story is already pinned to that section front.",
            ),
        ]
        indexes = [models.Index(fields=["section", "position"], name="pin_place_idx")]

    def __str__(self) -> str:
        place = self.section.name if self.section_id else "front page"
        return f"{self.article} ({place}, position {self.position})"

    @property
    def is_live(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()
