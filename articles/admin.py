from django.contrib import admin
from django.db.models import Count

from .models import Section


class ArticleCountAdmin(admin.ModelAdmin):
    """Lists that show how many articles each row is attached to."""

    count_relation = "articles"

    def get_ordering(self, request):
        # The Count below adds a GROUP BY, which makes Django drop Meta.ordering: without this
        # the autocomplete boxes page through an unordered list.
        return self.ordering or self.model._meta.ordering

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count(self.count_relation, distinct=True))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Section)
class SectionAdmin(ArticleCountAdmin):
    list_display = ["name", "slug", "position", "article_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
