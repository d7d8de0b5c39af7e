"""The revision diff covers every field an editor changes: section, status, publication time, picture."""

from datetime import UTC, datetime

import pytest
import reversion
import time_machine

from editorial.revisions import article_versions, snapshots_diff, snapshots_read
from tests.factories import ArticleFactory, SectionFactory

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
