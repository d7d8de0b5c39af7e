"""Read logic for curated fronts: the stories editors pinned, and when a pin next runs out."""

from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from articles.extensions import with_extensions
from articles.fronts import PinnedStories
from articles.models import Article, Section

from .models import Pin


def pins_live(*, section: Section | None = None):
    """The live pins of the front page (section=None) or of a section front, in the editors' order.

    A pin only counts while its story is published (scheduled ones wait) and its expiry is ahead.
    """
    return (
        Pin.objects.live().filter(section=section, article__in=Article.objects.published()).order_by("position", "id")
    )


class Pins(PinnedStories):
    """The fronts' pinned stories, as editors order them in the admin; registered in CurationConfig.ready()."""

    def stories(self, *, section: Section | None, count: int) -> list[Article]:
        pins = with_extensions(pins_live(section=section), prefix="article__").select_related("article__section")
        return [pin.article for pin in pins[:count]]

    def ids(self, *, section: Section | None):
        return pins_live(section=section).values("article_id")


def next_pin_expiry() -> datetime | None:
    """When the next live pin expires, if any (the page cache expires its pages then)."""
    return Pin.objects.filter(expires_at__gt=timezone.now()).aggregate(soonest=Min("expires_at"))["soonest"]
