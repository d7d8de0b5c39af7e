"""A reader follows a section in the browser, confirms by the emailed link, and gets the alert; an
editor sees the followers and sends a test. The mail goes through a real SMTP server on loopback."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from alerts.events import clock_tick
from alerts.models import Follow, Subscriber
from tests.factories import ArticleFactory, StaffFactory
from tests.smtp_server import body_of

from .browser import admin_login, screenshot
from .conftest import DESKTOP, PHONE


def test_reader_follows_a_section_confirms_and_gets_one_alert(
    open_page, live_server, newsroom, smtp_server, task_queue, settings
):
    settings.NEWSROOM_SITE_URL = live_server.url
    clock_tick()  # the stories already published are the archive: nobody is alerted about them
    for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = open_page(viewport)
        page.goto("/sections/world/")
        page.get_by_role("button", name="Follow World by email").click()
        expect(page.get_by_role("checkbox", name="World (section)")).to_be_checked()
        page.get_by_label("Your email address").fill(f"reader-{name}@example.org")
        page.get_by_label("Daily digest").check()
        screenshot(page, f"alerts-follow-{name}")
        page.get_by_role("button", name="Send me a confirmation link").click()
        expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
        task_queue.run()
        (confirmation,) = smtp_server.to(f"reader-{name}@example.org")
        link = re.search(r"http://\S+/alerts/confirm/\S+/", body_of(confirmation)).group(0)
        page.goto(link)
        page.get_by_role("button", name="Confirm").click()
        expect(page.get_by_text("Confirmed.")).to_be_visible()
        screenshot(page, f"alerts-manage-{name}")
    assert Follow.objects.filter(kind="section", object_id=newsroom["world"].pk, frequency="daily").count() == 2

    # From the manage page: alerts as they happen instead of a digest.
    page.get_by_label("How often for World").select_option("instant")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    smtp_server.clear()

    ArticleFactory(headline="Talks resume in Geneva", section=newsroom["world"], published_at=timezone.now())
    ArticleFactory(headline="Not yet", section=newsroom["world"], draft=True)
    clock_tick()
    task_queue.run()
    (alert,) = smtp_server.to("reader-desktop@example.org")
    assert alert["Subject"] == "Talks resume in Geneva"
    assert smtp_server.to("reader-phone@example.org") == []  # daily digest: tomorrow morning

    html = alert.get_body(preferencelist=("html",)).get_content()
    for scheme in ("light", "dark"):
        for viewport, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
            mail = open_page(viewport)
            mail.emulate_media(color_scheme=scheme)
            mail.set_content(html)
            expect(mail.get_by_role("link", name="Talks resume in Geneva")).to_be_visible()
            screenshot(mail, f"alerts-email-{scheme}-{name}")
    assert Subscriber.objects.count() == 2


def test_editor_sees_followers_sends_a_test_and_pauses_sending(open_page, newsroom, smtp_server):
    subscriber = Subscriber.objects.create(email="r@example.org", confirmed_at=timezone.now())
    Follow.objects.create(subscriber=subscriber, kind="section", object_id=newsroom["world"].pk)
    Follow.objects.create(subscriber=subscriber, kind="country", object_id=newsroom["libya"].pk, frequency="daily")
    StaffFactory(username="chief", password="a-long-test-password", email="chief@example.org", is_superuser=True)
    page = open_page(DESKTOP)
    admin_login(page, username="chief", password="a-long-test-password")
    page.goto("/admin/alerts/sending/")
    expect(page.get_by_role("table", name="Sections: 1 follow")).to_be_visible()
    expect(page.get_by_role("table", name="Countries: 1 follow")).to_be_visible()
    page.get_by_label("Story (for an alert)").select_option(label="Haftar's forces push towards Tripoli")
    page.get_by_role("button", name="Send the test to chief@example.org").click()
    expect(page.get_by_text("A test alert is on its way")).to_be_visible()
    (test,) = smtp_server.to("chief@example.org")
    assert test["Subject"] == "[Test] Haftar's forces push towards Tripoli"
    page.get_by_role("button", name="Pause sending").click()
    expect(page.get_by_text("Sending is paused by chief")).to_be_visible()
    screenshot(page, "alerts-editors-view-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "alerts-editors-view-phone")
