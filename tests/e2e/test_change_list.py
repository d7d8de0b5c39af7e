"""The article list as an editor uses it: an author typed into the filter's box, badges, thumbnails, who edited last."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import EditorFactory

from .browser import accessibility_violations, admin_login, screenshot, sideways_overflow, violations_report
from .conftest import DESKTOP, PHONE

PASSWORD = "a-long-test-password"


def test_an_editor_filters_the_list_by_typing_an_author_and_sees_badges_thumbnails_and_editors(
    open_page, newsroom, editorial_roles
):
    amal = EditorFactory(username="desk-editor", first_name="Amal", last_name="Nasser", password=PASSWORD)
    Article.objects.filter(pk=newsroom["lead"].pk).update(status=Article.Status.REVIEW, updated_by=amal)
    for viewport, name in [(DESKTOP, "desktop"), (PHONE, "phone")]:
        editor = open_page(viewport)
        admin_login(editor, username="desk-editor", password=PASSWORD)
        editor.locator('#content-main a[href="/admin/articles/article/"]').first.click()  # the app list's "Articles"
        rows = editor.locator("#result_list tbody tr")
        expect(rows).to_have_count(25)
        lead = rows.filter(has_text="Haftar's forces push towards Tripoli")
        expect(lead.locator(".status-badge")).to_have_text("In review")
        if name == "desktop":  # a phone shows the headline and the status only
            expect(lead.locator("img.article-thumbnail")).to_be_visible()
            assert lead.locator("img.article-thumbnail").evaluate("img => img.complete && img.naturalWidth > 0")
            expect(lead.locator(".edited-by")).to_have_text("Amal Nasser")
        screenshot(editor, f"article-list-{name}")
        violations = accessibility_violations(editor)
        assert not violations, violations_report(violations)
        assert sideways_overflow(editor) == 0, name

    # Kwame Osei: typed into the author filter's box, chosen from its suggestions; the list shows his stories.
    editor.set_viewport_size(DESKTOP)
    editor.get_by_role("combobox", name="Find author").click()
    editor.locator(".select2-container--open .select2-search__field").fill("Osei")
    editor.get_by_role("option", name="Kwame Osei").click()
    expect(editor).to_have_url(f"{editor.url.split('?')[0]}?author={newsroom['osei'].pk}")
    expect(rows).to_have_count(2)
    expect(rows.locator("th a")).to_have_text(["Oil output recovers", "Haftar's forces push towards Tripoli"])
    expect(editor.get_by_role("combobox", name="Find author")).to_contain_text("Kwame Osei")
    editor.get_by_role("link", name="Any author").click()
    expect(rows).to_have_count(25)
