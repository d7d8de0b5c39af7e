from django.core.exceptions import ValidationError
from django.db import models


class Redirect(models.Model):
    """An old address of the site that answers 301 to a page's address now."""

    class Source(models.TextChoices):
        EDITOR = "editor", "Added by an editor"
        SLUG = "slug", "Address changed"
        MERGE = "merge", "Tags merged"
        IMPORT = "import", "Imported"

    old_path = models.CharField(
        "old address",
        max_length=500,
        unique=True,
        help_text="The address readers may still follow, from the first slash: “/2019/12/20/old-story/” or “/?p=123”.",
    )
    new_path = models.CharField(
        "new address",
        max_length=500,
        help_text="Where it leads now: an address on this site (“/articles/new-story/”) or a full https:// address.",
    )
    source = models.CharField("why", max_length=20, choices=Source.choices, default=Source.EDITOR)
    created_at = models.DateTimeField("added", auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(old_path=models.F("new_path")), name="redirect_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        super().clean()
        self.old_path = (self.old_path or "").strip()
        self.new_path = (self.new_path or "").strip()
        if not self.old_path.startswith("/") or self.old_path.startswith("//"):
            raise ValidationError({"old_path": "Start the old address with a single “/”, e.g. “/2019/12/20/story/”."})
        if not (self.new_path.startswith("/") and not self.new_path.startswith("//")) and not self.new_path.startswith(
            "https://"
        ):
            raise ValidationError(
                {"new_path": "Give an address on this site starting with “/”, or a full https:// one."}
            )
        if self.old_path == self.new_path:
            raise ValidationError({"new_path": "An address cannot lead to itself."})
        onward = Redirect.objects.exclude(pk=self.pk).filter(old_path=self.new_path).first()
        if onward is not None:
            raise ValidationError(
                {"new_path": f"“{self.new_path}” itself redirects to “{onward.new_path}”: lead there directly."}
            )
