import hashlib
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

RATE = re.compile(r"^\d+/(second|minute|hour|day)$")


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def rate_check(value: str) -> None:
    if not RATE.match(value or ""):
        raise ValidationError("Write the limit as a number of requests per second, minute, hour or day: “600/hour”.")


class PartnerKey(models.Model):
    """A partner's key to the wire feed; only its hash is kept, the key itself is shown once when issued."""

    partner = models.CharField("partner", max_length=200, help_text="Who receives the wire, e.g. “Agence Nord”.")
    prefix = models.CharField("key starts with", max_length=12, editable=False, db_index=True)
    hashed_key = models.CharField(max_length=64, unique=True, editable=False)
    rate = models.CharField(
        "rate limit",
        max_length=30,
        default="600/hour",
        validators=[rate_check],
        help_text="Requests this key may make: “600/hour”, “20/minute”. More are refused with 429.",
    )
    created_at = models.DateTimeField("issued", auto_now_add=True)
    revoked_at = models.DateTimeField("revoked", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "partner key"
        ordering = ["partner", "-created_at"]

    def __str__(self) -> str:
        return f"{self.partner} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def key_issue(self) -> str:
        """Give this key a new secret; returns it (the only time it is known)."""
        key = f"nw_{secrets.token_urlsafe(32)}"
        self.prefix, self.hashed_key = key[:10], key_hash(key)
        return key

    def revoke(self) -> None:
        self.revoked_at = self.revoked_at or timezone.now()
