"""schema.org structured data (JSON-LD) for stories and listing pages.

Search engines read these to show rich results: a story as a `NewsArticle` crediting every
author as a `Person`, a section's, actor's or country's page as a `CollectionPage` of its
stories, about what its kind of listing says. Callers pass only published stories.
"""

import json
from collections.abc import Iterable

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from images.fields import picture_ready
from images.renditions import rendition_for_sharing, renditions_for_search

from .listings import listing_for
from .models import Article

SCHEMA_CONTEXT = "https://schema.org"
# The characters that could end a <script> element or start a comment, as JSON \u escapes
# (what Django's json_script does), so any text is safe inside the element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(*, data: dict) -> SafeString:
    """<script type="application/ld+json"> holding `data`; a data block, not code, so CSP allows it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


# The site's own pictures (tools/brand_images.py draws them): its logo, and the picture shared
# for a story that has none of its own.
LOGO = {"path": "brand/logo.png", "width": 600, "height": 120}
SHARE_IMAGE = {"path": "brand/share.png", "width": 1200, "height": 630}


def site_image(*, image: dict, request: HttpRequest) -> dict:
    """{"url", "width", "height"} of one of the site's own pictures, its address in full."""
    return {
        "url": request.build_absolute_uri(static(image["path"])),
        "width": image["width"],
        "height": image["height"],
    }


def publisher_json_ld(*, request: HttpRequest) -> dict:
    logo = site_image(image=LOGO, request=request)
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("articles:front")),
        "logo": {"@type": "ImageObject", **logo},
    }


def site_json_ld(*, request: HttpRequest) -> dict:
    """The front page's WebSite (with its search, for search engines' site search box) and its publisher."""
    front = request.build_absolute_uri(reverse("articles:front"))
    search = request.build_absolute_uri(reverse("articles:search"))
    organization = {**publisher_json_ld(request=request), "@id": f"{front}#publisher"}
    return {
        "@context": SCHEMA_CONTEXT,
        "@graph": [
            {
                "@type": "WebSite",
                "@id": f"{front}#website",
                "name": settings.NEWSROOM_SITE_NAME,
                "url": front,
                "inLanguage": settings.LANGUAGE_CODE,
                "publisher": {"@id": organization["@id"]},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
                    "query-input": "required name=search_term_string",
                },
            },
            organization,
        ],
    }


def person_json_ld(*, author, request: HttpRequest) -> dict:
    """An author as a schema.org Person with their page; bio and portrait when there are any."""
    person = {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
    }
    if author.bio:
        person["description"] = author.bio
    if author.photo and author.photo_width and picture_ready(author.photo):
        portrait = rendition_for_sharing(
            name=author.photo.name, width=author.photo_width, height=author.photo_height, target=640
        )
        person["image"] = request.build_absolute_uri(author.photo.storage.url(portrait.name))
    return person


def article_json_ld(*, article: Article, request: HttpRequest) -> dict:
    """A published story as a NewsArticle: every author in byline order, section, tags as keywords."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.last_modified.isoformat(),
        "articleSection": article.section.name,
        "author": [person_json_ld(author=byline.author, request=request) for byline in article.bylines.all()],
        "publisher": publisher_json_ld(request=request),
        "keywords": [tag.name for tag in (*article.actors.all(), *article.countries.all())],
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if article.lead_image and article.lead_image_width and picture_ready(article.lead_image):
        data["image"] = [
            request.build_absolute_uri(article.lead_image.storage.url(rendition.name))
            for rendition in renditions_for_search(
                name=article.lead_image.name, width=article.lead_image_width, height=article.lead_image_height
            )
        ]
    else:
        data["image"] = [site_image(image=SHARE_IMAGE, request=request)["url"]]
    return data


def collection_page_json_ld(
    *, group: Model, articles: Iterable[Article], request: HttpRequest, first_position: int = 1
) -> dict:
    """A section's, actor's or country's page: a CollectionPage (about the actor or country) listing its stories."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "CollectionPage",
        "name": group.name,
        "url": request.build_absolute_uri(group.get_absolute_url()),
        "isPartOf": {"@type": "WebSite", "name": settings.NEWSROOM_SITE_NAME},
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": request.build_absolute_uri(article.get_absolute_url()),
                    "name": article.headline,
                }
                for position, article in enumerate(articles, start=first_position)
            ],
        },
    }
    about = listing_for(group).about(group)
    if about:
        data["about"] = about
    if group.description:
        data["description"] = group.description
    return data
