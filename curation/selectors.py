"""Read logic for curated fronts: the editors' pinned stories, then the latest ones."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Min, prefetch_related_objects
from django.utils import timezone

from articles.models import Article, Section
from articles.selectors import articles_published, bylines_prefetch, sections_with_latest

from .models import Pin


@dataclass
class Front:
    """What a front shows at the top: the lead story and the top stories, pinned ones first."""

    stories: list[Article] = field(default_factory=list)
    pinned_ids: set[int] = field(default_factory=set)

    @property
    def lead(self) -> Article | None:
        return self.stories[0] if self.stories else None

    @property
    def top(self) -> list[Article]:
        return self.stories[1:]

    @property
    def ids(self) -> list[int]:
        return [story.pk for story in self.stories]


def pins_live(*, section: Section | None = None):
    """The live pins of the front page (section=None) or of a section front, in the editors' order.

    A pin only counts while its story is published (scheduled ones wait) and its expiry is ahead.
    """
    return (
        Pin.objects.live().filter(section=section, article__in=Article.objects.published()).order_by("position", "id")
    )


def front_build(*, section: Section | None = None, count: int, fill: bool = True, with_bylines: bool = True) -> Front:
    """The top of a front: up to `count` stories, pinned ones first, then (if `fill`) the latest others.

    Three queries whatever the number of stories: pins with their articles, the fill, the bylines.
    """
    pins = pins_live(section=section).select_related("article__section")[:count]
    pinned = [pin.article for pin in pins]
    stories = list(pinned)
    if fill and len(stories) < count:
        latest = articles_published().prefetch_related(None).exclude(pk__in=[a.pk for a in pinned])
        if section is not None:
            latest = latest.filter(section=section)
        stories += list(latest[: count - len(stories)])
    if with_bylines:
        prefetch_related_objects(stories, bylines_prefetch())
    return Front(stories=stories, pinned_ids={a.pk for a in pinned})


def front_page_build(*, count: int, per_section: int = 4) -> tuple[Front, list[tuple[Section, list[Article]]]]:
    """The front page: its top (pins, then the latest) and each section's latest stories not already on top.

    Four queries however many stories: pins, the fill, the section blocks, and all bylines at once.
    """
    front = front_build(count=count, with_bylines=False)
    blocks = sections_with_latest(per_section=per_section, exclude=front.ids, with_bylines=False)
    prefetch_related_objects(front.stories + [a for _, articles in blocks for a in articles], bylines_prefetch())
    return front, blocks


def next_pin_expiry() -> datetime | None:
    """When the next live pin expires, if any (the page cache expires its pages then)."""
    return Pin.objects.filter(expires_at__gt=timezone.now()).aggregate(soonest=Min("expires_at"))["soonest"]
