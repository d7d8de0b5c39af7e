"""Merging duplicate actors (or countries) into one."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from articles.names import name_fold

from ..models import Actor, Country, aliases_split
from ..signals import tags_merged


@dataclass(frozen=True)
class MergeResult:
    """What a merge did: how many articles changed tag, which names became aliases."""

    articles_moved: int
    names_kept_as_aliases: list[str]


def tags_merge(*, target: Actor | Country, others: Iterable[Actor | Country]) -> MergeResult:
    """Fold `others` into `target`: their articles get `target`, their names become its aliases.

    The other tags are deleted. An article that had several of them ends up with `target` once.
    """
    others = [other for other in others if other.pk != target.pk]
    if any(type(other) is not type(target) for other in others):
        raise TypeError("Only tags of the same kind can be merged.")
    through = type(target).article_items.rel.related_model
    other_ids = [other.pk for other in others]
    with transaction.atomic():
        already = set(through.objects.filter(tag=target).values_list("content_object_id", flat=True))
        moving = set(through.objects.filter(tag_id__in=other_ids).values_list("content_object_id", flat=True))
        moving -= already
        through.objects.bulk_create([through(content_object_id=pk, tag=target) for pk in sorted(moving)])

        names = target.alias_list
        before = {name_fold(name) for name in names}
        for other in others:
            names += [other.name, *other.alias_list]
        aliases = [name for name in aliases_split("\n".join(names)) if name_fold(name) != name_fold(target.name)]
        tags_merged.send(sender=type(target), target=target, others=others)
        type(target).objects.filter(pk__in=other_ids).delete()
        target.aliases = "\n".join(aliases)
        target.save(update_fields=["aliases"])
    added = [name for name in aliases if name_fold(name) not in before]
    return MergeResult(articles_moved=len(moving), names_kept_as_aliases=added)
