from django.contrib import admin
from django.db.models import Count

from curation.admin import ArticlePinningMixin
from images.admin import picture_preview
from serving.pagination import EstimatedCountPaginator

from .admin_editorial import CorrectionInline, EditorialArticleAdmin
from .admin_filters import PublishedYearFilter
from .admin_import import StoryImportAdminMixin
from .admin_tagging import AliasedTagAdminMixin, ArticleTaggingMixin, ArticleTagsForm
from .forms import ArticleAdminForm
from .models import Actor, Article, Byline, Country, IgnoredName, Section
from .selectors import bylines_prefetch


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in the order they read)"


class ArticleForm(ArticleTagsForm, ArticleAdminForm):
    """The article form: typed countries checked, plus the editorial rules (version, roles, rich text)."""


@admin.register(Article)
class ArticleAdmin(ArticleTaggingMixin, StoryImportAdminMixin, ArticlePinningMixin, EditorialArticleAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "byline_names", "publication_state"]
    list_filter = ["status", "section", "authors", ("published_at", admin.DateFieldListFilter), PublishedYearFilter]
    list_select_related = ["section"]
    search_fields = ["headline", "dek", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline, CorrectionInline]
    # 100,000 articles: no second COUNT(*) of the whole table, and PostgreSQL's estimate for the first.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    actions = ["publish_now", "unpublish", "submit_for_review", "tag_actors_and_countries", "pin_to_front_page"]
    readonly_fields = ["publication_state", "actor_suggestions", "lead_image_preview"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "section", "dek", "body", "version_loaded"]}),
        (
            "Lead picture",
            {
                "fields": [
                    "lead_image_preview",
                    "lead_image",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
        ("Publication", {"fields": ["publication_state", "status", "published_at"]}),
        ("Tags", {"fields": ["actors", "countries", "actor_suggestions"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(bylines_prefetch())

    @admin.display(description="bylines")
    def byline_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description="current picture")
    def lead_image_preview(self, article):
        return picture_preview(
            image=article.lead_image, width=article.lead_image_width, height=article.lead_image_height
        )


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


@admin.register(Actor)
class ActorAdmin(AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "kind", "alias_names", "article_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(AliasedTagAdminMixin, ArticleCountAdmin):
    count_relation = "article_items"
    list_display = ["name", "code", "alias_names", "article_count"]
    search_fields = ["name", "code", "aliases"]
    actions = ["merge_selected"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(IgnoredName)
class IgnoredNameAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
