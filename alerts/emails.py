"""Readers' emails: HTML with its CSS inlined (and a dark-mode stylesheet kept for clients that read one),
a plain-text part, and RFC 8058 one-click unsubscribe headers."""

from collections.abc import Sequence

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article

from .models import Subscriber
from .tokens import manage_token_make

INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)

SUBJECTS = {
    "alert": "{headline}",
    "digest": "Your daily digest: {count} new {stories}",
    "briefing": "The briefing: today's top stories",
    "confirm": "Confirm your alerts from {site}",
}


def site_url(path: str) -> str:
    return f"{settings.NEWSROOM_SITE_URL}{path}"


def unsubscribe_url(subscriber: Subscriber) -> str:
    return site_url(reverse("alerts:unsubscribe", args=[manage_token_make(subscriber=subscriber)]))


def manage_url(subscriber: Subscriber) -> str:
    return site_url(reverse("alerts:manage", args=[manage_token_make(subscriber=subscriber)]))


def html_inline(html: str) -> str:
    return INLINER.inline(html)


def message_build(
    *,
    to: str,
    kind: str,
    context: dict,
    subscriber: Subscriber | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """One email from templates/alerts/email/<kind>.txt and .html; with a subscriber, its unsubscribe headers."""
    context = {"site_name": settings.NEWSROOM_SITE_NAME, "site_url": settings.NEWSROOM_SITE_URL, **context}
    headers = {}
    if subscriber is not None:
        context["unsubscribe_url"] = unsubscribe_url(subscriber)
        context["manage_url"] = manage_url(subscriber)
        # RFC 2369 and RFC 8058: mail clients show "Unsubscribe", and one POST to this address does it.
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["List-Id"] = (
            f"{settings.NEWSROOM_SITE_NAME} alerts <alerts.{settings.NEWSROOM_SITE_URL.split('//')[-1].split(':')[0]}>"
        )
    subject = context.pop("subject")
    text = render_to_string(f"alerts/email/{kind}.txt", context)
    html = html_inline(render_to_string(f"alerts/email/{kind}.html", {**context, "subject": subject}))
    message = EmailMultiAlternatives(subject, text, to=[to], headers=headers, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def stories_message(
    *, subscriber: Subscriber, kind: str, articles: Sequence[Article], reasons: dict[int, list[str]], connection=None
) -> EmailMultiAlternatives:
    """An alert (one story), a digest or a briefing for `subscriber`; `reasons` names what they follow, per story."""
    if kind == "alert":
        subject = articles[0].headline
    elif kind == "digest":
        subject = SUBJECTS["digest"].format(count=len(articles), stories="story" if len(articles) == 1 else "stories")
    else:
        subject = SUBJECTS["briefing"]
    stories = [
        {
            "headline": article.headline,
            "summary": article.summary,
            "url": site_url(article.get_absolute_url()),
            "section": article.section.name,
            "published_at": article.published_at,
            "reasons": reasons.get(article.pk, []),
        }
        for article in articles
    ]
    return message_build(
        to=subscriber.email,
        kind="stories",
        subscriber=subscriber,
        connection=connection,
        context={"subject": subject, "kind": kind, "stories": stories},
    )
