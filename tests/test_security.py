"""Production safety: deploy checks, Content-Security-Policy, throttled admin sign-in, a configurable admin URL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

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
    from datetime import timedelta

    import time_machine

    StaffFactory(username="desk", password=PASSWORD)
    with time_machine.travel("2026-03-02 12:00Z", tick=False) as traveller:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(LOGIN, {"username": "desk", "password": "guess"})
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 429
        traveller.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert client.post(LOGIN, {"username": "desk", "password": PASSWORD}).status_code == 302
