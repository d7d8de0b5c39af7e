"""An editor runs a live blog from the story editor, and readers' open pages show its entries as they come."""

import re

from playwright.sync_api import expect

from liveblogs.models import LiveBlog, LiveEntry
from tests.factories import EditorFactory

from .browser import accessibility_violations, admin_login, screenshot, sideways_overflow, violations_report
from .conftest import DESKTOP, PHONE

STORY = "/articles/haftar-forces-push-towards-tripoli/"


def post_entry(composer, text: str, *, key_event: str = "", pin: bool = False) -> None:
    """Type an entry in the composer and press "Publish entry", as the desk does."""
    composer.locator(".ProseMirror[contenteditable=true]").click()
    composer.keyboard.type(text)
    if key_event:
        composer.get_by_label("Key event").check()
        composer.get_by_label("Short title").fill(key_event)
    if pin:
        composer.get_by_label("Pin at the top").check()
    composer.get_by_role("button", name="Publish entry").click()
    expect(composer.locator(".messagelist")).to_contain_text("Entry published.")
    expect(composer.locator(".live-composer-entries")).to_contain_text(text)


def test_editor_runs_a_live_blog_and_open_pages_update_by_themselves(
    open_page, browser, live_server, newsroom, editorial_roles, settings
):
    settings.LIVEBLOG_POLL_SECONDS = 1  # the readers' pages ask every second instead of every 15
    EditorFactory(username="desk", password="a-long-test-password")
    editor = open_page()
    admin_login(editor, username="desk", password="a-long-test-password")
    editor.goto(f"/admin/articles/article/{newsroom['lead'].pk}/change/")
    editor.get_by_role("button", name="Start live blog").click()
    expect(editor.locator(".messagelist")).to_contain_text("The story is live")
    assert LiveBlog.objects.get().is_live

    reader = open_page(DESKTOP)
    reader.goto(STORY)
    expect(reader.locator(".story-header .live-badge")).to_have_text("Live")
    expect(reader.locator(".live-empty")).to_have_text("No updates yet.")
    scrolled = open_page(PHONE)
    scrolled.goto(STORY)
    scrolled.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    reading = scrolled.locator("footer").last  # what this reader has on screen
    scrolled_at = scrolled.evaluate("() => window.scrollY")
    reading_at = reading.bounding_box()["y"]

    post_entry(editor, "Shelling resumed south of the capital at dawn.")
    post_entry(editor, "The UN envoy has called both sides to Geneva.", key_event="Talks called in Geneva")
    post_entry(editor, "What we know: the offensive enters its third week.", pin=True)
    screenshot(editor, "liveblog-composer-desktop")
    assert LiveEntry.objects.filter(status="published").count() == 3

    # The open page shows the three, newest first, without a reload, and says so politely.
    entries = reader.locator(".live-entries .live-entry")
    expect(entries).to_have_count(3)
    expect(entries.first).to_contain_text("What we know")
    expect(entries.last).to_contain_text("Shelling resumed")
    expect(reader.locator(".live-pinned-box")).to_contain_text("What we know")
    expect(reader.locator(".live-key-events")).to_contain_text("Talks called in Geneva")
    expect(reader.locator(".live-announcer")).to_have_attribute("aria-live", "polite")
    expect(reader.locator(".live-announcer")).to_contain_text(re.compile(r"new update"))
    violations = accessibility_violations(reader)
    assert violations == [], violations_report(violations)
    # A reader further down keeps their place and is offered the updates instead.
    expect(scrolled.locator(".live-new-button")).to_have_text(re.compile(r"Show 3 new updates|Show \d new update"))
    assert scrolled.evaluate("() => window.scrollY") == scrolled_at
    assert reading.bounding_box()["y"] == reading_at
    expect(scrolled.locator(".live-entries .live-entry")).to_have_count(0)
    scrolled.locator(".live-new-button").click()
    expect(scrolled.locator(".live-entries .live-entry")).to_have_count(3)
    expect(scrolled.locator(".live-pinned-box")).to_contain_text("What we know")

    # Without JavaScript, a reload shows everything: pinned entry, key events, entries.
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url, viewport=DESKTOP)
    try:
        plain = context.new_page()
        plain.goto(STORY)
        expect(plain.locator(".live-pinned-box")).to_contain_text("What we know")
        key_event = plain.get_by_role("link", name=re.compile("Talks called in Geneva"))
        expect(key_event).to_have_attribute("href", re.compile(r"^#entry-\d+$"))
        expect(plain.locator(".live-entries .live-entry")).to_have_count(3)
        screenshot(plain, "liveblog-page-desktop")
        phone = context.new_page()
        phone.set_viewport_size(PHONE)
        phone.goto(STORY)
        screenshot(phone, "liveblog-page-phone")
        assert sideways_overflow(phone) == 0
        front = context.new_page()
        front.goto("/")
        expect(front.locator(".card", has_text="Haftar's forces push").locator(".live-badge")).to_have_text("Live")

        composer_phone = open_page(PHONE)
        admin_login(composer_phone, username="desk", password="a-long-test-password")
        composer_phone.goto(editor.url)
        screenshot(composer_phone, "liveblog-composer-phone")
        assert sideways_overflow(composer_phone) == 0

        # The editor ends the blog from the story editor: the badge goes, the page stays.
        editor.get_by_role("link", name="Back to the story").click()
        editor.get_by_role("button", name="End live blog").click()
        expect(editor.locator(".messagelist")).to_contain_text("The live blog has ended")
        expect(editor.get_by_role("button", name="Start live blog again")).to_be_visible()
        screenshot(editor, "liveblog-story-editor-desktop")
        expect(reader.locator(".live-badge")).to_have_count(0)
        plain.reload()
        expect(plain.locator(".live-badge")).to_have_count(0)
        expect(plain.locator(".live-status")).to_contain_text("Live coverage ended")
        expect(plain.locator(".live-entries .live-entry")).to_have_count(3)
    finally:
        context.close()
