"""A story as an IPTC ninjs 2.2 news item (http://www.iptc.org/std/ninjs/), the format of Superdesk and the agencies."""

from django.conf import settings
from django.core.files.storage import default_storage

from articles.html import html_to_text
from articles.models import Article
from images.fields import picture_ready
from images.renditions import CONTENT_TYPES, renditions_for

NINJS_VERSION = "2.2"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"


def _time(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _picture(article: Article, absolute) -> dict:
    by_format = renditions_for(
        name=article.lead_image.name, width=article.lead_image_width, height=article.lead_image_height
    )
    renditions = [
        {
            "name": f"{rendition.width}w-{image_format.lower()}",
            "href": absolute(default_storage.url(rendition.name)),
            "contenttype": CONTENT_TYPES[image_format],
            "width": rendition.width,
            "height": rendition.height,
        }
        for image_format, items in by_format.items()
        for rendition in items
    ]
    picture = {
        "name": "featureimage",
        "uri": f"{absolute(article.get_absolute_url())}#lead-picture",
        "type": "picture",
        "descriptions": [{"role": "alt", "value": article.lead_image_alt}],
        "renditions": renditions,
    }
    if article.lead_image_caption:
        picture["headlines"] = [{"role": "caption", "value": article.lead_image_caption}]
    if article.lead_image_credit:
        picture["by"] = article.lead_image_credit
    return picture


def article_ninjs(*, article: Article, absolute) -> dict:
    """The ninjs item for `article` (from Article.objects.for_partners(), bylines and tags prefetched).

    `absolute` turns a site path into a full address. Actors and countries are subjects, countries
    with their ISO 3166-1 code; a story still under embargo carries `embargoed`.
    """
    text = html_to_text(article.body)
    authors = [byline.author for byline in article.bylines.all()]
    item = {
        "uri": absolute(article.get_absolute_url()),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "version": str(article.version),
        "firstcreated": _time(article.created_at),
        "versioncreated": _time(article.updated_at),
        "contentcreated": _time(article.published_at),
        "pubstatus": "usable",
        "language": settings.LANGUAGE_CODE,
        "copyrightholder": settings.NEWSROOM_SITE_NAME,
        "altids": [{"role": "slug", "value": article.slug}],
        "headlines": [{"role": "main", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": article.body,
                "charcount": len(text),
                "wordcount": len(text.split()),
            }
        ],
        "genres": [{"name": article.section.name, "literal": f"section:{article.section.slug}"}],
    }
    if article.embargo_until is not None and article.is_embargoed:
        item["embargoed"] = _time(article.embargo_until)
    if article.dek:
        item["descriptions"] = [{"role": "summary", "value": article.dek}]
    if authors:
        item["by"] = ", ".join(author.name for author in authors)
        item["people"] = [
            {"name": author.name, "rel": "author", "uri": absolute(author.get_absolute_url())} for author in authors
        ]
    subjects = [
        {
            "name": actor.name,
            "rel": "about",
            "uri": absolute(actor.get_absolute_url()),
            "literal": f"actor:{actor.slug}",
        }
        for actor in article.actors.all()
    ]
    subjects += [
        {
            "name": country.name,
            "rel": "about",
            "uri": absolute(country.get_absolute_url()),
            "literal": f"iso3166-1a2:{country.code}",
        }
        for country in article.countries.all()
    ]
    if subjects:
        item["subjects"] = subjects
    # A picture still waiting for its renditions would point partners at files not made yet.
    if (
        article.lead_image
        and article.lead_image_width
        and article.lead_image_height
        and picture_ready(article.lead_image)
    ):
        item["associations"] = [_picture(article, absolute)]
    return item
