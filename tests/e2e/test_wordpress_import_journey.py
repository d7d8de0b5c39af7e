"""An editor uploads a WordPress export in the admin, reads what happened to each post, and old links work."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import StaffFactory
from tests.wxr import Post, wxr

from .browser import accessibility_violations, admin_login, screenshot, violations_report
from .conftest import PHONE


def test_editor_uploads_an_export_and_sees_a_line_per_post(open_page, live_server, tmp_path):
    StaffFactory(username="desk", password="a-long-test-password")
    export = tmp_path / "old-times.xml"
    export.write_bytes(
        wxr(
            [
                Post(7, "Harbour reopens", "harbour-reopens", content="Ships came back.\n\nTrade resumed."),
                Post(8, "Unfinished", "unfinished", status="draft"),
                Post(9, "About us", "about", post_type="page"),
            ]
        )
    )
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<rss><channel><item>")

    editor = open_page()
    admin_login(editor, username="desk", password="a-long-test-password")
    editor.goto("/admin/wordpress/importedpost/")
    editor.get_by_role("link", name="Import from WordPress").click()

    editor.get_by_label("WordPress export").set_input_files(str(broken))
    editor.get_by_role("button", name="Import").click()
    expect(editor.locator(".messagelist")).to_contain_text("was not imported, and nothing was saved")
    expect(editor.locator(".messagelist")).to_contain_text("not well-formed XML")
    assert not Article.objects.exists()

    editor.get_by_label("WordPress export").set_input_files(str(export))
    editor.get_by_role("button", name="Import").click()
    rows = editor.locator(".wordpress-summary tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Created (published)")
    expect(rows.nth(1)).to_contain_text("“draft” in WordPress: kept as a draft")
    expect(rows.nth(2)).to_contain_text("Skipped")
    assert violations_report(accessibility_violations(editor)) == ""
    screenshot(editor, "wordpress-import-desktop")
    phone = open_page(PHONE)
    admin_login(phone, username="desk", password="a-long-test-password")
    phone.goto("/admin/wordpress/importedpost/import/")
    screenshot(phone, "wordpress-import-form-phone")

    reader = open_page()
    reader.goto(f"{live_server.url}/2019/12/20/harbour-reopens/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Harbour reopens")
    assert reader.url.endswith("/articles/harbour-reopens/")
