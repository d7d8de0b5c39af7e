"""The story's own pages in the admin, beside its change form: revisions and restore, signed preview
links (made and revoked), who else has it open, and the live preview of the unsaved form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html

from articles.models import Article
from articles.selectors import article_page_context

from .forms import time_display
from .live_preview import article_unsaved_relations_apply
from .presence import presence_touch, user_display_name
from .previews import preview_link_expiry, preview_links_revoke, preview_token_make
from .revisions import article_versions, snapshots_diff, snapshots_read
from .roles import user_can_publish
from .services.history import article_revision_restore


class ArticlePagesMixin:
    """The story's extra admin pages, for a ModelAdmin of Article that keeps the roles' rules."""

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

        Bylines, actors and countries come from the form too (`live_preview`), in the order it has them.

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
        formsets = [
            FormSet(**self.get_formset_kwargs(request, article, inline, FormSet.get_default_prefix()))
            for FormSet, inline in self.get_formsets_with_inlines(request, article)
        ]
        article_unsaved_relations_apply(article=article, form=form, formsets=formsets)
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


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
