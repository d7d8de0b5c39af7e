"""Actors and countries as chips in the story editor: suggestions as you type, a new actor created from the
field, all by the keyboard; reporters cannot create actors; without JavaScript the plain field still works."""

from playwright.sync_api import expect

from articles.models import Article
from tagging.models import Actor
from tests.factories import ArticleFactory, AuthorFactory, EditorFactory, ReporterFactory

from .browser import accessibility_violations, admin_login, screenshot, sideways_overflow, violations_report
from .conftest import ACTION_TIMEOUT_MS, PHONE

PASSWORD = "a-long-test-password"


def chips(page, field: str):
    return page.get_by_role("list", name=f"{field} chosen").get_by_role("listitem")


def test_an_editor_tags_a_story_and_creates_an_actor_from_the_chip_fields_by_keyboard(
    open_page, newsroom, editorial_roles
):
    EditorFactory(username="desk-editor", password=PASSWORD)
    article = ArticleFactory(draft=True, headline="Talks in Geneva", slug="talks-in-geneva", section=newsroom["world"])
    editor = open_page()
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto("/admin/articles/article/")
    editor.get_by_role("link", name="Talks in Geneva").click()

    actors = editor.get_by_role("combobox", name="Actors")
    actors.press_sequentially("haf")
    suggestions = editor.get_by_role("listbox", name="Actors suggestions")
    expect(suggestions.get_by_role("option")).to_have_count(3)  # Khalifa Haftar, and create as person or organisation
    expect(suggestions.get_by_role("option").first).to_contain_text("Khalifa Haftar")
    expect(actors).to_have_attribute("aria-expanded", "true")
    screenshot(editor, "story-editor-chips-open-desktop")
    violations = accessibility_violations(editor)
    assert not violations, violations_report(violations)
    actors.press("ArrowDown")
    expect(suggestions.get_by_role("option", name="Khalifa Haftar")).to_have_attribute("aria-selected", "true")
    actors.press("Enter")
    expect(chips(editor, "Actors")).to_have_text(["Khalifa Haftar×"])
    expect(actors).to_be_focused()
    expect(actors).to_have_value("")

    # A new actor: typed whole, then "Create … as organisation" picked with the arrow keys.
    actors.press_sequentially("Government of National Accord")
    create = suggestions.get_by_role("option", name="Create “Government of National Accord” as organisation")
    expect(create).to_be_visible()
    actors.press("ArrowDown")
    actors.press("ArrowDown")
    expect(create).to_have_attribute("aria-selected", "true")
    actors.press("Enter")
    expect(chips(editor, "Actors")).to_have_text(["Khalifa Haftar×", "Government of National Accord×"])
    expect(editor.get_by_role("status").filter(has_text="Created Government of National Accord")).to_have_count(1)
    assert Actor.objects.get(name="Government of National Accord").kind == Actor.Kind.ORGANISATION

    countries = editor.get_by_role("combobox", name="Countries")
    countries.press_sequentially("liby")
    expect(editor.get_by_role("option", name="Libya")).to_be_visible()
    countries.press("Enter")  # the first suggestion
    countries.press_sequentially("egy")
    expect(editor.get_by_role("option", name="Egypt")).to_be_visible()
    countries.press("Enter")
    expect(chips(editor, "Countries")).to_have_text(["Libya×", "Egypt×"])
    countries.press("Backspace")  # the empty box: removes the last chip
    expect(chips(editor, "Countries")).to_have_text(["Libya×"])
    editor.get_by_role("button", name="Remove Khalifa Haftar").click()
    expect(chips(editor, "Actors")).to_have_text(["Government of National Accord×"])
    actors.press_sequentially("khalifa")
    editor.get_by_role("option", name="Khalifa Haftar").click()  # and with the mouse

    editor.get_by_role("button", name="Save draft").click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    article = Article.objects.get(pk=article.pk)
    assert sorted(article.actors.names()) == ["Government of National Accord", "Khalifa Haftar"]
    assert list(article.countries.names()) == ["Libya"]
    assert not article.is_public
    expect(chips(editor, "Actors")).to_have_text(["Government of National Accord×", "Khalifa Haftar×"])
    expect(chips(editor, "Countries")).to_have_text(["Libya×"])


def test_the_chip_field_fits_a_phone(open_page, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    editor = open_page(PHONE)
    admin_login(editor, username="desk-editor", password=PASSWORD)
    editor.goto(f"/admin/articles/article/{newsroom['lead'].pk}/change/")
    expect(chips(editor, "Actors")).to_have_text(["Khalifa Haftar×"])
    countries = editor.get_by_role("combobox", name="Countries")
    countries.scroll_into_view_if_needed()
    countries.press_sequentially("eg")
    expect(editor.get_by_role("option", name="Egypt")).to_be_visible()
    screenshot(editor, "story-editor-chips-open-phone")
    assert sideways_overflow(editor) == 0
    violations = accessibility_violations(editor)
    assert not violations, violations_report(violations)


def test_a_reporter_is_offered_existing_actors_only(open_page, newsroom, editorial_roles):
    reporter_account = ReporterFactory(username="rania", password=PASSWORD)
    AuthorFactory(name="Rania Aziz", slug="rania-aziz", user=reporter_account)
    article = ArticleFactory(draft=True, headline="Port reopens", slug="port-reopens", created_by=reporter_account)
    reporter = open_page()
    admin_login(reporter, username="rania", password=PASSWORD)
    reporter.goto(f"/admin/articles/article/{article.pk}/change/")
    actors = reporter.get_by_role("combobox", name="Actors")
    actors.press_sequentially("Haftar")
    expect(reporter.get_by_role("option", name="Khalifa Haftar")).to_contain_text("person")
    expect(reporter.get_by_role("option")).to_have_count(1)  # and no "Create …"
    actors.fill("")
    actors.press_sequentially("Ali Zeidan")
    expect(reporter.get_by_role("status").filter(has_text="No actor called “Ali Zeidan”")).to_have_count(1)
    expect(reporter.get_by_role("option")).to_have_count(0)
    # Typed and saved anyway: the server refuses the unknown name, and creates nothing.
    reporter.get_by_role("button", name="Save draft").click()
    expect(reporter.locator(".errorlist")).to_contain_text("Not an actor yet: Ali Zeidan.")
    assert not Actor.objects.filter(name="Ali Zeidan").exists()


def test_without_javascript_the_tags_are_a_comma_separated_field(browser, live_server, newsroom, editorial_roles):
    EditorFactory(username="desk-editor", password=PASSWORD)
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        editor = context.new_page()
        admin_login(editor, username="desk-editor", password=PASSWORD)
        editor.goto(f"/admin/articles/article/{newsroom['lead'].pk}/change/")
        expect(editor.locator(".tag-chips")).to_have_count(0)
        expect(editor.get_by_role("textbox", name="Actors")).to_have_value("Khalifa Haftar")
        editor.get_by_role("textbox", name="Countries").fill("Libya, Egypt")
        editor.get_by_role("button", name="Save changes").click()
        expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    finally:
        context.close()
    assert sorted(newsroom["lead"].countries.names()) == ["Egypt", "Libya"]
