"""`{% story_cards articles heading_level=2 %}`: the story cards of a list, each kept by what it shows.

The same HTML as `{% for article in articles %}{% include "includes/_article_card.html" %}`, but a
card is rendered only when something it shows changed (serving/fragments.py): its story's
headline, dek, address, date or picture, its section's name and address, its bylines, or the
templates and addresses it is made with. Lists with a search snippet are rendered every time.
"""

import hashlib
from functools import cache

from django import template
from django.conf import settings
from django.db.models import Model
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe

from images.fields import picture_ready
from serving.fragments import fragments_get_or_render

from ..extensions import story_extensions

register = template.Library()

CARD_TEMPLATE = "includes/_article_card.html"
MADE_WITH = (CARD_TEMPLATE, "includes/_byline.html", "images/_picture.html")


def _card_extensions():
    return [extension for extension in story_extensions() if extension.card_template]


@register.simple_tag(takes_context=True)
def story_card_extras(context, article) -> str:
    """What other apps add to a card's meta (a live story's badge), each from its own template."""
    pieces = []
    for extension in _card_extensions():
        with context.push(article=article):
            pieces.append(context.template.engine.get_template(extension.card_template).render(context))
    return mark_safe("".join(pieces))  # noqa: S308 (rendered, autoescaped templates)


@register.simple_tag(takes_context=True)
def story_page_extras(context, slot: str) -> str:
    """What other apps add to the story page in `slot` ("head", "header", "body"), each from its template."""
    pieces = []
    for extension in story_extensions():
        name = getattr(extension, f"{slot}_template")
        if name:
            pieces.append(context.template.engine.get_template(name).render(context))
    return mark_safe("".join(pieces))  # noqa: S308 (rendered, autoescaped templates)


@cache
def _made_with() -> str:
    """A digest of the templates and address patterns a card is made with, once per process (a deploy
    that changes them makes new keys)."""
    sources = [get_template(name).template.source for name in MADE_WITH]
    addresses = [
        reverse("articles:detail", kwargs={"slug": "s"}),
        reverse("articles:section", kwargs={"slug": "s"}),
        reverse("authors:detail", kwargs={"slug": "s"}),
    ]
    sources += [get_template(extension.card_template).template.source for extension in _card_extensions()]
    made_with = [*sources, *addresses, settings.MEDIA_URL, settings.TIME_ZONE, settings.LANGUAGE_CODE]
    return hashlib.blake2b("\0".join(made_with).encode(), digest_size=16).hexdigest()


def card_fingerprint(article, *, heading_level, lead, variant="", no_kicker=False) -> tuple:
    section = article.section
    image = article.lead_image
    return (
        _made_with(),
        heading_level,
        bool(lead),
        variant,
        bool(no_kicker),
        article.pk,
        article.slug,
        article.headline,
        article.dek,
        article.published_at.timestamp() if article.published_at else None,
        image.name if image else "",
        picture_ready(image),  # a picture still waiting for its renditions is left out of the card
        article.lead_image_width,
        article.lead_image_height,
        article.lead_image_alt,
        section.slug,
        section.name,
        tuple((byline.author.slug, byline.author.name) for byline in article.bylines.all()),
        # What other apps show on the card (a live story's badge and latest update).
        tuple(extension.card_fingerprint(article) for extension in story_extensions()),
    )


@register.simple_tag(takes_context=True)
def story_cards(context, articles, heading_level=3, lead=False, variant="", no_kicker=False):
    card = context.template.engine.get_template(CARD_TEMPLATE)

    def render(article) -> str:
        # picture_shared: a card is kept for everyone, so it never carries staff's note on a waiting picture.
        with context.push(
            article=article,
            heading_level=heading_level,
            lead=lead,
            variant=variant,
            no_kicker=no_kicker,
            picture_shared=True,
        ):
            return card.render(context)

    articles = [articles] if isinstance(articles, Model) else list(articles)  # one story: the front's lead
    if context.get("search_query"):
        return mark_safe("".join(render(article) for article in articles))  # noqa: S308 (rendered templates)
    pieces = fragments_get_or_render(
        kind="card",
        items=articles,
        fingerprint=lambda article: card_fingerprint(
            article, heading_level=heading_level, lead=lead, variant=variant, no_kicker=no_kicker
        ),
        render=render,
    )
    return mark_safe("".join(pieces))  # noqa: S308 (each piece is a rendered, autoescaped template)
