"""An editor writes a story in the admin and readers find it everywhere it belongs once published."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import StaffFactory
from tests.images import image_bytes

from .browser import admin_login, autocomplete_choose

HEADLINE = "Ceasefire talks open in Geneva"
SLUG = "ceasefire-talks-open-in-geneva"
PICTURE_ALT = "Delegates around a table at the Palais des Nations"
BODY = "<p>The talks began on Monday.</p><h2>Who came</h2><p>Delegations from both sides.</p>"


def test_editor_writes_saves_a_draft_then_publishes_and_readers_find_it(open_page, newsroom, tmp_path):
    StaffFactory(username="desk", password="a-long-test-password")
    editor = open_page()
    admin_login(editor, username="desk", password="a-long-test-password")

    editor.goto("/admin/authors/author/add/")
    editor.get_by_label("Name").fill("Amira Haddad")
    editor.get_by_label("Name").press("Tab")
    expect(editor.get_by_label("Slug")).to_have_value("amira-haddad")
    editor.get_by_label("Bio").fill("Covers diplomacy from Geneva.")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    editor.goto("/admin/articles/article/add/")
    editor.get_by_label("Headline").fill(HEADLINE)
    editor.get_by_label("Headline").press("Tab")
    expect(editor.get_by_label("Slug")).to_have_value(SLUG)
    autocomplete_choose(editor, field_id="id_section", text="World")
    editor.get_by_label("Dek").fill("Both governments sent delegations for the first time.")
    # The body is a rich-text editor: type, and make a heading with its keyboard shortcut.
    editor.locator(".ProseMirror[contenteditable=true]").click()
    editor.keyboard.type("The talks began on Monday.")
    editor.keyboard.press("Enter")
    editor.keyboard.press("Control+Alt+2")
    editor.keyboard.type("Who came")
    editor.keyboard.press("Enter")
    editor.keyboard.type("Delegations from both sides.")
    picture = tmp_path / "geneva.jpg"
    picture.write_bytes(image_bytes(width=1400, height=800))
    editor.get_by_label("Lead picture:").set_input_files(picture)
    editor.get_by_label("Alt text").fill(PICTURE_ALT)
    # Bylines: no position to type and no empty row; added, then put in order with the keyboard.
    expect(editor.locator("#bylines-group input[name$=position]:visible")).to_have_count(0)
    expect(editor.locator("#bylines-group tr.form-row:not(.empty-form)")).to_have_count(0)
    add_byline = editor.get_by_role("button", name=re.compile("Add another byline", re.I))
    add_byline.click()
    autocomplete_choose(editor, field_id="id_bylines-0-author", text="Caroline Finnegan")
    add_byline.click()
    autocomplete_choose(editor, field_id="id_bylines-1-author", text="Amira Haddad")
    editor.get_by_role("button", name="Move Amira Haddad up").focus()
    editor.keyboard.press("Enter")
    expect(editor.locator(".story-live")).to_have_text("Amira Haddad is now byline 1 of 2.")
    expect(editor.get_by_role("button", name="Move Amira Haddad down")).to_be_focused()
    # Tags are chips: an existing actor picked from the suggestions, a new one created from the field.
    actors = editor.get_by_role("combobox", name="Actors")
    actors.press_sequentially("Khalifa")
    editor.get_by_role("option", name="Khalifa Haftar").click()
    actors.press_sequentially("Government of National Accord")
    editor.get_by_role("option", name="Create “Government of National Accord” as organisation").click()
    chosen = editor.get_by_role("list", name="Actors chosen").get_by_role("listitem")
    expect(chosen).to_have_text(["Khalifa Haftar×", "Government of National Accord×"])
    countries = editor.get_by_role("combobox", name="Countries")
    countries.press_sequentially("Libya")
    expect(editor.get_by_role("option", name="Libya")).to_be_visible()
    countries.press("Enter")
    # The status is set by the side panel's buttons: there is no status select to pick from.
    expect(editor.locator("select[name=status]")).to_have_count(0)
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(slug=SLUG)
    assert article.body == BODY  # what the editor typed, as allow-listed HTML
    assert article.status == Article.Status.DRAFT
    assert [byline.author.name for byline in article.bylines.all()] == ["Amira Haddad", "Caroline Finnegan"]

    reader = open_page()
    assert reader.goto(f"/articles/{SLUG}/").status == 404
    reader.goto("/")
    expect(reader.get_by_role("link", name=HEADLINE)).to_have_count(0)

    expect(editor.locator(".status-badge")).to_have_text("Draft")
    editor.get_by_role("button", name="Publish now").click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(editor.locator(".status-badge")).to_have_text("Published")
    expect(editor.get_by_role("button", name="Unpublish")).to_be_visible()
    expect(editor.get_by_role("button", name="Publish now")).to_have_count(0)

    assert reader.goto(f"/articles/{SLUG}/").status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(reader.locator(".story-header .byline")).to_have_text("By Amira Haddad and Caroline Finnegan")
    expect(reader.get_by_role("heading", name="Who came")).to_be_visible()
    lead_picture = reader.get_by_role("img", name=PICTURE_ALT)
    expect(lead_picture).to_be_visible()
    assert lead_picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the lead picture did not load"
    for page_address in (
        "/",
        "/sections/world/",
        "/authors/amira-haddad/",
        "/authors/caroline-finnegan/",
        "/actors/khalifa-haftar/",
        "/actors/government-of-national-accord/",
        "/countries/libya/",
    ):
        assert reader.goto(page_address).status == 200
        expect(reader.get_by_role("link", name=HEADLINE).first, page_address).to_be_visible()

    reader.goto("/articles/")
    filters = reader.get_by_role("search", name="Filter stories")
    filters.get_by_label("Section").select_option(label="World")
    filters.get_by_label("Country").select_option(label="Libya")
    filters.get_by_label("Search").fill("Geneva")
    filters.get_by_role("button", name="Show stories").click()
    expect(reader.locator(".card-headline")).to_have_text([HEADLINE])

    reader.goto(newsroom["lead"].get_absolute_url())
    related = reader.get_by_role("region", name="Related articles")
    expect(related.get_by_role("link", name=HEADLINE)).to_be_visible()
