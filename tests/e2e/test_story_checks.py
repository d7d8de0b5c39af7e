"""Content checks before publishing: missing alt text blocks "Publish now"; the rest only warn."""

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory, EditorFactory
from tests.images import image_upload

from .browser import admin_login, screenshot

PASSWORD = "a-long-test-password"


def test_a_content_check_blocks_publication_until_the_picture_has_alt_text(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(
        draft=True,
        headline="Talks resume in Geneva",
        slug="talks-resume-in-geneva",
        section=newsroom["world"],
        dek="",
        body='<p>Envoys met again. <a href="https://example.org/report"></a></p>',
        lead_image=image_upload("geneva.jpg", width=1200, height=800),
        lead_image_alt="The Palais des Nations",
    )
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    checks = editor.get_by_role("region", name="Before publishing")
    expect(checks).to_contain_text("No dek")
    expect(checks).to_contain_text("No country or actor tag")
    expect(checks).to_contain_text("1 link(s) in the body have no text")
    expect(checks.locator(".blocking")).to_have_count(0)

    editor.get_by_label("Alt text").fill("")
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".errornote, .errorlist").first).to_be_visible()
    expect(editor.locator(".errorlist.nonfield")).to_contain_text("Not published: The lead picture has no alt text")
    expect(checks.locator(".blocking")).to_contain_text("The lead picture has no alt text")
    screenshot(editor, "story-editor-check-blocks-desktop")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and not article.is_public

    # The warnings do not block: with alt text the story goes out, dek or not.
    editor.get_by_label("Alt text").fill("The Palais des Nations in Geneva")
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.is_public and article.dek == ""
