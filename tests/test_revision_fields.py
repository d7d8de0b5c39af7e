"""The revision diff covers every field an editor changes: section, status, publication time, picture, corrections."""

import re
from datetime import UTC, date, datetime

import pytest
import reversion
import time_machine
from django.urls import reverse
from reversion.models import Version

from articles.models import Correction
from editorial.revisions import article_versions, snapshots_diff, snapshots_read
from tests.admin_forms import admin_form_data, change_url
from tests.factories import ArticleFactory, SectionFactory
from tests.images import image_upload

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
def test_section_status_time_and_picture_text_are_in_the_diff():
    world, business = SectionFactory(name="World"), SectionFactory(name="Business")
    article = ArticleFactory(draft=True, headline="Oil", slug="oil", section=world)
    with reversion.create_revision():
        article.save()
    article.section = business
    article.status = "published"
    article.published_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    article.lead_image_caption = "The Sharara field."
    with reversion.create_revision():
        article.save()
    new, old = list(article_versions(article=article))
    old_snapshot, new_snapshot = snapshots_read(versions=[old, new])
    diff = {field.label: field for field in snapshots_diff(old=old_snapshot, new=new_snapshot)}
    changed = {label for label, field in diff.items() if field.changed}
    assert changed == {"Section", "Status", "Publication time", "Caption"}
    assert [(s.op, s.text) for s in diff["Section"].segments if s.op != "equal"] == [
        ("delete", "World"),
        ("insert", "Business"),
    ]
    assert any(s.op == "insert" and "2 March 2026" in s.text for s in diff["Publication time"].segments)
    assert {s.text for s in diff["Status"].segments if s.op == "insert"} == {"Published"}


def diff_page(client, article) -> str:
    old, new = Version.objects.get_for_object(article).order_by("pk")
    url = reverse("admin:articles_article_revisions", args=[article.pk])
    return client.get(url, {"old": old.pk, "new": new.pk}).content.decode()


def changed_fields(page: str) -> dict[str, str]:
    """Each field the diff page marks as changed, with its text."""
    fields = {}
    for label, text in re.findall(
        r'<div class="diff-field">\s*<h3>(.*?)</h3>\s*<div class="diff-text">(.*?)</div>', page, re.S
    ):
        fields[label.strip()] = text
    return fields


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
def test_every_field_changed_between_two_revisions_is_on_the_diff_page(admin_client):
    world, business = SectionFactory(name="World"), SectionFactory(name="Business")
    article = ArticleFactory(
        draft=True,
        headline="Oil",
        slug="oil",
        section=world,
        lead_image=image_upload("port.jpg", width=400, height=300),
        lead_image_alt="Tankers at the quay",
        lead_image_caption="The port of Brega.",
        lead_image_credit="Omar Sayed",
    )
    with reversion.create_revision():
        article.save()
    with reversion.create_revision():
        article.section = business
        article.status = "published"
        article.published_at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        article.lead_image = image_upload("sharara.jpg", width=400, height=300)
        article.lead_image_alt = "Pipes in the desert"
        article.lead_image_caption = "The Sharara field."
        article.lead_image_credit = "Ana Lima"
        article.save()
        Correction.objects.create(article=article, date=date(2026, 3, 2), text="An earlier version misnamed the port.")

    fields = changed_fields(diff_page(admin_client, article))

    assert set(fields) == {
        "Section",
        "Status",
        "Publication time",
        "Lead picture",
        "Alt text",
        "Caption",
        "Credit",
        "Corrections",
    }
    assert "<del>World</del>" in fields["Section"] and "<ins>Business</ins>" in fields["Section"]
    assert "<del>Draft</del>" in fields["Status"] and "<ins>Published</ins>" in fields["Status"]
    assert "<ins>2 March 2026, 09:00</ins>" in fields["Publication time"]
    assert "<del>port" in fields["Lead picture"] and "<ins>sharara" in fields["Lead picture"]
    assert "<del>Tankers at</del>" in fields["Alt text"] and "<ins>desert</ins>" in fields["Alt text"]
    assert "<ins>Sharara field.</ins>" in fields["Caption"]
    assert "<del>Omar Sayed</del>" in fields["Credit"] and "<ins>Ana Lima</ins>" in fields["Credit"]
    assert "<ins>2 March 2026: An earlier version misnamed the port.</ins>" in fields["Corrections"]


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
def test_a_correction_added_and_one_edited_in_the_form_are_in_the_revision_diff(admin_client):
    article = ArticleFactory(headline="Port reopens", body="<p>Ships docked.</p>")
    Correction.objects.create(article=article, date=date(2026, 3, 1), text="An earlier version gave the wrong day.")
    data = admin_form_data(admin_client.get(change_url(article)))
    assert admin_client.post(change_url(article), data).status_code == 302  # the first revision, as it is

    data = admin_form_data(admin_client.get(change_url(article)))
    data |= {
        "corrections-TOTAL_FORMS": "2",
        "corrections-0-text": "An earlier version gave the wrong date.",
        "corrections-1-date": "2026-03-02",
        "corrections-1-text": "An earlier version misspelt Misrata.",
    }
    assert admin_client.post(change_url(article), data).status_code == 302, data

    fields = changed_fields(diff_page(admin_client, article))
    assert set(fields) == {"Corrections"}
    assert fields["Corrections"] == (
        "<span>1 March 2026: An earlier version gave the wrong</span> <del>day.</del> "
        "<ins>date.\n2 March 2026: An earlier version misspelt Misrata.</ins>"
    )


def test_restoring_an_old_revision_keeps_the_corrections_as_they_are(admin_client):
    article = ArticleFactory(headline="Port reopens", body="<p>Ships docked.</p>")
    kept = Correction.objects.create(
        article=article, date=date(2026, 3, 1), text="An earlier version gave the wrong day."
    )
    with reversion.create_revision():
        article.save()
    kept.text = "An earlier version said Monday; it was Tuesday."
    with reversion.create_revision():
        article.headline = "Port reopens to tankers"
        article.save()
        kept.save()
        Correction.objects.create(article=article, date=date(2026, 3, 2), text="An earlier version misspelt Misrata.")
    first = Version.objects.get_for_object(article).order_by("pk").first()

    admin_client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))

    article.refresh_from_db()
    assert article.headline == "Port reopens"
    assert list(article.corrections.values_list("text", flat=True)) == [
        "An earlier version said Monday; it was Tuesday.",
        "An earlier version misspelt Misrata.",
    ]
