"""From the desk to a published story with two bylines, two tags and a picture, on one page, counting what the
editor does: the clicks, the fields filled and the keys pressed (the figures compared with Wagtail's editor)."""

from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, expect

from articles.models import Article
from tests.factories import EditorFactory
from tests.images import image_bytes

from .browser import admin_login, screenshot

PASSWORD = "a-long-test-password"
HEADLINE = "Envoys agree a ceasefire in Geneva"


@dataclass
class Editor:
    """The person at the keyboard: every click, every field typed into and every key pressed is counted."""

    page: Page
    clicks: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def click(self, target: Locator, what: str) -> None:
        target.click()
        self.clicks.append(what)

    def type_into(self, target: Locator, text: str, what: str) -> None:
        self.click(target, what)
        self.page.keyboard.type(text)
        self.fields.append(what)

    def press(self, key: str, what: str) -> None:
        self.page.keyboard.press(key)
        self.keys.append(what)

    def autocomplete(self, box: Locator, text: str, choice: str, what: str) -> None:
        """Django's autocomplete box (section, byline): open it, type, click the match."""
        self.click(box, what)
        self.page.keyboard.type(text)
        self.fields.append(what)
        self.click(self.page.locator(".select2-results__option", has_text=choice).first, f"{what}: {choice}")

    def chip(self, field_name: str, text: str, choice: str) -> None:
        """A chip field (actors, countries): type, and Enter takes the first suggestion."""
        box = self.page.get_by_role("combobox", name=field_name)
        self.type_into(box, text, field_name)
        expect(self.page.get_by_role("option", name=choice).first).to_be_visible()
        self.press("Enter", f"{field_name}: {choice}")


def test_from_the_desk_to_a_published_story_with_two_bylines_two_tags_and_a_picture(
    open_page, newsroom, editorial_roles, tmp_path
):
    EditorFactory(username="desk-editor", password=PASSWORD)
    picture = tmp_path / "geneva.jpg"
    picture.write_bytes(image_bytes(width=1600, height=900))
    page = open_page()
    admin_login(page, username="desk-editor", password=PASSWORD)
    editor = Editor(page)

    editor.click(page.get_by_role("link", name="Write a story"), "Write a story")
    editor.type_into(page.get_by_label("Headline"), HEADLINE, "Headline")  # the slug follows it
    editor.autocomplete(page.get_by_role("combobox", name="Section"), "Wor", "World", "Section")
    editor.type_into(page.get_by_label("Dek"), "Both sides sign for thirty days.", "Dek")
    editor.type_into(page.locator(".ProseMirror[contenteditable=true]"), "The talks ended at dawn.", "Body")
    with page.expect_file_chooser() as chooser:
        editor.click(page.get_by_label("Lead picture:"), "Lead picture: choose a file")
    chooser.value.set_files(picture)
    editor.clicks.append("Lead picture: the file, in the system's dialog")
    editor.fields.append("Lead picture")
    editor.type_into(page.get_by_label("Alt text"), "Delegates shake hands in the Palais des Nations", "Alt text")
    add_byline = page.get_by_role("button", name="Add another Byline")
    for number, (typed, name) in enumerate([("Finn", "Caroline Finnegan"), ("Osei", "Kwame Osei")]):
        editor.click(add_byline, "Add another byline")
        box = page.locator(f'[aria-labelledby*="select2-id_bylines-{number}-author-container"]')
        editor.autocomplete(box, typed, name, "Byline")
    editor.chip("Actors", "Khal", "Khalifa Haftar")
    editor.chip("Countries", "Liby", "Libya")
    page.evaluate("window.scrollTo(0, 0)")  # the sticky status box at its place in the whole-page picture
    screenshot(page, "story-walkthrough-before-publishing-desktop")
    editor.click(page.get_by_role("button", name="Publish now"), "Publish now")

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator(".status-badge")).to_have_text("Published")  # still in the editor, story live
    article = Article.objects.get(headline=HEADLINE)
    assert article.is_public and article.lead_image and article.section.name == "World"
    assert [byline.author.name for byline in article.bylines.all()] == ["Caroline Finnegan", "Kwame Osei"]
    assert (list(article.actors.names()), list(article.countries.names())) == (["Khalifa Haftar"], ["Libya"])
    assert open_page().goto(article.get_absolute_url()).status == 200

    # The figures of the comparison with Wagtail's page editor: one page, no dialog but the file chooser.
    assert len(editor.clicks) == 18, editor.clicks
    assert len(editor.fields) == 10, editor.fields
    assert len(editor.keys) == 2, editor.keys
