"""A changed slug of something readers could see leaves a redirect from its old address; merged tags too."""

from django.db.models.signals import post_init, post_save
from django.dispatch import receiver
from django.utils import timezone

from articles.listings import listing_for
from articles.models import Article, Section
from authors.models import Author
from tagging.models import Actor, Country
from tagging.signals import tags_merged

from .models import Redirect
from .services import redirect_record

SLUGGED = (Article, Section, Author, Actor, Country)


def _article_was_public(values: dict) -> bool:
    published_at = values.get("published_at")
    embargo = values.get("embargo_until")
    now = timezone.now()
    return (
        values.get("status") == Article.Status.PUBLISHED
        and published_at is not None
        and published_at <= now
        and (embargo is None or embargo <= now)
    )


def _remember(sender, instance, **kwargs):
    # Read from __dict__: a deferred field must not cost a query for every row loaded.
    instance._redirects_slug = instance.__dict__.get("slug")
    if sender is Article:
        instance._redirects_public = _article_was_public(instance.__dict__)


def _url_with_slug(instance, slug: str) -> str:
    current = instance.slug
    instance.slug = slug
    try:
        return instance.get_absolute_url()
    finally:
        instance.slug = current


def _was_public(instance) -> bool:
    if isinstance(instance, Article):
        return getattr(instance, "_redirects_public", False)
    return listing_for(instance).public().filter(pk=instance.pk).exists()


def _slug_changed(sender, instance, created, raw=False, **kwargs):
    old_slug = getattr(instance, "_redirects_slug", None)
    if not raw and not created and old_slug and old_slug != instance.slug and _was_public(instance):
        redirect_record(
            old_path=_url_with_slug(instance, old_slug),
            new_path=instance.get_absolute_url(),
            source=Redirect.Source.SLUG,
        )
    _remember(sender, instance)


for _model in SLUGGED:
    post_init.connect(_remember, sender=_model, dispatch_uid=f"redirects-remember-{_model.__name__}")
    post_save.connect(_slug_changed, sender=_model, dispatch_uid=f"redirects-slug-{_model.__name__}")


@receiver(tags_merged, dispatch_uid="redirects-tags-merged")
def _tags_merged(sender, target, others, **kwargs):
    """The merged tags' pages lead to the one they were merged into (those readers could see).

    Sent before the merged tags are deleted, while their stories still name them."""
    public = set(
        listing_for(target).public().filter(pk__in=[other.pk for other in others]).values_list("pk", flat=True)
    )
    for other in others:
        if other.pk in public:
            redirect_record(
                old_path=other.get_absolute_url(), new_path=target.get_absolute_url(), source=Redirect.Source.MERGE
            )
