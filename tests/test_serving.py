"""What operators rely on: health checks, the gunicorn configuration and long-lived static files."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

from newsroom.settings import redis_cache

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_liveness_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_readiness_checks_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_fails_when_the_cache_is_unreachable(client, settings):
    # The production settings: pages carry on without Redis, but the probe still tells.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0", key_prefix="readyz")}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert b"cache" in response.content


def test_gunicorn_configuration_loads_the_site():
    result = subprocess.run(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(Path(sys.executable).with_name("gunicorn")), "--check-config", "newsroom.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_gunicorn_workers_follow_the_cores(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    namespace: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    assert namespace["workers"] == namespace["cores"] * 2
    assert namespace["worker_class"] == "gthread"


def test_static_files_are_compressed_hashed_and_cached_for_a_year(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    hashed = next(tmp_path.glob("css/site.*.css"))
    assert (hashed.parent / (hashed.name + ".gz")).exists()

    settings.DEBUG = False
    middleware = WhiteNoiseMiddleware(lambda request: None)
    response = middleware(RequestFactory().get(f"/static/css/{hashed.name}", HTTP_ACCEPT_ENCODING="gzip"))
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] == "gzip"
