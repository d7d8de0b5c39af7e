"""Reads for alerts: a subscriber's follows with their groups' names, and followers per group for editors."""

from django.db.models import Count, Q

from articles.listings import listing_get, listings_all

from .models import Follow, Subscriber


def follows_of(*, subscriber: Subscriber) -> list[dict]:
    """A subscriber's follows, each with the group it names (one query per kind followed)."""
    follows = list(subscriber.follows.order_by("kind", "pk"))
    by_kind: dict[str, set[int]] = {}
    for follow in follows:
        by_kind.setdefault(follow.kind, set()).add(follow.object_id)
    groups = {}
    for kind, ids in by_kind.items():
        model = listing_get(kind).model
        groups.update({(kind, g.pk): g for g in model.objects.filter(pk__in=ids)})
    return [{"follow": f, "group": groups.get((f.kind, f.object_id))} for f in follows]


def followers_by_kind(*, limit: int = 20) -> list[dict]:
    """For each kind, the groups with the most followers: name, followers, instant and daily counts."""
    result = []
    for listing in listings_all():
        rows = list(
            Follow.objects.filter(kind=listing.name, subscriber__suppressed_at=None)
            .values("object_id")
            .annotate(total=Count("pk"), daily=Count("pk", filter=Q(frequency=Follow.Frequency.DAILY)))
            .order_by("-total", "object_id")[:limit]
        )
        names = dict(listing.model.objects.filter(pk__in=[r["object_id"] for r in rows]).values_list("pk", "name"))
        total = Follow.objects.filter(kind=listing.name, subscriber__suppressed_at=None).count()
        result.append(
            {
                "kind": str(listing.model._meta.verbose_name_plural).capitalize(),
                "total": total,
                "groups": [
                    {"name": names.get(r["object_id"], "(removed)"), "followers": r["total"], "daily": r["daily"]}
                    for r in rows
                ],
            }
        )
    return result
