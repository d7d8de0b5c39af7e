"""The top of the front page and of each section front: the lead story and the top stories.

Articles fills a front with the latest published stories. Stories editors choose come first
when an app registers where they are kept: curation registers its pins from its
AppConfig.ready(), so articles never needs to know about them.
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet, prefetch_related_objects

from images.fields import picture_ready

from .models import Article, Section
from .selectors import articles_published, bylines_prefetch, ids_union, sections_with_latest, with_picture


@dataclass
class Front:
    """What a front shows at the top: the lead story and the top stories, chosen ones first."""

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


class PinnedStories:
    """The published stories editors put at the top of a front (`section=None`: the front page).

    This default has none; an app that keeps editors' choices registers its own with `pinned_register`.
    """

    def stories(self, *, section: Section | None, count: int) -> list[Article]:
        """Up to `count` pinned stories, in the editors' order, with their section."""
        return []

    def ids(self, *, section: Section | None) -> QuerySet | list[int]:
        """Every story pinned there (the list under the front leaves them out)."""
        return []


_pinned = PinnedStories()


def pinned_register(pinned: PinnedStories) -> None:
    global _pinned
    _pinned = pinned


def articles_unpinned(*, queryset: QuerySet[Article], section: Section | None) -> QuerySet[Article]:
    """`queryset` without the stories pinned above it (they are shown at the top already)."""
    return queryset.exclude(pk__in=_pinned.ids(section=section))


def front_build(
    *,
    section: Section | None = None,
    count: int,
    fill: bool = True,
    with_bylines: bool = True,
    lead_with_picture: bool = False,
) -> Front:
    """The top of a front: up to `count` stories, pinned ones first, then (if `fill`) the latest others.

    With `lead_with_picture` and no pin, the lead is the newest story with a picture, even when newer
    stories without one come after it (a front leads with a picture, as a newspaper's does).
    Three queries whatever the number of stories: the pinned ones, the fill, the bylines.
    """
    pinned = _pinned.stories(section=section, count=count)
    stories = list(pinned)
    if fill and len(stories) < count:
        latest = articles_published().prefetch_related(None).exclude(pk__in=[a.pk for a in pinned])
        if section is not None:
            latest = latest.filter(section=section)
        wanted = count - len(stories)
        if lead_with_picture and not pinned:
            # The latest stories and the newest one with a picture, in the same single query.
            filled = list(latest.filter(pk__in=ids_union([latest[:wanted], with_picture(latest)[:1]])))
            pictured = next((story for story in filled if picture_ready(story.lead_image)), None)
            if pictured is not None:
                filled = [pictured] + [story for story in filled if story is not pictured]
            stories += filled[:wanted]
        else:
            stories += list(latest[:wanted])
    if with_bylines:
        prefetch_related_objects(stories, bylines_prefetch())
    return Front(stories=stories, pinned_ids={a.pk for a in pinned})


def front_page_build(*, count: int, per_section: int = 4) -> tuple[Front, list[tuple[Section, list[Article]]]]:
    """The front page: its top (pins, else a picture lead, then the latest) and each section's latest stories
    not already on top, its newest story with a picture first.

    Four queries however many stories: pins, the fill, the section blocks, and all bylines at once.
    """
    front = front_build(count=count, with_bylines=False, lead_with_picture=True)
    blocks = sections_with_latest(per_section=per_section, exclude=front.ids, with_bylines=False, picture_first=True)
    prefetch_related_objects(front.stories + [a for _, articles in blocks for a in articles], bylines_prefetch())
    return front, blocks
