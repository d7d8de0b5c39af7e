"""The alerts pages and the readers' emails pass the Nu HTML Checker (vnu) with no errors.

A reader's whole path, as tests/test_alerts.py walks it, through a real SMTP server: the follow
buttons and the follow form for each kind of page and for a story, "check your inbox", the
confirmation mail and page, the manage page, an instant alert, a digest and a briefing at their hour
(the clock pinned), the unsubscribe page before and after the click, and the page after deleting
everything. Each email's HTML part is a document of its own (CSS inlined by css-inline) and is checked
as one.
"""

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from alerts.events import clock_tick
from tests.factories import ActorFactory, ArticleFactory, AuthorFactory, CountryFactory, SectionFactory
from tests.smtp_server import body_of
from tests.test_alerts import link_in
from tests.test_html_valid import vnu_messages

pytestmark = pytest.mark.django_db(transaction=True)


def at(hour: int, minute: int = 0) -> datetime:
    """A moment of 10 March 2026 in the site's time zone (where ALERTS_DIGEST_HOUR is counted)."""
    return timezone.make_aware(datetime(2026, 3, 10, hour, minute))


def html_of(message) -> bytes:
    return body_of(message, "html").encode()


def manage_path(client, confirmation) -> str:
    """Press the confirmation page's button: it leads to the manage page, whose address holds the signed token."""
    response = client.post(link_in(confirmation, "/alerts/confirm/"))
    assert response.status_code == 302
    return urlsplit(response["Location"]).path


def test_alerts_pages_and_emails_have_no_html_errors(client, smtp_server, task_queue, settings, tmp_path):
    settings.ALERTS_DIGEST_HOUR = 7
    documents: dict[str, bytes] = {}

    def page(name: str, response, status: int = 200) -> str:
        assert response.status_code == status, (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        documents[name] = response.content
        return response.content.decode()

    with time_machine.travel(at(5), tick=True) as traveller:
        world = SectionFactory(name="World", slug="world")
        osei = AuthorFactory(name="Kwame Osei", slug="kwame-osei")
        haftar = ActorFactory(name="Khalifa Haftar", slug="khalifa-haftar")
        libya = CountryFactory(name="Libya", slug="libya", code="LY")
        story = ArticleFactory(
            headline="Talks resume in Geneva & Tripoli",
            section=world,
            authors=[osei],
            actors=[haftar],
            countries=[libya],
            published_at=at(1),
        )
        clock_tick()  # the archive: seen, and mailed to nobody
        keys = [f"section:{world.pk}", f"author:{osei.pk}", f"actor:{haftar.pk}", f"country:{libya.pk}"]

        # The follow buttons on each kind of page and on the story, then the form each leads to.
        for name, thing in (("section", world), ("author", osei), ("actor", haftar), ("country", libya)):
            assert "follow-by-email" in page(f"{name}-page", client.get(thing.get_absolute_url()))
        for name, key in zip(("section", "author", "actor", "country"), keys, strict=True):
            assert 'type="email"' in page(f"follow-form-{name}", client.get("/alerts/follow/", {"f": key}))
        assert "follow-by-email" in page("story-page", client.get(story.get_absolute_url()))
        page("follow-form-story", client.get("/alerts/follow/", {"f": keys}))
        refused = {"email": "not an address", "offered": keys, "follows": keys, "frequency": "instant"}
        assert "aria-invalid" in page("follow-form-refused", client.post("/alerts/follow/", refused), status=400)

        data = {"email": "ana@example.org", "offered": keys, "follows": keys, "frequency": "instant", "briefing": "on"}
        page("check-inbox", client.post("/alerts/follow/", data))
        daily = {"email": "ben@example.org", "offered": keys, "follows": keys[:1], "frequency": "daily"}
        client.post("/alerts/follow/", daily)
        task_queue.run()
        (confirmation,) = smtp_server.to("ana@example.org")
        documents["email-confirmation"] = html_of(confirmation)
        page("confirm", client.get(link_in(confirmation, "/alerts/confirm/")))
        page("confirm-expired", client.get("/alerts/confirm/not-a-token/"))
        ana = manage_path(client, confirmation)
        assert "Talks resume" not in page("manage-confirmed", client.get(ana, {"confirmed": "1"}))
        (ben_confirmation,) = smtp_server.to("ben@example.org")
        ben = manage_path(client, ben_confirmation)
        smtp_server.clear()

        ArticleFactory(headline="Ceasefire agreed", section=world, authors=[osei], actors=[haftar], published_at=at(6))
        traveller.move_to(at(6, 1))
        clock_tick()
        task_queue.run()
        (alert,) = smtp_server.to("ana@example.org")
        assert alert["Subject"] == "Ceasefire agreed"
        documents["email-alert"] = html_of(alert)
        smtp_server.clear()

        traveller.move_to(at(7, 1))
        clock_tick()
        task_queue.run()
        (digest,) = smtp_server.to("ben@example.org")
        (briefing,) = smtp_server.to("ana@example.org")
        assert digest["Subject"].startswith("Your daily digest") and briefing["Subject"].startswith("The briefing")
        documents["email-digest"] = html_of(digest)
        documents["email-briefing"] = html_of(briefing)

        page("manage-saved", client.get(ana, {"saved": "1"}))
        unsubscribe = ana.replace("/alerts/manage/", "/alerts/unsubscribe/")
        page("unsubscribe", client.get(unsubscribe))
        assert "unsubscribed" in page("unsubscribed", client.post(unsubscribe)).lower()
        page("unsubscribe-invalid", client.get("/alerts/unsubscribe/not-a-token/"))
        page("deleted", client.post(ben, {"action": "delete"}))

    files = []
    for name, content in documents.items():
        file = tmp_path / f"{name}.html"
        file.write_bytes(content)
        files.append(file)
    messages = vnu_messages(files)
    errors = [m for m in messages if m["type"] == "error"]
    report = "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in errors)
    assert errors == [], f"{len(errors)} HTML errors in {len(files)} documents:\n{report}"
    # Warnings only for the table attributes emails keep for Outlook (templates/alerts/email/_base.html).
    warnings = {m["message"] for m in messages if m["type"] != "error"}
    assert all(re.match(r"The “(width|cellpadding|cellspacing|align)” attribute .* is obsolete", w) for w in warnings)
    # Every email was checked as a document of its own, with its CSS inlined.
    assert all(re.search(rb'style="[^"]+"', documents[name]) for name in documents if name.startswith("email-"))
