"""Automatic tagging: the countries and known actors each article names.

One service for the importer, the admin action and `manage.py tag_articles`. It
only ever adds tags, and never adds the same tag to an article twice: a tag an
editor removed stays removed (see AutoTag), and nothing an editor added is taken away.
Adding tags is an edit like a save: the article's version goes up, so a form opened
before cannot save over them, and a user's tagging is kept in the article's history.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from articles.html import html_to_text
from articles.models import Article
from articles.slugs import slug_unique
from serving.content_version import content_changed
from serving.dependencies import LIST_ARCHIVE, list_key, row_key

from ..models import Actor, ArticleActor, ArticleCountry, AutoTag, Country, Place
from ..signals import articles_tagged
from .countries import countries_detect, country_get
from .names import NameIndex
from .places import Gazetteer, gazetteer_build

CHUNK_SIZE = 500


@dataclass
class TaggingSummary:
    """What a tagging run added."""

    articles: int = 0
    articles_changed: int = 0
    countries_added: list[str] = field(default_factory=list)
    actors_added: list[str] = field(default_factory=list)


def article_text(*, article: Article) -> str:
    """The words a reader reads: headline, dek and body as plain text, one block per paragraph."""
    blocks = (article.headline, article.dek, *html_to_text(article.body).split("\n"))
    return "\n\n".join(block for block in blocks if block)


def gazetteer_get() -> Gazetteer:
    """The gazetteer as the Place rows say now (one query; compiled again only after an edit)."""
    return gazetteer_build(tuple(Place.objects.order_by("pk").values_list("name", "country_code")))


class Tagger:
    """The known actors and countries, loaded once and matched against many articles."""

    def __init__(self) -> None:
        self.actors = {actor.pk: actor for actor in Actor.objects.all()}
        # A city's name is never an actor's ("Tripoli" for the government there): the gazetteer wins.
        places = gazetteer_get()
        self.actor_index = NameIndex(
            {
                pk: [name for name in [actor.name, *actor.alias_list] if not places.is_place(name)]
                for pk, actor in self.actors.items()
            }
        )
        self.countries_by_code = {country.code: country for country in Country.objects.all()}
        self.country_alias_index = NameIndex(
            {country.pk: country.alias_list for country in self.countries_by_code.values() if country.aliases}
        )
        self.countries = {country.pk: country for country in self.countries_by_code.values()}

    def actor_ids(self, text: str) -> set[int]:
        return self.actor_index.match(text)

    def country_ids(self, text: str) -> set[int]:
        ids = {self.country_for(code=country.code).pk for country in countries_detect(text=text)}
        return ids | self.country_alias_index.match(text)

    def country_for(self, *, code: str) -> Country:
        """The Country row for `code`, created with its readable name the first time it is needed."""
        if code not in self.countries_by_code:
            country = country_row(code=code)
            self.countries_by_code[code] = country
            self.countries[country.pk] = country
        return self.countries_by_code[code]


def country_row(*, code: str) -> Country:
    """The Country row for ISO code `code`, created with its readable name if there is none yet."""
    country = Country.objects.filter(code=code).first()
    if country is None:
        name = country_get(code=code).name
        if Country.objects.filter(name__iexact=name).exists():
            name = f"{name} ({code})"
        country = Country.objects.create(
            code=code, name=name, slug=slug_unique(model=Country, text=name, max_length=100)
        )
    return country


def articles_tag(
    *,
    articles: QuerySet[Article] | Iterable[Article],
    tagger: Tagger | None = None,
    user: AbstractBaseUser | None = None,
    touch: bool = True,
) -> TaggingSummary:
    """Add the country and actor tags each article's text calls for; never remove any.

    Safe to run again and again: a second run over the same texts adds nothing. Works in
    chunks, so the whole archive can be tagged with a constant number of queries per chunk.
    Each article that gains a tag goes up a version, as at a save: a change form opened before
    would otherwise save its old tag list over the new tags, and the tagger would not add them
    again. With a `user` (the admin action, which passes only the articles they may edit) each
    one changed is saved by them and `articles_tagged` is sent, so its history can keep the
    change; without one, the caller is the system itself (an operator's command, or the importer,
    which keeps its own revision). Without `touch` (a big import's tagging, done by a worker moments
    after the import) the stories keep their modification time, as if tagged during the import: the
    alerts clock would otherwise tell partners of an update to every story of the import.
    """
    tagger = tagger or Tagger()
    summary = TaggingSummary()
    for chunk in _chunks(articles):
        with transaction.atomic():
            added = _chunk_tag(chunk=chunk, tagger=tagger, summary=summary)
            if added:
                _tagging_record(chunk=chunk, added=added, user=user, touch=touch)
    return summary


def article_tag(*, article: Article) -> TaggingSummary:
    """Tag one article (the importer calls this for each story it saves)."""
    return articles_tag(articles=[article])


def tagging_in_background(*, stories: int) -> bool:
    """Whether an import of `stories` stories tags them on the task queue rather than at once.

    A few stories are tagged at once, so the editor sees their tags in the import's report; many
    would keep the editor's request (or the command) waiting on the tagger, so they are queued.
    """
    return stories > settings.TAGGING_BACKGROUND_AFTER


def articles_tag_later(*, article_ids: Sequence[int]) -> int:
    """Queue the tagging of `article_ids`, in chunks of TAGGING_TASK_CHUNK stories; how many tasks.

    Inside a transaction the tasks are written with it (the database backend), so an import rolled
    back (a trial run) queues nothing; a worker tags them once committed.
    """
    from ..tasks import articles_tag_chunk

    ids = sorted(set(article_ids))
    size = settings.TAGGING_TASK_CHUNK
    for start in range(0, len(ids), size):
        articles_tag_chunk.enqueue(article_ids=ids[start : start + size])
    return -(-len(ids) // size)


def _tagging_record(
    *, chunk: list[Article], added: dict[int, list[str]], user: AbstractBaseUser | None, touch: bool = True
) -> None:
    """Count the new tags as an edit of each article that got some: version, time (if `touch`), and who."""
    now = timezone.now()
    saved_by = {"updated_by": user} if user is not None and user.is_authenticated else {}
    changes = {"version": F("version") + 1, **({"updated_at": now} if touch else {}), **saved_by}
    Article.objects.filter(pk__in=list(added)).update(**changes)
    for article in chunk:
        # Keep the caller's instance current (the importer saves it into its revision next);
        # the chunks read from a queryset leave these fields deferred, and stay so.
        if article.pk in added and not {"version", "updated_at"} & article.get_deferred_fields():
            article.version += 1
            if touch:
                article.updated_at = now
    if saved_by:
        articles_tagged.send(sender=Article, added=added, user=user)


def _chunks(articles: QuerySet[Article] | Iterable[Article]) -> Iterator[list[Article]]:
    if not isinstance(articles, QuerySet):
        articles = list(articles)
        for start in range(0, len(articles), CHUNK_SIZE):
            yield articles[start : start + CHUNK_SIZE]
        return
    ids = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = Article.objects.filter(pk__in=ids[start : start + CHUNK_SIZE]).order_by("pk")
        yield list(chunk.only("pk", "headline", "dek", "body"))


def _chunk_tag(*, chunk: list[Article], tagger: Tagger, summary: TaggingSummary) -> dict[int, list[str]]:
    """Tag the articles of `chunk`; returns the names added to each article that got any."""
    ids = [article.pk for article in chunk]
    has_actor = set(ArticleActor.objects.filter(content_object__in=ids).values_list("content_object_id", "tag_id"))
    has_country = set(ArticleCountry.objects.filter(content_object__in=ids).values_list("content_object_id", "tag_id"))
    for article_id, actor_id, country_id in AutoTag.objects.filter(article__in=ids).values_list(
        "article_id", "actor_id", "country_id"
    ):
        # Added once already: if it is missing now, an editor removed it.
        has_actor.add((article_id, actor_id))
        has_country.add((article_id, country_id))
    new_actors: list[ArticleActor] = []
    new_countries: list[ArticleCountry] = []
    added: dict[int, list[str]] = {}
    for article in chunk:
        text = article_text(article=article)
        added_actors = sorted(pk for pk in tagger.actor_ids(text) if (article.pk, pk) not in has_actor)
        added_countries = sorted(pk for pk in tagger.country_ids(text) if (article.pk, pk) not in has_country)
        new_actors += [ArticleActor(content_object_id=article.pk, tag_id=pk) for pk in added_actors]
        new_countries += [ArticleCountry(content_object_id=article.pk, tag_id=pk) for pk in added_countries]
        actor_names = [tagger.actors[pk].name for pk in added_actors]
        country_names = [tagger.countries[pk].name for pk in added_countries]
        summary.actors_added += actor_names
        summary.countries_added += country_names
        if actor_names or country_names:
            added[article.pk] = country_names + actor_names
    summary.articles_changed += len(added)
    summary.articles += len(chunk)
    ArticleActor.objects.bulk_create(new_actors, ignore_conflicts=True)
    ArticleCountry.objects.bulk_create(new_countries, ignore_conflicts=True)
    AutoTag.objects.bulk_create(
        [AutoTag(article_id=row.content_object_id, actor_id=row.tag_id) for row in new_actors]
        + [AutoTag(article_id=row.content_object_id, country_id=row.tag_id) for row in new_countries],
        ignore_conflicts=True,
    )
    if new_actors or new_countries:
        # bulk_create sends no signals: the page cache is told which stories and lists changed.
        content_changed(keys=tagged_keys(actors=new_actors, countries=new_countries))
    return added


def tagged_keys(*, actors: list[ArticleActor], countries: list[ArticleCountry]) -> set[str]:
    """The page cache keys of new tag rows: each story, each tag's list, and the archive (its filters)."""
    keys = {LIST_ARCHIVE}
    for rows, model in ((actors, Actor), (countries, Country)):
        for row in rows:
            keys |= {row_key("article", row.content_object_id), list_key(model._meta.model_name, row.tag_id)}
    return keys
