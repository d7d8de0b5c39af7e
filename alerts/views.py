"""Readers' pages for alerts: follow, confirm, manage, unsubscribe; and the mail provider's feedback.

None is ever kept by the page cache (`never_cache`): their answers depend on the link's token and
on what is stored now. Addresses are never put in a URL (they would land in access logs).
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from articles.listings import listing_for

from .forms import FollowForm
from .groups import group_key, groups_from_keys
from .models import Follow
from .selectors import follows_of
from .services import (
    follow_confirm,
    follow_request,
    follows_update,
    subscriber_delete,
    subscriber_export,
    subscriber_unsubscribe,
    suppression_record,
)
from .tokens import confirm_token_read, manage_token_make, manage_token_read


def group_choice(group) -> tuple[str, str]:
    return group_key(group), f"{group} ({listing_for(group).model._meta.verbose_name})"


def signups_allowed(request) -> bool:
    """At most ALERTS_SIGNUPS_PER_HOUR sign-ups per client address (counted in the cache)."""
    key = f"alerts:signups:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) <= settings.ALERTS_SIGNUPS_PER_HOUR
    except ValueError:
        return True


@method_decorator(never_cache, name="dispatch")
class FollowView(View):
    template_name = "alerts/follow.html"

    def groups(self, request):
        keys = request.POST.getlist("follows") if request.method == "POST" else request.GET.getlist("f")
        return groups_from_keys((keys + request.POST.getlist("offered"))[:40])

    def get(self, request):
        groups = self.groups(request)
        initial = {"follows": [group_key(groups[0])]} if len(groups) == 1 else {}
        form = FollowForm(groups=[group_choice(g) for g in groups], initial=initial)
        return render(request, self.template_name, {"form": form, "offered": [group_key(g) for g in groups]})

    def post(self, request):
        groups = groups_from_keys(request.POST.getlist("offered")[:40])
        form = FollowForm(request.POST, groups=[group_choice(g) for g in groups])
        context = {"form": form, "offered": [group_key(g) for g in groups]}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        if not signups_allowed(request):
            context["too_many"] = True
            return render(request, self.template_name, context, status=429)
        follow_request(
            email=form.cleaned_data["email"],
            keys=form.cleaned_data["follows"],
            frequency=form.cleaned_data["frequency"],
            briefing=form.cleaned_data["briefing"],
        )
        # The same page whether the address is new, known, or refused: it tells nobody who follows what.
        return render(request, "alerts/check_inbox.html")


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """The link in the confirmation mail; a button confirms (mail scanners follow links, they do not press buttons)."""

    def get(self, request, token):
        data = confirm_token_read(token=token)
        groups = groups_from_keys(data["f"]) if data else []
        return render(request, "alerts/confirm.html", {"valid": data is not None, "groups": groups, "data": data})

    def post(self, request, token):
        data = confirm_token_read(token=token)
        if data is None:
            return render(request, "alerts/confirm.html", {"valid": False}, status=400)
        subscriber = follow_confirm(request=data)
        return redirect(reverse("alerts:manage", args=[manage_token_make(subscriber=subscriber)]) + "?confirmed=1")


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    """Everything a reader follows, changed without an account through the signed link in every mail."""

    def subscriber(self, token):
        subscriber = manage_token_read(token=token)
        if subscriber is None:
            raise Http404("This link is not valid any more.")
        return subscriber

    def get(self, request, token):
        subscriber = self.subscriber(token)
        return render(
            request,
            "alerts/manage.html",
            {
                "subscriber": subscriber,
                "follows": follows_of(subscriber=subscriber),
                "frequencies": Follow.Frequency.choices,
                "confirmed": request.GET.get("confirmed") == "1",
                "saved": request.GET.get("saved") == "1",
            },
        )

    def post(self, request, token):
        subscriber = self.subscriber(token)
        action = request.POST.get("action")
        if action == "export":
            response = JsonResponse(subscriber_export(subscriber=subscriber), json_dumps_params={"indent": 2})
            response["Content-Disposition"] = 'attachment; filename="my-alerts.json"'
            return response
        if action == "delete":
            subscriber_delete(subscriber=subscriber)
            return render(request, "alerts/deleted.html")
        ids = set(subscriber.follows.values_list("pk", flat=True))
        frequencies = {pk: request.POST.get(f"frequency-{pk}", "") for pk in ids}
        remove = {pk for pk in ids if request.POST.get(f"remove-{pk}")}
        follows_update(
            subscriber=subscriber, frequencies=frequencies, remove=remove, briefing=bool(request.POST.get("briefing"))
        )
        return redirect(reverse("alerts:manage", args=[token]) + "?saved=1")


@method_decorator([never_cache, csrf_exempt], name="dispatch")
class UnsubscribeView(View):
    """RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" here, with no cookie and no token
    but the link's own signature; a reader who opens the link gets a button (a GET never unsubscribes)."""

    def get(self, request, token):
        subscriber = manage_token_read(token=token)
        return render(request, "alerts/unsubscribe.html", {"valid": subscriber is not None, "token": token})

    def post(self, request, token):
        subscriber = manage_token_read(token=token)
        if subscriber is None:
            return render(request, "alerts/unsubscribe.html", {"valid": False}, status=400)
        subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "alerts/unsubscribe.html", {"valid": True, "done": True, "manage_token": token})


@method_decorator([never_cache, csrf_exempt], name="dispatch")
class FeedbackView(View):
    """The mail provider's bounces and complaints: POST {"email": ..., "type": "bounce"|"complaint"}
    with `Authorization: Bearer <ALERTS_FEEDBACK_TOKEN>`."""

    def post(self, request):
        expected = settings.ALERTS_FEEDBACK_TOKEN
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not expected or not constant_time_compare(given, expected):
            return HttpResponse("Not allowed.", status=403, content_type="text/plain")
        try:
            data = json.loads(request.body)
            email, kind = str(data["email"]), str(data.get("type", "bounce"))
        except (ValueError, KeyError, TypeError):
            return HttpResponse(
                'Send JSON: {"email": "...", "type": "bounce" or "complaint"}.', status=400, content_type="text/plain"
            )
        if kind not in {"bounce", "complaint"}:
            return HttpResponse('"type" must be "bounce" or "complaint".', status=400, content_type="text/plain")
        return JsonResponse({"suppressed": suppression_record(email=email, reason=kind)})
