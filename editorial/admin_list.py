"""The article change list, made for 100,000 stories: filters typed rather than listed, the status as a
compact badge, a thumbnail of the lead picture and who last edited each story, with no query per row.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms import Media
from django.utils import formats, timezone
from django.utils.html import format_html

from articles.models import Article
from images.fields import picture_ready
from images.renditions import renditions_for

from .presence import user_display_name

THUMBNAIL_WIDTH = 48  # CSS pixels; the narrowest rendition (160 px) stays sharp on a 3x screen


def _short_time(moment) -> str:
    """A time short enough for one line of a column: "6 Dec, 19:29" this year, "6 Dec 2025" another year."""
    local = timezone.localtime(moment)
    return formats.date_format(local, "j M, H:i" if local.year == timezone.localtime().year else "j M Y")


def _time_element(moment, text: str) -> str:
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), text)


class ArticleChangeListMixin:
    """For ArticleAdmin: the change list's columns (status badge, thumbnail, last edited by) and the
    media its autocomplete filters need. Rows come with `section` and `updated_by` joined."""

    @admin.display(description="status", ordering="status")
    def status_badge(self, article: Article):
        """Draft, In review, Scheduled or Published on one line, and when (for the last two) below it."""
        if article.is_scheduled:
            kind, label = "scheduled", "Scheduled"
            when = _time_element(article.published_at, f"for {_short_time(article.published_at)}")
        else:
            kind, label = article.status, article.get_status_display()
            published = article.status == Article.Status.PUBLISHED and article.published_at
            when = _time_element(article.published_at, _short_time(article.published_at)) if published else ""
        return format_html(
            '<span class="status-badge status-{}">{}</span><span class="status-when">{}</span>', kind, label, when
        )

    @admin.display(description="picture")
    def thumbnail(self, article: Article):
        """The narrowest rendition of the lead picture (its name and size are on the row: no query, no storage call)."""
        if not article.lead_image or not article.lead_image_width or not article.lead_image_height:
            return format_html('<span class="visually-hidden">{}</span>', "No picture")
        if not picture_ready(article.lead_image):
            return format_html('<span class="thumbnail-pending">{}</span>', "Picture being prepared")
        smallest = renditions_for(
            name=article.lead_image.name, width=article.lead_image_width, height=article.lead_image_height
        )["WEBP"][0]
        height = round(THUMBNAIL_WIDTH * smallest.height / smallest.width)
        return format_html(
            '<img class="article-thumbnail" src="{}" width="{}" height="{}" alt="" loading="lazy">',
            article.lead_image.storage.url(smallest.name),
            THUMBNAIL_WIDTH,
            height,
        )

    @admin.display(description="last edited by", ordering="updated_at")
    def last_edited_by(self, article: Article):
        """Who saved the story last: through the admin, an action, the importer or the tagger."""
        if not article.updated_by_id:
            return format_html('<span class="edited-by">—<span class="visually-hidden">{}</span></span>', "unknown")
        return format_html('<span class="edited-by">{}</span>', user_display_name(user=article.updated_by))

    def changelist_view(self, request, extra_context=None):
        # The filters' boxes are the admin's autocomplete widgets (select2), which the list does not load itself.
        autocomplete = AutocompleteSelect(Article._meta.get_field("section"), self.admin_site).media
        own = Media(js=["admin/js/changelist_filters.js"], css={"all": ["admin/css/newsroom_editorial.css"]})
        context = {"media": self.media + autocomplete + own, **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)
