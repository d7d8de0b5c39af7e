from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .models import Pin
from .services import pins_add


class LiveFilter(admin.SimpleListFilter):
    title = "in force"
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("yes", "In force"), ("no", "Expired")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.live()
        if self.value() == "no":
            return queryset.filter(expires_at__lte=timezone.now())
        return queryset


@admin.register(Pin)
class PinAdmin(admin.ModelAdmin):
    """Pinned stories, edited in place: change the position numbers and save to reorder a front."""

    list_display = ["article", "place", "position", "expires_at", "story_status", "in_force"]
    list_display_links = ["article"]
    list_editable = ["position", "expires_at"]
    list_filter = [LiveFilter, "section"]
    list_select_related = ["article", "section"]
    autocomplete_fields = ["article", "section"]
    fields = ["article", "section", "position", "expires_at"]
    search_fields = ["article__headline"]

    @admin.display(description="place", ordering="section__position")
    def place(self, pin):
        return pin.section.name if pin.section_id else "Front page"

    @admin.display(description="story status")
    def story_status(self, pin):
        article = pin.article
        if article.is_public:
            return "Published"
        if article.is_scheduled:
            return f"Scheduled for {timezone.localtime(article.published_at):%d %b %Y %H:%M}"
        return f"{article.get_status_display()} (not shown until published)"

    @admin.display(description="in force", boolean=True)
    def in_force(self, pin):
        return pin.is_live


class ArticlePinningMixin:
    """Adds "Pin to the front page" to the article list's actions, for those who may pin."""

    def has_pin_permission(self, request) -> bool:
        return request.user.has_perm("curation.add_pin")

    @admin.action(description="Pin to the front page (after the pinned stories)", permissions=["pin"])
    def pin_to_front_page(self, request, queryset):
        count = pins_add(articles=queryset)
        self.message_user(
            request,
            format_html(
                'Pinned {} story(ies) to the front page. <a href="{}">Order the pinned stories</a>.',
                count,
                reverse("admin:curation_pin_changelist"),
            ),
            messages.SUCCESS,
        )
