"""The groups (sections, authors, actors, countries) readers follow, named as "kind:id" in forms and links."""

from django.db.models import Model

from articles.listings import listing_for, listing_get, listings_all
from articles.models import Article


def group_key(group: Model) -> str:
    return f"{listing_for(group).name}:{group.pk}"


def groups_from_keys(keys: list[str]) -> list[Model]:
    """The public groups named by `keys` ("section:3"), in order; unknown, malformed or unpublished ones left out."""
    found = []
    for key in dict.fromkeys(keys):
        kind, _, pk = key.partition(":")
        try:
            listing = listing_get(kind)
        except KeyError:
            continue
        if not pk.isdigit():
            continue
        group = listing.public().filter(pk=int(pk)).first()
        if group is not None:
            found.append(group)
    return found


def groups_of_article(article: Article) -> list[Model]:
    """Every group a story is listed under: its section, authors, actors and countries (one query per kind)."""
    groups = []
    for listing in listings_all():
        groups.extend(listing.model.objects.filter(**{listing.group_articles_lookup: article}).order_by("pk"))
    return groups


def group_targets(article: Article) -> dict[str, list[int]]:
    """The ids of a story's groups, by kind."""
    targets: dict[str, list[int]] = {}
    for group in groups_of_article(article):
        targets.setdefault(listing_for(group).name, []).append(group.pk)
    return targets
