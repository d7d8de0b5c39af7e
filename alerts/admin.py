"""Editors' view of reader mail: followers per section, author, actor and country; a test sent to
oneself; the switch that pauses all sending. Partners' webhooks are listed beside it."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from articles.models import Article

from .models import Sending, Webhook
from .selectors import followers_by_kind
from .sending import sending_pause, sending_paused, test_send


@admin.register(Sending)
class SendingAdmin(admin.ModelAdmin):
    """One page instead of a list: the figures, the test and the pause switch."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def get_urls(self):
        return [path("", self.admin_site.admin_view(self.dashboard), name="alerts_sending_changelist")]

    def dashboard(self, request):
        can_change = request.user.has_perm("alerts.change_sending")
        if request.method == "POST" and can_change:
            action = request.POST.get("action")
            if action in {"pause", "resume"}:
                sending_pause(paused=action == "pause", by=request.user.get_username())
                messages.success(request, "Sending is paused." if action == "pause" else "Sending resumed.")
            elif action == "test":
                article = Article.objects.published().filter(pk=request.POST.get("article") or 0).first()
                kind = "digest" if request.POST.get("kind") == "digest" else "alert"
                if not request.user.email:
                    messages.error(request, "Your account has no email address: add one to get a test.")
                elif kind == "alert" and article is None:
                    messages.error(request, "Choose a published story for the test alert.")
                elif test_send(to=request.user.email, kind=kind, article=article if kind == "alert" else None):
                    messages.success(request, f"A test {kind} is on its way to your address.")
                else:
                    messages.error(request, "There is no published story to put in a test.")
            return redirect(reverse("admin:alerts_sending_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Reader mail",
            "opts": self.model._meta,
            "kinds": followers_by_kind(),
            "paused": sending_paused(),
            "state": Sending.objects.filter(pk=1).first(),
            "can_change": can_change,
            "stories": Article.objects.published().only("pk", "headline").order_by("-published_at")[:30],
        }
        return TemplateResponse(request, "alerts/admin/sending.html", context)


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "active"]
    list_filter = ["active"]


class TaskResultAdmin(DBTaskResultAdmin):
    """django-tasks-db's list of background tasks (renditions, tagging, mail, webhooks), with the kind of
    error of each failed try beside its status. A retry is a task of its own, so a try that failed stays
    listed even once its retry succeeds; the error's message and traceback are on the task's own page
    (only the class here: a message may name a reader's address)."""

    list_display = (*DBTaskResultAdmin.list_display[:3], "error", *DBTaskResultAdmin.list_display[3:])

    @admin.display(description="error")
    def error(self, obj: DBTaskResult) -> str:
        return obj.exception_class_path.rsplit(".", 1)[-1] if obj.exception_class_path else ""


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
