"""Suggested tags for one story: names that look like actors nobody has added, and the countries
of the places it names. Each is added with one click, or dismissed for that story.

The story editor's suggestions panel reads `article_suggestions`; its buttons call `suggestion_accept`,
`suggestion_country_accept` and `suggestion_dismiss`. `suggestion_ignore` stops a name being
suggested on any story (kept in the admin's "names not suggested as actors").
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from articles.models import Article
from articles.names import name_clean, name_fold
from articles.slugs import slug_unique

from ..models import (
    Actor,
    ArticleActor,
    ArticleCountry,
    Country,
    DismissedSuggestion,
    IgnoredName,
    aliases_split,
)
from .countries import countries_detect, country_get, country_known, name_is_country
from .names import Suggestion, actors_suggest, name_is_acronym
from .places import Gazetteer, place_country
from .tagging import article_text, country_row, gazetteer_get

ACTOR_NAME_MAX_LENGTH = Actor._meta.get_field("name").max_length

# Words that make a name an organisation rather than a person ("Libyan National Army", "Central Bank").
ORGANISATION_WORDS = frozenset(
    [
        "agency",
        "airlines",
        "airways",
        "army",
        "assembly",
        "association",
        "authority",
        "bank",
        "board",
        "brigade",
        "brigades",
        "bureau",
        "club",
        "coalition",
        "command",
        "commission",
        "committee",
        "company",
        "congress",
        "corporation",
        "council",
        "court",
        "crescent",
        "cross",
        "department",
        "federation",
        "force",
        "forces",
        "front",
        "fund",
        "government",
        "group",
        "guard",
        "institute",
        "league",
        "militia",
        "ministry",
        "movement",
        "network",
        "news",
        "office",
        "organisation",
        "organization",
        "parliament",
        "party",
        "police",
        "press",
        "reserve",
        "service",
        "union",
        "university",
    ]
)


@dataclass(frozen=True)
class CountrySuggestion:
    """A country the story's places are in ("Benghazi", "Misrata" -> Libya) that it is not tagged with."""

    code: str
    name: str
    places: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class TagSuggestions:
    """What the suggestions panel offers for one story: countries first (they come from places), then actors."""

    countries: list[CountrySuggestion] = field(default_factory=list)
    actors: list[Suggestion] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.countries or self.actors)


class SuggestionError(ValueError):
    """A suggestion that cannot be accepted; the message is for the editor."""


def article_suggestions(*, article: Article) -> TagSuggestions:
    """The suggestions for `article`, most mentioned first, leaving out what was dismissed on it.

    A place of the gazetteer is never an actor; it suggests its country instead, unless the story
    is tagged with it already. A place in two countries (Tripoli) counts for the one the story
    otherwise names or is tagged with, and for none when it names both or neither.
    """
    text = article_text(article=article)
    dismissed = {
        name_fold(name) for name in DismissedSuggestion.objects.filter(article=article).values_list("name", flat=True)
    }
    ignored = {name_fold(name) for name in IgnoredName.objects.values_list("name", flat=True)}
    gazetteer = gazetteer_get()
    known: list[str] = []
    for name, aliases in Actor.objects.values_list("name", "aliases"):
        known += [name, *aliases_split(aliases)]
    country_names: set[str] = set()
    for name, aliases in Country.objects.values_list("name", "aliases"):
        country_names |= {name_fold(alias) for alias in [name, *aliases_split(aliases)]}
    actors = actors_suggest(
        text=text,
        known=known,
        is_country=lambda name: name_is_country(name) or name_fold(name) in country_names,
        is_place=gazetteer.is_place,
    )
    tagged = set(ArticleCountry.objects.filter(content_object=article).values_list("tag__code", flat=True))
    return TagSuggestions(
        countries=_countries_from_places(text=text, gazetteer=gazetteer, tagged=tagged, dismissed=dismissed),
        actors=[s for s in actors if name_fold(s.name) not in ignored and name_fold(s.name) not in dismissed],
    )


def _countries_from_places(
    *, text: str, gazetteer: Gazetteer, tagged: set[str], dismissed: set[str]
) -> list[CountrySuggestion]:
    story_codes = tagged | {country.code for country in countries_detect(text=text)}
    places: dict[str, list[tuple[str, int]]] = {}
    for mention in gazetteer.mentions(text):
        code = place_country(mention=mention, story_codes=story_codes)
        if code and code not in tagged and country_known(code=code):
            places.setdefault(code, []).append((mention.name, mention.count))
    names = dict(Country.objects.filter(code__in=list(places)).values_list("code", "name"))
    suggestions = []
    for code, mentions in places.items():
        name = names.get(code) or country_get(code=code).name
        if name_fold(name) in dismissed:
            continue
        suggestions.append(
            CountrySuggestion(
                code=code,
                name=name,
                places=tuple(place for place, _count in mentions),
                count=sum(count for _place, count in mentions),
            )
        )
    return sorted(suggestions, key=lambda suggestion: (-suggestion.count, suggestion.name))


def actor_kind_guess(name: str) -> str:
    """The kind a new actor most likely is: acronyms and names with "Army", "Party"… organisations,
    two or three other words a person, anything else "other". Editors change it on the actor's page."""
    words = re.findall(r"[\w'-]+", name.casefold())
    if name_is_acronym(name) or ORGANISATION_WORDS & set(words):
        return Actor.Kind.ORGANISATION
    if 2 <= len(words) <= 3:
        return Actor.Kind.PERSON
    return Actor.Kind.OTHER


def _suggested_name(name: str) -> str:
    name = name_clean(name or "")
    if not name:
        raise SuggestionError("The name is empty.")
    if len(name) > ACTOR_NAME_MAX_LENGTH:
        raise SuggestionError(f"The name is longer than {ACTOR_NAME_MAX_LENGTH} characters.")
    return name


def suggestion_accept(*, article: Article, name: str, kind: str | None = None) -> Actor:
    """Make `name` an actor (of `kind`, or the kind its name suggests), or find the one that has
    that name, and tag `article` with it."""
    with transaction.atomic():
        actor, _created = actor_get_or_create(name=name, kind=kind)
        ArticleActor.objects.get_or_create(content_object=article, tag=actor)
    return actor


def actor_get_or_create(*, name: str, kind: str | None = None) -> tuple[Actor, bool]:
    """The actor called `name` (whatever its case), or a new one of `kind` (or the kind its name
    suggests); and whether it was made now. Raises SuggestionError for an empty, too long or
    country's name, or an unknown kind."""
    name = _suggested_name(name)
    kind = kind or actor_kind_guess(name)
    if kind not in Actor.Kind.values:
        raise SuggestionError(f"“{kind}” is not a kind of actor.")
    with transaction.atomic():
        actor = Actor.objects.filter(name__iexact=name).first()
        if actor is not None:
            return actor, False
        if name_is_country(name):
            raise SuggestionError(f"“{name}” is a country: add it under Countries.")
        slug = slug_unique(model=Actor, text=name, max_length=100)
        return Actor.objects.create(name=name, kind=kind, slug=slug), True


def suggestion_country_accept(*, article: Article, code: str) -> Country:
    """Tag `article` with the country of ISO code `code` (created the first time it is needed)."""
    code = (code or "").strip().upper()
    if not country_known(code=code):
        raise SuggestionError(f"“{code}” is not a country code.")
    with transaction.atomic():
        country = country_row(code=code)
        ArticleCountry.objects.get_or_create(content_object=article, tag=country)
    return country


def suggestion_dismiss(*, article: Article, name: str, user: AbstractBaseUser | None = None) -> DismissedSuggestion:
    """Stop suggesting `name` (an actor's or a country's) on `article`; other stories still get it."""
    name = _suggested_name(name)
    dismissed = DismissedSuggestion.objects.filter(article=article, name__iexact=name).first()
    if dismissed is None:
        by = user if user is not None and user.is_authenticated else None
        dismissed = DismissedSuggestion.objects.create(article=article, name=name, dismissed_by=by)
    return dismissed


def suggestion_ignore(*, name: str) -> IgnoredName:
    """Never suggest `name` again (on any article); deleting the IgnoredName row undoes it."""
    name = _suggested_name(name)
    ignored = IgnoredName.objects.filter(name__iexact=name).first()
    return ignored or IgnoredName.objects.create(name=name)
