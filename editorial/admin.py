"""The article admin, where the editorial workflow lives.

`ArticleAdmin` composes the other apps' pieces for the article (tagging's actions and suggestions,
curation's pinning, the story import page) over `EditorialArticleAdmin`, which keeps reporters to
their own drafts, keeps publishing to editors whichever way a request comes in, stores a revision
at every save, and adds the revisions page and signed preview links (made and revoked by editors).
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from js_asset import Media

from articles.models import Article, Byline, Correction, preview_secret_new
from articles.selectors import article_page_context, bylines_prefetch
from curation.admin import ArticlePinningMixin
from images.admin import picture_preview
from serving.pagination import EstimatedCountPaginator
from tagging.admin import ArticleTaggingMixin, ArticleTagsForm

from .admin_filters import DeskFilter, PublishedYearFilter
from .admin_import import StoryImportAdminMixin
from .checks import article_checks
from .editor import story_actions, story_can_schedule
from .forms import ArticleAdminForm, time_display
from .panels import story_panels_render
from .presence import POLL_SECONDS, presence_touch, user_display_name
from .previews import preview_link_expiry, preview_links_revoke, preview_token_make
from .revisions import article_versions, snapshots_diff, snapshots_read
from .roles import article_can_edit, user_can_publish
from .services.history import article_revision_restore
from .services.publishing import articles_publish, articles_submit_for_review, articles_unpublish


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["date", "text"]
    verbose_name = "correction"
    verbose_name_plural = "corrections (shown to readers at the foot of the story)"


class EditorialArticleAdmin(admin.ModelAdmin):
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

    # Extra pages: revisions, restore, preview links ----------------------------------------

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/revisions/",
                self.admin_site.admin_view(self.revisions_view),
                name=f"{name}_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name=f"{name}_restore",
            ),
            path(
                "<path:object_id>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name=f"{name}_preview_link",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name=f"{name}_presence",
            ),
            path(
                "<path:object_id>/live-preview/",
                self.admin_site.admin_view(self.live_preview_view),
                name=f"{name}_live_preview",
            ),
            path(
                "<path:object_id>/preview-links/revoke/",
                self.admin_site.admin_view(self.preview_revoke_view),
                name=f"{name}_preview_revoke",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def revisions_view(self, request, object_id):
        """Every saved version, newest first; pick two to see what changed between them."""
        article = self._article_or_404(request, object_id)
        versions = list(article_versions(article=article))
        by_id = {version.pk: version for version in versions}
        diff = old = new = None
        if len(versions) >= 2:
            new_version = by_id.get(_int(request.GET.get("new")), versions[0])
            old_version = by_id.get(_int(request.GET.get("old")), versions[1])
            old, new = snapshots_read(versions=[old_version, new_version])
            diff = snapshots_diff(old=old, new=new)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Revisions of “{article.headline}”",
            "opts": self.model._meta,
            "original": article,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": diff,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, object_id, version_id):
        """Bring back a saved version (POST); the restore is itself a new revision."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(article_versions(article=article), pk=version_id)
        restored = article_revision_restore(article=article, version=version, user=request.user)
        kept = (
            ""
            if user_can_publish(user=request.user)
            else (f" Its status stays “{restored.get_status_display()}”: only editors publish and unpublish.")
        )
        self.message_user(
            request,
            f"Restored the version saved on {time_display(version.revision.date_created)}; "
            f"it is now the latest revision.{kept}",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def preview_link_view(self, request, object_id):
        """Make a signed link that shows this unpublished story to someone without an account (POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not user_can_publish(user=request.user):
            raise PermissionDenied
        url = request.build_absolute_uri(f"{article.get_absolute_url()}?preview={preview_token_make(article=article)}")
        self.message_user(
            request,
            format_html(
                'Preview link for someone without an account, valid until {}: <a class="preview-link" href="{}">{}</a>',
                time_display(preview_link_expiry()),
                url,
                url,
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def presence_view(self, request, object_id):
        """The editor page reports in (POST): who else has the story open, and its saved version now."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        others = presence_touch(article_id=article.pk, user=request.user, leaving=request.POST.get("leaving") == "1")
        saved_by = (
            Article.objects.select_related("updated_by").only("version", "updated_at", "updated_by").get(pk=article.pk)
        )
        response = JsonResponse(
            {
                "others": others,
                "version": saved_by.version,
                "saved_by": user_display_name(user=saved_by.updated_by),
                "saved_at": time_display(saved_by.updated_at),
            }
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    def live_preview_view(self, request, object_id):
        """The story page as readers would see it, from the editor's unsaved form (POST); nothing is saved.

        For those who may edit the story (editors, its reporters); never cached, never indexed.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        stored = Article.objects.get(pk=article.pk)
        form = self.get_form(request, article, change=True)(request.POST, request.FILES, instance=article)
        with transaction.atomic():
            # Cleaning puts what is valid on the instance (in memory); the atomic block only
            # holds the row lock the staleness check takes, and saves nothing.
            form.is_valid()
        if "lead_image" in request.FILES:  # a picture not yet uploaded has no address: show the stored one
            article.lead_image = stored.lead_image
            article.lead_image_width, article.lead_image_height = stored.lead_image_width, stored.lead_image_height
        context = {**article_page_context(article=article), "is_preview": True, "is_live_preview": True}
        response = TemplateResponse(request, "articles/article_detail.html", context)
        patch_cache_control(response, private=True, no_cache=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def preview_revoke_view(self, request, object_id):
        """End every preview link made for this story so far (POST, editors only); new ones can be made."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        preview_links_revoke(article=article, user=request.user)
        self.log_change(request, article, "Revoked its preview links.")
        self.message_user(
            request,
            "Every preview link made for this story so far has stopped working. Make a new one to share it again.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _publication_changed(form) -> bool:
    """Whether a save publishes, unpublishes or reschedules the story (a change of, or to, "Published").

    Compared with what the form was opened with: the side panel's buttons set the status in the
    form's cleaning, so the posted data alone does not tell.
    """
    before, after = form.initial.get("status"), form.instance.status
    if Article.Status.PUBLISHED not in {before, after}:
        return False
    return before != after or form.initial.get("published_at") != form.instance.published_at


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
class ArticleAdmin(ArticleTaggingMixin, StoryImportAdminMixin, ArticlePinningMixin, EditorialArticleAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "byline_names", "publication_state"]
    list_filter = [
        DeskFilter,
        "status",
        "section",
        "authors",
        ("published_at", admin.DateFieldListFilter),
        PublishedYearFilter,
    ]
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
        css = {"all": ["admin/css/story_editor.css"]}
        js = ["admin/js/story_editor.js"]

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
