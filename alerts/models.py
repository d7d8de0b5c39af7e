"""Readers who follow sections, authors, actors and countries by email, what they were sent, and partners' webhooks."""

import secrets

from django.db import models
from django.db.models.functions import Lower

from articles.models import Article


def secret_new() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """An email address that confirmed it wants mail from the site (nothing is stored before that)."""

    email = models.EmailField("email address", max_length=254)
    # Signs the reader's "manage my alerts" and unsubscribe links: a new value ends every link sent before.
    secret = models.CharField("secret", max_length=64, default=secret_new, editable=False)
    briefing = models.BooleanField("daily briefing", default=False, help_text="The day's top stories, every morning.")
    confirmed_at = models.DateTimeField("confirmed")
    suppressed_at = models.DateTimeField(
        "suppressed", null=True, blank=True, help_text="Set by a bounce or complaint: nothing is sent to this address."
    )
    suppressed_reason = models.CharField("suppression reason", max_length=20, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="alerts_subscriber_email_unique")]

    def __str__(self) -> str:
        return f"subscriber {self.pk}"  # never the address: this shows in logs and tracebacks


class Follow(models.Model):
    """A subscriber's wish to hear about new stories of one section, author, actor or country."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", "As it happens"
        DAILY = "daily", "Daily digest"

    subscriber = models.ForeignKey(
        Subscriber, verbose_name="subscriber", on_delete=models.CASCADE, related_name="follows"
    )
    # The listing kind (articles.listings: "section", "author", "actor", "country") and the group's id.
    kind = models.CharField("kind", max_length=20)
    object_id = models.PositiveBigIntegerField("group id")
    frequency = models.CharField("frequency", max_length=10, choices=Frequency.choices, default=Frequency.INSTANT)
    created_at = models.DateTimeField("followed", auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "kind", "object_id"], name="alerts_follow_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id", "frequency"], name="alerts_follow_group_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class StoryEvent(models.Model):
    """A story that has gone live, seen once by the clock: the only source of alerts and webhooks.

    One row per story, ever: unpublishing and republishing finds the row and alerts nobody again.
    """

    article = models.OneToOneField(Article, verbose_name="story", on_delete=models.CASCADE, related_name="+")
    went_live_at = models.DateTimeField("went live")
    # Whether readers were alerted; False for stories already old when first seen (the archive, imports).
    alerted = models.BooleanField("alerted", default=True)
    # What the clock last saw, to tell partners of updates and unpublishing.
    is_live = models.BooleanField("live", default=True)
    seen_updated_at = models.DateTimeField("last update seen")

    def __str__(self) -> str:
        return f"story {self.article_id} went live {self.went_live_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """A story sent to a subscriber (in an alert, a digest or a briefing): never twice to one address."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    # Claimed before the message goes out: a send stopped half-way never sends a story again.
    claimed_at = models.DateTimeField("claimed")
    claim = models.CharField("claim", max_length=32, db_index=True)  # which send claimed it
    sent_at = models.DateTimeField("sent", null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["subscriber", "article"], name="alerts_delivery_unique")]

    def __str__(self) -> str:
        return f"story {self.article_id} to subscriber {self.subscriber_id}"


class DailyRun(models.Model):
    """A day's digest and briefing, started once whatever the number of clocks or restarts."""

    day = models.DateField("day", unique=True)
    started_at = models.DateTimeField("started", auto_now_add=True)

    def __str__(self) -> str:
        return f"daily mail of {self.day}"


class Sending(models.Model):
    """The editors' switch for all reader mail (a single row)."""

    paused = models.BooleanField("sending paused", default=False)
    paused_by = models.CharField("paused by", max_length=150, blank=True)
    changed_at = models.DateTimeField("changed", auto_now=True)

    class Meta:
        verbose_name = "reader mail"
        verbose_name_plural = "reader mail"

    def __str__(self) -> str:
        return "Reader mail"


class Webhook(models.Model):
    """A partner's address that gets a signed JSON message when a story goes live, changes or is unpublished."""

    name = models.CharField("partner", max_length=200)
    url = models.URLField("address", max_length=500, help_text="Receives a POST with a JSON body.")
    secret = models.CharField(
        "signing secret",
        max_length=64,
        default=secret_new,
        help_text="Give it to the partner: each message carries X-Newsroom-Signature, the HMAC-SHA256 of its body.",
    )
    active = models.BooleanField("active", default=True)

    def __str__(self) -> str:
        return self.name
