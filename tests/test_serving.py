"""What operators rely on: health checks, the gunicorn configuration and long-lived static files."""

import socket
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

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
def test_readiness_reports_an_unreachable_cache_without_pulling_the_site(client, settings):
    # The production settings: pages carry on without Redis, so the instance stays in the pool,
    # and the probe still tells.
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:9/0", key_prefix="readyz")}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready, degraded: cache unreachable, pages served uncached"


def shared_redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def shared_redis(settings):
    """The Redis at 127.0.0.1:6379, database 5, under a key prefix of this test's own (never flushed)."""
    if not shared_redis_answers():
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    import redis

    prefix = f"readyz-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:6379/5", key_prefix=prefix)}
    client = redis.Redis.from_url("redis://127.0.0.1:6379/5")
    yield client, prefix
    leftovers = list(client.scan_iter(match=f"{prefix}:*"))
    if leftovers:
        client.delete(*leftovers)


@pytest.mark.django_db(transaction=True)
def test_readiness_probes_arriving_together_all_answer_ready(live_server, shared_redis):
    redis_client, prefix = shared_redis

    def probe(_):
        try:
            with urlopen(f"{live_server.url}/readyz", timeout=30) as response:  # noqa: S310 - the test's own server
                return response.status, response.read()
        except HTTPError as error:
            return error.code, error.read()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(probe, range(200)))

    assert answers == [(200, b"ready")] * 200
    assert list(redis_client.scan_iter(match=f"{prefix}:*")) == []  # probes leave nothing behind


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
