"""The live preview's story: the unsaved form's bylines, actors and countries put on the article in memory.

The story page reads `article.bylines.all`, `article.actors.all` and `article.countries.all`. Here
they are filled, as a prefetch would fill them, from what the editor has in the form and has not
saved, so the preview shows the page exactly as readers will see it after the save. Nothing is
written: a name that is not yet an actor or a country becomes an unsaved one, as the save would
create it.
"""

from collections.abc import Iterable

from django.db.models import Model, Q
from django.forms import BaseFormSet

from articles.models import Article, Byline
from articles.names import name_fold
from articles.slugs import slug_base
from tagging.models import Actor, Country


def _prefetched(article: Article, name: str, objects: list[Model]) -> None:
    """Put `objects` where a prefetch of `article.<name>` would put them: a queryset already read, as
    Django's prefetch_related_objects leaves it, so `.all` in the templates reads no row."""
    queryset = getattr(article, name).all()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    if not hasattr(article, "_prefetched_objects_cache"):
        article._prefetched_objects_cache = {}
    article._prefetched_objects_cache[name] = queryset


def _bylines_posted(formset: BaseFormSet) -> list[Byline]:
    """The bylines rows of the form that would be saved, in the order the editor put them."""
    rows = []
    for index, form in enumerate(formset.forms):
        cleaned = getattr(form, "cleaned_data", None) or {}
        if not cleaned.get("author") or cleaned.get("DELETE"):
            continue
        rows.append((cleaned.get("position") or 0, index, form.instance))
    return [byline for _position, _index, byline in sorted(rows, key=lambda row: row[:2])]


def _unsaved(model: type[Actor | Country], name: str) -> Actor | Country:
    """A tag the save would create, with the slug its page would have (for the link the story page draws)."""
    return model(name=name, slug=slug_base(name, max_length=90, fallback=model._meta.model_name))


def _tags_named(*, model: type[Actor | Country], names: Iterable[str], stored: list) -> list:
    """The tags the names stand for: those the story has in their order, then the others as typed.

    A name not yet in the table is an unsaved row, as the save would create it (with its slug,
    so the page can link it)."""
    wanted = {name_fold(name): name for name in names}
    kept = [tag for tag in stored if name_fold(tag.name) in wanted]
    missing = [name for folded, name in wanted.items() if folded not in {name_fold(tag.name) for tag in kept}]
    found = {}
    if missing:
        query = Q()
        for name in missing:
            query |= Q(name__iexact=name)
        found = {name_fold(tag.name): tag for tag in model.objects.filter(query)}
    added = [found.get(name_fold(name)) or _unsaved(model, name) for name in missing]
    return kept + added


def article_unsaved_relations_apply(*, article: Article, form, formsets: list[BaseFormSet]) -> None:
    """Give `article` (in memory) the bylines, actors and countries of the unsaved, validated `form`.

    A part of the form that does not validate keeps what is saved, so the preview never shows
    less than the story has."""
    for formset in formsets:
        if formset.prefix == "bylines" and formset.is_valid():
            bylines = _bylines_posted(formset)
            for byline in bylines:
                byline.article = article
            _prefetched(article, "bylines", bylines)
    cleaned = getattr(form, "cleaned_data", {})
    for name, model in (("actors", Actor), ("countries", Country)):
        if name in cleaned:
            stored = list(getattr(article, name).all())
            _prefetched(article, name, _tags_named(model=model, names=cleaned[name] or [], stored=stored))
