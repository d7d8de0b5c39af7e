from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Byline, Section
from authors.models import Author
from liveblogs.models import LiveBlog, LiveEntry
from tagging.models import Actor, Country


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class StaffFactory(UserFactory):
    is_staff = True
    is_superuser = True


def _in_group(name):
    def add(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return factory.PostGeneration(add)


class ReporterFactory(UserFactory):
    """A staff account in the Reporter group the roles migration creates."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True
    first_name = factory.Sequence(lambda n: f"Reporter{n}")
    last_name = "Writer"
    groups = _in_group("Reporter")


class EditorFactory(ReporterFactory):
    """A staff account in the Editor group the roles migration creates."""

    first_name = factory.Sequence(lambda n: f"Editor{n}")
    last_name = "Desk"
    groups = _in_group("Editor")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(lambda n: n)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author Number{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Reports on world affairs."


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = Actor.Kind.PERSON


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """Published an hour ago by default; traits `draft`, `review` and `scheduled` make the others."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        review = factory.Trait(status=Article.Status.REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
        )
        # On the partners' wire since an hour ago, held from readers for another day.
        embargoed = factory.Trait(
            status=Article.Status.PUBLISHED,
            embargo_until=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
        )

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-{n}")
    section = factory.SubFactory(SectionFactory)
    dek = "A short standfirst."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        """Bylines in the order given: `ArticleFactory(authors=[a, b])`; one new author by default."""
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        for position, author in enumerate(authors):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def actors(self, create, extracted, **kwargs):
        if create and extracted:
            self.actors.add(*extracted)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.add(*extracted)


class LiveBlogFactory(factory.django.DjangoModelFactory):
    """A story covered live since an hour ago."""

    class Meta:
        model = LiveBlog

    article = factory.SubFactory(ArticleFactory)
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class LiveEntryFactory(factory.django.DjangoModelFactory):
    """A published entry of a live blog, a minute old."""

    class Meta:
        model = LiveEntry

    blog = factory.SubFactory(LiveBlogFactory)
    body = factory.Sequence(lambda n: f"<p>Update number {n}.</p>")
    status = LiveEntry.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
