from django.contrib import admin
from django.utils import timezone

from .models import Pin


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
