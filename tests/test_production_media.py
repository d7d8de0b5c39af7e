"""With debug off, the site on one machine serves pictures as the README says: gunicorn, as in production.

The site runs under gunicorn with production settings (DJANGO_DEBUG=0, collected static files) on a
database and a media folder of its own; the test reads a story's page and fetches what a browser and
a social network would: the picture, its WebP rendition, the shared image, the site's share picture.
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .redis_server import free_port

ROOT = Path(settings.BASE_DIR)
YEAR = "max-age=31536000"
THIRD_PARTY_STATIC = ["admin", "django_prose_editor", "drf_spectacular_sidecar", "rest_framework"]

STORY = """
from articles.models import Article, Section, Byline
from authors.models import Author
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from demo.services.pictures import picture_jpeg
section = Section.objects.create(name="World", slug="world")
author = Author.objects.create(name="Caroline Finnegan", slug="caroline-finnegan")
picture = SimpleUploadedFile("harbour.jpg", picture_jpeg(seed=3, width=1600, height=900), "image/jpeg")
article = Article.objects.create(
    headline="Boats return to the harbour", slug="boats-return", section=section, body="<p>Text.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now(), lead_image=picture, lead_image_alt="Boats",
)
Byline.objects.create(article=article, author=author, position=0)
Article.objects.create(
    headline="No picture here", slug="no-picture", section=section, body="<p>Text.</p>",
    status=Article.Status.PUBLISHED, published_at=timezone.now(),
)
"""


def get(url: str) -> tuple[int, dict, bytes]:
    """GET as through the TLS proxy in front of the site (production redirects plain HTTP to HTTPS)."""
    address = url.replace("https://", "http://")
    assert address.startswith("http://127.0.0.1:")
    request = urllib.request.Request(address, headers={"X-Forwarded-Proto": "https"})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    here = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-production-like-secret-key-for-this-test-only-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
        "DATABASE_URL": f"sqlite:///{here / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(here / "media"),
        "DJANGO_STATIC_ROOT": str(here / "static"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
    }
    manage = [sys.executable, "manage.py"]
    # The readers' own static files only: compressing the admin's and the API browser's takes minutes.
    collect = ["collectstatic", "--noinput", "-v0", *[f"-i={app}" for app in THIRD_PARTY_STATIC]]
    # The story's renditions are made by the task worker, as in production (one batch, then it stops).
    for command in (["migrate", "--noinput", "-v0"], collect, ["shell", "-c", STORY], ["db_worker", "--batch"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", "gunicorn.conf.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not start: " + server.stderr.read1().decode())
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pictures_renditions_and_share_images_are_served_with_long_cache(production_site):
    status, _headers, page = get(f"{production_site}/articles/boats-return/")
    assert status == 200
    html = page.decode()
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    webp = re.search(r'<source type="image/webp" srcset="([^ "]+)', html).group(1)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    [json_ld_crop] = re.findall(r'"(https://[^"]+-1x1-[^"]+)"', html)
    for url, content_type in [
        (src, "image/jpeg"),
        (webp, "image/webp"),
        (og_image, "image/jpeg"),
        (json_ld_crop, "image/jpeg"),
    ]:
        address = url if url.startswith("https://") else production_site + url
        status, headers, body = get(address)
        assert status == 200, address
        assert headers["Content-Type"] == content_type and len(body) > 1000, address
        assert YEAR in headers["Cache-Control"] and "immutable" in headers["Cache-Control"], headers["Cache-Control"]

    share = re.search(
        r'<meta property="og:image" content="([^"]+)"', get(f"{production_site}/articles/no-picture/")[2].decode()
    ).group(1)
    assert re.search(r"/static/brand/share\.[0-9a-f]{12}\.png$", share), "the share picture has a hashed name"
    status, headers, _body = get(share)
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert "max-age=315360000" in headers["Cache-Control"]  # WhiteNoise: hashed static files, ten years
    status, headers, body = get(f"{production_site}/favicon.ico")
    assert status == 200 and headers["Content-Type"] == "image/x-icon"


def test_no_listing_no_original_and_no_path_tricks(production_site):
    media = Path(
        get(f"{production_site}/articles/boats-return/")[2].decode().split('<img src="', 1)[1].split('"', 1)[0]
    )
    folder = str(media.parent)
    for address in [
        "/media/",
        "/media/renditions/",
        folder + "/",
        "/media/renditions/../db.sqlite3",
        "/media/renditions/%2e%2e/%2e%2e/db.sqlite3",
        "/media/renditions//etc/passwd",
        "/media/articles/",
    ]:
        status, _headers, body = get(production_site + address)
        assert status in (400, 404), address
        assert media.name.encode() not in body, f"{address} lists the folder"


def settings_in(env: dict) -> subprocess.CompletedProcess:
    code = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default'])"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
    )


def test_the_media_storage_comes_from_the_environment():
    assert "FileSystemStorage" in settings_in({}).stdout
    s3 = settings_in(
        {
            "DJANGO_MEDIA_STORAGE": "storages.backends.s3.S3Storage",
            "DJANGO_MEDIA_STORAGE_OPTIONS": '{"bucket_name": "newsroom-media", "querystring_auth": false}',
        }
    )
    assert s3.stdout.strip() == (
        "{'BACKEND': 'storages.backends.s3.S3Storage', "
        "'OPTIONS': {'bucket_name': 'newsroom-media', 'querystring_auth': False}}"
    )
    broken = settings_in({"DJANGO_MEDIA_STORAGE_OPTIONS": "{bucket: media}"})
    assert broken.returncode != 0 and "DJANGO_MEDIA_STORAGE_OPTIONS is not valid JSON" in broken.stderr
