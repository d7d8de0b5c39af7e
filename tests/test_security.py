"""Production safety: deploy checks, Content-Security-Policy, throttled admin sign-in, a configurable admin URL."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from api.throttling import AnonymousReaderThrottle

from .factories import StaffFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LOGIN = reverse("admin:login")
PASSWORD = "a-long-test-password"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="k7#Qz!v2@Lr9$Tw4%Yp8^Mn3&Bx6*Hd1(Gs5)Jf0-Ce-production-only-key",
        DJANGO_ALLOWED_HOSTS="news.example.com",
        REDIS_URL="redis://127.0.0.1:6379/4",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="news.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_the_admin_address_comes_from_the_environment():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert manage("shell", "-c", code, DJANGO_ADMIN_URL="desk-7f3/").stdout.strip().endswith("/desk-7f3/")
    assert manage("shell", "-c", code).stdout.strip().endswith("/admin/")


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    response = client.get(reverse("articles:front"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_the_admin_sign_in_page_works(client):
    StaffFactory(username="desk", password=PASSWORD)
    assert client.get(LOGIN).status_code == 200
    response = client.post(LOGIN, {"username": "desk", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_signing_in_many_times_never_locks_anyone_out(client):
    StaffFactory(username="desk", password=PASSWORD)
    for _ in range(12):
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 302
        client.logout()
    # A mistake now and then is forgiven once the right password is typed.
    for _ in range(3):
        assert client.post(LOGIN, {"username": "desk", "password": "wrong"}).status_code == 200
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 302
        client.logout()


def test_repeated_wrong_passwords_lock_the_sign_in_with_a_clear_message(client, settings):
    StaffFactory(username="desk", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "desk", "password": "guess"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    locked = client.post(LOGIN, {"username": "desk", "password": "guess"})
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "Try again in 15 minutes" in page
    # Even the right password is refused while the lock lasts.
    assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 429
    # Another account from the same address is not punished for it.
    StaffFactory(username="other", password=PASSWORD)
    assert client.post(LOGIN, {"username": "other", "password": PASSWORD}).status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, settings):
    StaffFactory(username="desk", password=PASSWORD)
    with time_machine.travel("2026-03-02 12:00Z", tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(LOGIN, {"username": "desk", "password": "guess"})
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 302


# --- Sign-in behind a proxy, and password spraying -------------------------------------------------

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches Django from here
EDITOR = "198.51.100.7"
ATTACKER = "203.0.113.5"


@pytest.fixture
def proxies(settings):
    """Set how many reverse proxies stand in front of the site (NEWSROOM_PROXY_COUNT)."""

    def set_count(count: int) -> None:
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return set_count


def sign_in(client, username: str, password: str, *, remote: str = PROXY, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    client.logout()
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def test_behind_a_proxy_wrong_passwords_from_elsewhere_do_not_lock_the_editor_out(client, settings, proxies):
    proxies(1)
    StaffFactory(username="desk", password=PASSWORD)
    # The attacker even claims the editor's address; the proxy appends the one it really saw.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "desk", "guess", forwarded=f"{EDITOR}, {ATTACKER}")
    assert sign_in(client, "desk", PASSWORD, forwarded=f"{EDITOR}, {ATTACKER}").status_code == 429
    assert sign_in(client, "desk", PASSWORD, forwarded=EDITOR).status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_header_does_not_dodge_the_lock(client, settings, proxies):
    proxies(0)
    StaffFactory(username="desk", password=PASSWORD)
    for number in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "desk", "guess", remote=ATTACKER, forwarded=f"192.0.2.{number}")
    assert sign_in(client, "desk", PASSWORD, remote=ATTACKER, forwarded="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "address"),
    [
        (0, None, PROXY),
        (0, EDITOR, PROXY),
        (1, None, PROXY),
        (1, EDITOR, EDITOR),
        (1, f"{ATTACKER}, {EDITOR}", EDITOR),
        (2, f"{ATTACKER}, {EDITOR}, 10.0.0.9", EDITOR),
        (1, "not-an-address", PROXY),
    ],
)
def test_sign_in_throttling_sees_the_same_address_as_the_api_rate_limit(client, proxies, count, forwarded, address):
    proxies(count)
    sign_in(client, "desk", "guess", forwarded=forwarded)
    assert AccessAttempt.objects.get().ip_address == address
    if forwarded != "not-an-address":  # the API keys anything, as it has no address column to fill
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        request = RequestFactory().get("/api/sections/", REMOTE_ADDR=PROXY, **headers)
        assert AnonymousReaderThrottle().get_ident(request) == address


def test_spraying_many_user_names_from_one_address_locks_that_address(client, settings, proxies):
    proxies(1)
    StaffFactory(username="desk", password=PASSWORD)
    limit = settings.NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    with time_machine.travel("2026-03-02 12:00Z", tick=False) as traveller:
        for number in range(limit - 1):
            assert sign_in(client, f"editor{number}", "Spring2026!", forwarded=ATTACKER).status_code == 200
        locked = sign_in(client, f"editor{limit}", "Spring2026!", forwarded=ATTACKER)
        assert locked.status_code == 429
        assert "Signing in from your network is locked for now" in locked.content.decode()
        # Every name is refused from there now, even with the right password ...
        assert sign_in(client, "desk", PASSWORD, forwarded=ATTACKER).status_code == 429
        # ... but the editor at another address behind the same proxy signs in as usual.
        assert sign_in(client, "desk", PASSWORD, forwarded=EDITOR).status_code == 302
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert sign_in(client, "desk", PASSWORD, forwarded=ATTACKER).status_code == 302


def test_a_good_password_does_not_wipe_an_address_count_of_wrong_ones(client, settings):
    limit = settings.NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT
    StaffFactory(username="intern", password=PASSWORD)  # a sprayer with an account of their own
    for number in range(limit - 1):
        sign_in(client, f"editor{number}", "Spring2026!", remote=ATTACKER)
    assert sign_in(client, "intern", PASSWORD, remote=ATTACKER).status_code == 302
    assert sign_in(client, "editor99", "Spring2026!", remote=ATTACKER).status_code == 429


def test_the_sign_in_limits_and_the_proxy_count_come_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.REST_FRAMEWORK['NUM_PROXIES'], s.AXES_FAILURE_LIMIT, s.NEWSROOM_SIGNIN_ADDRESS_FAILURE_LIMIT)"
    )
    result = manage(
        "shell",
        "-c",
        code,
        NEWSROOM_PROXY_COUNT="1",
        DJANGO_AXES_FAILURE_LIMIT="4",
        DJANGO_AXES_ADDRESS_FAILURE_LIMIT="30",
    )
    assert result.stdout.strip().splitlines()[-1].split() == ["1", "4", "30"], result.stderr
