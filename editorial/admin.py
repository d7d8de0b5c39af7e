"""The article admin, where the editorial workflow lives.

`ArticleAdmin` composes the other apps' pieces for the article (tagging's actions and suggestions,
curation's pinning, the story import page) over `EditorialArticleAdmin`, which keeps reporters to
their own drafts, keeps publishing to editors whichever way a request comes in, stores a revision
at every save, and adds the story's own pages (`admin_pages`: revisions, preview links, presence, live preview).
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from js_asset import Media

from articles.models import Article, Byline, Correction, preview_secret_new
from articles.selectors import bylines_prefetch
from curation.admin import ArticlePinningMixin
from images.admin import picture_preview
from serving.pagination import EstimatedCountPaginator
from tagging.admin import ArticleTaggingMixin, ArticleTagsForm

from .admin_filters import ActorFilter, AuthorFilter, CountryFilter, DeskFilter, PublishedYearFilter, SectionFilter
from .admin_import import StoryImportAdminMixin
from .admin_list import ArticleChangeListMixin
from .admin_pages import ArticlePagesMixin
from .checks import article_checks
from .editor import story_actions, story_can_schedule
from .forms import ArticleAdminForm, time_display
from .panels import story_panels_render
from .presence import POLL_SECONDS
from .roles import article_can_edit, user_can_publish
from .services.publishing import articles_publish, articles_submit_for_review, articles_unpublish


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]
    verbose_name = "correction"
    verbose_name_plural = "corrections (shown to readers at the foot of the story)"


class EditorialArticleAdmin(ArticlePagesMixin, admin.ModelAdmin):
    # Roles ---------------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return article_can_edit(article=obj, user=request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and user_can_publish(user=request.user)

    def has_publish_permission(self, request):
        return user_can_publish(user=request.user)

    def articles_editable(self, request, queryset) -> tuple[QuerySet[Article] | list[Article], int]:
        """The selected articles this user may edit, and how many of the others were left out."""
        if user_can_publish(user=request.user) and request.user.has_perm("articles.change_article"):
            return queryset, 0  # an editor edits every article: no need to read them one by one
        selected = list(queryset)
        editable = [article for article in selected if article_can_edit(article=article, user=request.user)]
        return editable, len(selected) - len(editable)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        # Corrections are for stories already written, and only editors add them.
        if obj is None or not user_can_publish(user=request.user):
            inlines = [inline for inline in inlines if not isinstance(inline, CorrectionInline)]
        return inlines

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        elif _publication_changed(form):
            obj.preview_secret = preview_secret_new()  # publishing or unpublishing ends the preview links
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    # History: each save through the form is one revision (article, bylines and tags) -------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved with no changes.")
        return entry

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor loads through an import map, an inline <script>: it carries the
        # request's CSP nonce so the Content-Security-Policy can forbid every other inline script.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and context.get("media") is not None:
            context["media"] = Media.from_media(context["media"], nonce=str(nonce))
        obj = context.get("original")
        form = context["adminform"].form if context.get("adminform") is not None else None
        if obj is not None and obj.pk and form is not None and form.is_bound:
            # A refused save has put the posted status on the instance: the panel shows the stored one.
            obj = context["original"] = Article.objects.get(pk=obj.pk)
        context["presence_poll_seconds"] = POLL_SECONDS
        context["can_publish"] = user_can_publish(user=request.user)
        context["story_actions"] = story_actions(article=obj, user=request.user)
        context["can_schedule"] = story_can_schedule(article=obj, user=request.user)
        context["publication_state"] = self.publication_state(obj) if obj is not None and obj.pk else None
        context["preview_url"] = obj.get_absolute_url() if obj is not None and obj.pk else None
        posted_checks = getattr(form, "story_checks", None)
        if posted_checks is None and form is not None:
            # The form's initial data already holds the tags: no query more for the checks.
            posted_checks = article_checks(article=obj, initial=form.initial)
        context["story_checks"] = posted_checks or []
        context["story_panels"], context["story_panel_forms"] = story_panels_render(article=obj, request=request)
        return super().render_change_form(request, context, *args, **kwargs)

    # Status --------------------------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def publication_state(self, article):
        if article.is_scheduled:
            return f"Scheduled for {time_display(article.published_at)}"
        if article.status == Article.Status.PUBLISHED and article.published_at:
            return f"Published {time_display(article.published_at)}"
        return article.get_status_display()

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        count = articles_publish(articles=queryset, user=request.user)
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = articles_unpublish(articles=queryset, user=request.user)
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        submitted, skipped = articles_submit_for_review(articles=queryset, user=request.user)
        self.message_user(request, f"Submitted {submitted} article(s) for review.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} article(s) were left as they were: only your own drafts can be submitted.",
                messages.WARNING,
            )


def _publication_changed(form) -> bool:
    """Whether a save publishes, unpublishes or reschedules the story (a change of, or to, "Published").

    Compared with what the form was opened with: the side panel's buttons set the status in the
    form's cleaning, so the posted data alone does not tell.
    """
    before, after = form.initial.get("status"), form.instance.status
    if Article.Status.PUBLISHED not in {before, after}:
        return False
    return before != after or form.initial.get("published_at") != form.instance.published_at


class BylineForm(forms.ModelForm):
    class Meta:
        model = Byline
        fields = ["author", "position"]
        # Set from the order of the rows (moved up and down in the editor), never typed.
        widgets = {"position": forms.HiddenInput(attrs={"class": "byline-position"})}


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineForm
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines"
    classes = ["story-bylines"]


class ArticleForm(ArticleTagsForm, ArticleAdminForm):
    """The article form: typed countries checked, plus the editorial rules (version, roles, rich text)."""


@admin.register(Article)
class ArticleAdmin(
    ArticleChangeListMixin, ArticleTaggingMixin, StoryImportAdminMixin, ArticlePinningMixin, EditorialArticleAdmin
):
    form = ArticleForm
    list_display = ["thumbnail", "headline", "section", "byline_names", "status_badge", "last_edited_by"]
    list_display_links = ["headline"]
    # Authors, actors, countries and sections are typed into autocomplete boxes: none is listed whole.
    list_filter = [
        DeskFilter,
        "status",
        SectionFilter,
        AuthorFilter,
        ActorFilter,
        CountryFilter,
        ("published_at", admin.DateFieldListFilter),
        PublishedYearFilter,
    ]
    list_select_related = ["section", "updated_by"]
    search_fields = ["headline", "dek", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section"]
    inlines = [BylineInline, CorrectionInline]
    # 100,000 articles: no second COUNT(*) of the whole table, and PostgreSQL's estimate for the first.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    actions = ["publish_now", "unpublish", "submit_for_review", "tag_actors_and_countries", "pin_to_front_page"]
    readonly_fields = ["publication_state", "actor_suggestions", "lead_image_preview"]
    # The story editor (change_form.html): the first fieldset is the main column, the others the side panel.
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "version_loaded"]}),
        ("Section", {"fields": ["section"]}),
        ("Publication", {"fields": ["publication_state", "status", "published_at"]}),
        ("Embargo", {"fields": ["embargo_until"]}),
        ("Tags", {"fields": ["actors", "countries", "actor_suggestions"]}),
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
    ]

    class Media:
        css = {"all": ["admin/css/story_editor.css", "admin/css/tag_suggestions.css"]}
        js = ["admin/js/story_editor.js", "admin/js/tag_suggestions.js", "admin/js/tag_chips.js"]

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
