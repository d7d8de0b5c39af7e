"""The live blog's desk: starting and ending it from the story editor, and the composer.

The composer (a live blog's admin page) has a compact form at the top (type, press "Publish
entry") and the entries below it, newest first, each with its edit and delete. Reporters reach
it for the stories they are credited on, editors for all (liveblogs/roles.py); every view checks.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from js_asset import Media
from reversion.models import Version

from articles.models import Article
from editorial.panels import StoryPanel

from .forms import LiveEntryForm
from .models import LiveBlog, LiveEntry
from .roles import entries_can_write, liveblog_can_manage
from .services import entry_delete, entry_save, liveblog_end, liveblog_start

COMPOSER_ENTRIES = 50


class LiveBlogPanel(StoryPanel):
    """The story editor's "Live blog" box: start or end it (editors), and the way to the composer."""

    template = "admin/liveblogs/_panel.html"
    forms_template = "admin/liveblogs/_panel_forms.html"

    def context(self, *, article, request):
        blog = LiveBlog.objects.filter(article=article).first()
        can_manage = liveblog_can_manage(user=request.user)
        if blog is None and not can_manage:
            return None
        return {
            "liveblog": blog,
            "can_manage": can_manage,
            "can_write": entries_can_write(article=article, user=request.user),
        }


def _nonced(request, media):
    # The rich-text editor loads through an import map, an inline <script>: it carries the CSP nonce.
    nonce = getattr(request, "csp_nonce", None)
    return Media.from_media(media, nonce=str(nonce)) if nonce is not None else media


@admin.register(LiveBlog)
class LiveBlogAdmin(admin.ModelAdmin):
    list_display = ["article", "started_at", "ended_at", "last_entry_at"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]

    class Media:
        css = {"all": ["admin/css/story_editor.css"]}

    def has_add_permission(self, request):
        return False  # a story becomes live from the story editor

    def has_delete_permission(self, request, obj=None):
        return False  # ending keeps the page; deleting the story deletes its blog

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff and request.user.has_perm("articles.change_article")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return entries_can_write(article=obj.article, user=request.user)

    has_change_permission = has_view_permission

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if liveblog_can_manage(user=request.user):
            return queryset
        own = Article.objects.filter(bylines__author__user=request.user).values("pk")
        return queryset.filter(article__in=own) | queryset.filter(article__created_by=request.user)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("start/<int:article_id>/", wrap(self.start_view), name="liveblogs_liveblog_start"),
            path("<int:object_id>/end/", wrap(self.end_view), name="liveblogs_liveblog_end"),
            path("<int:object_id>/change/", wrap(self.composer_view), name="liveblogs_liveblog_change"),
            path(
                "<int:object_id>/entries/<int:entry_id>/",
                wrap(self.entry_edit_view),
                name="liveblogs_liveblog_entry",
            ),
            path(
                "<int:object_id>/entries/<int:entry_id>/delete/",
                wrap(self.entry_delete_view),
                name="liveblogs_liveblog_entry_delete",
            ),
            *super().get_urls(),
        ]

    # Start and end: from the story editor's side panel -------------------------------------

    def start_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=article_id)
        blog = liveblog_start(article=article, user=request.user)
        self.message_user(request, "The story is live: write its first entry.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:liveblogs_liveblog_change", args=[blog.pk]))

    def end_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        blog = get_object_or_404(LiveBlog.objects.select_related("article"), pk=object_id)
        liveblog_end(blog=blog, user=request.user)
        self.message_user(request, "The live blog has ended; its page and entries stay.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[blog.article_id]))

    # The composer ---------------------------------------------------------------------------

    def _blog(self, request, object_id) -> LiveBlog:
        blog = get_object_or_404(LiveBlog.objects.select_related("article"), pk=object_id)
        if not entries_can_write(article=blog.article, user=request.user):
            raise PermissionDenied
        return blog

    def _saved(self, request, form, blog) -> HttpResponseRedirect:
        entry = form.save(commit=False)
        entry.blog = blog
        publish = request.POST.get("action") != "draft"
        entry_save(entry=entry, user=request.user, publish=publish)
        done = "Entry published." if publish else "Entry saved as a draft (readers do not see it)."
        self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:liveblogs_liveblog_change", args=[blog.pk]))

    def composer_view(self, request, object_id, form_url="", extra_context=None):
        blog = self._blog(request, object_id)
        form = LiveEntryForm(request.POST or None, request.FILES or None, article=blog.article)
        if request.method == "POST" and form.is_valid():
            return self._saved(request, form, blog)
        entries = blog.entries.select_related("author").order_by("-published_at", "-id")[:COMPOSER_ENTRIES]
        return self._render(request, blog=blog, form=form, entries=entries, template="composer.html")

    def entry_edit_view(self, request, object_id, entry_id):
        blog = self._blog(request, object_id)
        entry = get_object_or_404(LiveEntry, pk=entry_id, blog=blog)
        entry.blog = blog
        form = LiveEntryForm(request.POST or None, request.FILES or None, instance=entry, article=blog.article)
        if request.method == "POST" and form.is_valid():
            return self._saved(request, form, blog)
        history = Version.objects.get_for_object(entry).select_related("revision__user")
        return self._render(request, blog=blog, form=form, entry=entry, history=history, template="entry_edit.html")

    def entry_delete_view(self, request, object_id, entry_id):
        blog = self._blog(request, object_id)
        entry = get_object_or_404(LiveEntry, pk=entry_id, blog=blog)
        entry.blog = blog
        if request.method == "POST":
            entry_delete(entry=entry, user=request.user)
            self.message_user(request, "Entry deleted.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:liveblogs_liveblog_change", args=[blog.pk]))
        return self._render(request, blog=blog, entry=entry, template="entry_delete.html")

    def _render(self, request, *, blog, template, form=None, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Live blog: {blog.article.headline}",
            "opts": self.model._meta,
            "original": blog,
            "blog": blog,
            "article": blog.article,
            "form": form,
            "media": _nonced(request, self.media + form.media) if form is not None else self.media,
            "can_manage": liveblog_can_manage(user=request.user),
            **context,
        }
        return TemplateResponse(request, f"admin/liveblogs/{template}", context)
