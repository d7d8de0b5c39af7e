"""Every kind of reader's email, as received by a real SMTP server, rendered in Chromium at phone and
desktop width, light and dark: readable, and never wider than a phone's screen."""

from django.utils import timezone
from playwright.sync_api import expect

from alerts.emails import stories_message
from alerts.models import Subscriber
from alerts.tasks import confirmation_send
from alerts.tokens import confirm_token_make
from articles.models import Article
from tests.smtp_server import body_of

from .browser import screenshot, sideways_overflow
from .conftest import DESKTOP, PHONE


def test_the_confirmation_digest_and_briefing_emails_read_well_on_a_phone_and_a_desktop(
    open_page, newsroom, smtp_server, settings
):
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    world = newsroom["world"]
    token = confirm_token_make(
        email="ana@example.org", follows=[f"section:{world.pk}"], frequency="daily", briefing=True
    )
    confirmation_send.call(token=token)
    subscriber = Subscriber.objects.create(email="ana@example.org", confirmed_at=timezone.now())
    latest = list(Article.objects.published().select_related("section").order_by("-published_at")[:4])
    reasons = {article.pk: ["World"] for article in latest if article.section_id == world.pk}
    for kind in ("digest", "briefing"):
        stories_message(subscriber=subscriber, kind=kind, articles=latest, reasons=reasons).send()

    confirmation, digest, briefing = (message for _rcpts, message in smtp_server.messages)
    emails = {
        "confirmation": (confirmation, "Confirm my alerts"),
        "digest": (digest, "Haftar's forces push towards Tripoli"),
        "briefing": (briefing, "Oil output recovers"),
    }
    for name, (message, link) in emails.items():
        html = body_of(message, "html")
        for scheme in ("light", "dark"):
            for viewport, width in ((PHONE, "phone"), (DESKTOP, "desktop")):
                mail = open_page(viewport)
                mail.emulate_media(color_scheme=scheme)
                mail.set_content(html)
                expect(mail.get_by_role("heading", level=1)).to_be_visible()
                expect(mail.get_by_role("link", name=link)).to_be_visible()
                assert sideways_overflow(mail) == 0, f"the {name} email scrolls sideways ({scheme}, {width})"
                screenshot(mail, f"alerts-email-{name}-{scheme}-{width}")
                mail.close()
