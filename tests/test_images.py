"""Lead pictures and portraits: checked uploads, renditions made once, srcset on the pages."""

import json
import re
from io import StringIO
from pathlib import Path, PurePosixPath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from PIL import Image

from articles.models import Article
from authors.models import Author
from images.originals import original_is_private, public_stem
from images.renditions import crops_for, renditions_generate

from .factories import ArticleFactory, AuthorFactory, SectionFactory
from .images import (
    CAMERA,
    SHOWN_BOTTOM,
    SHOWN_TOP,
    camera_photo,
    image_bytes,
    image_upload,
    png_claiming_size,
    srgb_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def article_form(section, **extra):
    data = {
        "headline": "Tripoli harbour reopens",
        "slug": "tripoli-harbour-reopens",
        "section": section.pk,
        "dek": "",
        "body": "<p>Ships are back.</p>",
        "status": "published",
        "published_at_0": "2025-03-01",
        "published_at_1": "09:00:00",
        "actors": "",
        "countries": "",
        "lead_image_alt": "Fishing boats moored in Tripoli harbour at dawn",
        "lead_image_caption": "The harbour on Saturday.",
        "lead_image_credit": "Jane Doe / Agency",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def add_article(client, data):
    return client.post(reverse("admin:articles_article_add"), data)


def form_errors(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def test_valid_upload_makes_renditions_and_the_page_serves_srcset(admin_client, media):
    response = add_article(
        admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1000, height=600))
    )
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get(slug="tripoli-harbour-reopens")
    assert (article.lead_image_width, article.lead_image_height) == (1000, 600)
    stem = public_stem(name=article.lead_image.name)
    files = stored(media)
    for width in (160, 320, 640, 960, 1000):
        for extension in ("webp", "jpg"):
            assert any(f.endswith(f"{stem}-{width}w.{extension}") for f in files), (width, extension, files)
    assert not any("-1280w" in f for f in files), "never upscaled"

    page = admin_client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/webp" srcset="' in page
    assert f"{stem}-320w.webp 320w" in page and f"{stem}-1000w.jpg 1000w" in page
    assert 'width="1000" height="600"' in page
    assert 'alt="Fishing boats moored in Tripoli harbour at dawn"' in page
    assert "The harbour on Saturday." in page and "Jane Doe / Agency" in page


def test_renditions_are_not_made_again_when_the_story_is_saved(admin_client, media):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload()))
    article = Article.objects.get()
    before = {p: p.stat().st_mtime_ns for p in media.rglob("*") if p.is_file()}
    article.headline = "Tripoli harbour reopens to ferries"
    article.save()
    admin_client.get(article.get_absolute_url())
    after = {p: p.stat().st_mtime_ns for p in media.rglob("*") if p.is_file()}
    assert before == after


def test_png_renamed_jpg_is_stored_under_its_real_format(admin_client, media):
    upload = image_upload("photo.jpg", width=400, height=300, image_format="PNG")
    response = add_article(admin_client, article_form(SectionFactory(), lead_image=upload))
    assert response.status_code == 302, form_errors(response)
    name = Article.objects.get().lead_image.name
    assert name.endswith(".png")
    assert any(f.endswith("-400w.png") for f in stored(media))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("notes.jpg", b"Minutes of the editorial meeting\n" * 20), "is not a picture"),
        (SimpleUploadedFile("bomb.png", png_claiming_size(width=60_000, height=60_000)), "decompression bomb"),
        (SimpleUploadedFile("bomb.png", png_claiming_size(width=10_000, height=9_000)), "decompression bomb"),
        (SimpleUploadedFile("huge.png", png_claiming_size(width=8_000, height=7_000)), "at most 50 million pixels"),
        (SimpleUploadedFile("anim.gif", image_bytes(width=20, height=20, image_format="GIF")), "This is a GIF file"),
    ],
    ids=["text-renamed-jpg", "bomb", "bomb-just-over-pillow-limit", "too-many-pixels", "gif"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(admin_client, media, upload, message):
    response = add_article(admin_client, article_form(SectionFactory(), lead_image=upload))
    assert response.status_code == 200
    assert message in form_errors(response)
    assert not Article.objects.exists()
    assert stored(media) == []


def test_file_over_the_byte_limit_is_refused(admin_client, media, settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 2_000
    response = add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=800, height=800)))
    assert "pictures may be at most 2.0\xa0KB" in form_errors(response)
    assert stored(media) == []


def test_alt_text_is_required_with_a_picture(admin_client, media):
    response = add_article(
        admin_client, article_form(SectionFactory(), lead_image=image_upload(), lead_image_alt="   ")
    )
    assert "Describe the lead picture" in form_errors(response)
    assert stored(media) == []


def test_database_refuses_a_picture_without_alt_text():
    article = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=article.pk).update(lead_image="articles/x.jpg", lead_image_alt="")


def test_model_clean_refuses_a_picture_without_alt_text():
    name = default_storage.save("articles/x.jpg", ContentFile(image_bytes(width=20, height=10)))
    article = ArticleFactory.build(section=SectionFactory(), lead_image=name, lead_image_alt="")
    with pytest.raises(ValidationError) as raised:
        article.full_clean()
    assert "lead_image_alt" in raised.value.message_dict


def test_cards_on_the_front_page_show_the_lead_picture(client, admin_client):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1600, height=900)))
    page = client.get(reverse("articles:front")).content.decode()
    assert 'class="card-image"' in page
    assert "1280w" in page and 'sizes="(min-width: 72rem) 44rem' in page


def test_author_portrait_gets_renditions_and_srcset(admin_client, media):
    author = AuthorFactory(slug="finnegan")
    data = {"name": author.name, "slug": "finnegan", "bio": "", "user": ""}
    response = admin_client.post(
        reverse("admin:authors_author_change", args=[author.pk]),
        {**data, "photo": image_upload("me.jpg", width=600, height=600)},
    )
    assert response.status_code == 302
    author = Author.objects.get()
    page = admin_client.get(author.get_absolute_url()).content.decode()
    assert f"{public_stem(name=author.photo.name)}-320w.webp 320w" in page
    assert f'alt="Portrait of {author.name}"' in page
    story = ArticleFactory(authors=[author])
    byline_box = admin_client.get(story.get_absolute_url()).content.decode().split('class="author-box"', 1)[1]
    assert f"{public_stem(name=author.photo.name)}-160w.webp 160w" in byline_box


def test_renditions_command_makes_missing_renditions(admin_client, media):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=700, height=400)))
    renditions = [p for p in media.rglob("*") if "renditions" in p.parts and p.is_file()]
    renditions[0].unlink()
    out = StringIO()
    call_command("renditions_generate", stdout=out)
    assert "Wrote 1 rendition(s)." in out.getvalue()
    assert renditions[0].exists()


def test_social_cards_and_json_ld_use_a_rendition_of_the_lead_picture(admin_client, client, media):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=2400, height=1350)))
    article = Article.objects.get()
    stem = public_stem(name=article.lead_image.name)
    page = client.get(article.get_absolute_url()).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert og_image.startswith("http://testserver/media/renditions/") and og_image.endswith(f"{stem}-1280w.jpg")
    assert '<meta property="og:image:width" content="1280">' in page
    assert '<meta property="og:image:height" content="720">' in page
    assert f'<meta name="twitter:image" content="{og_image}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    # Search engines' three shapes, cropped around the centre: 16:9, 4:3 and 1:1, 1,200 pixels wide.
    assert [url.rsplit("-", 2)[1:] for url in json_ld["image"]] == [
        ["16x9", "1200w.jpg"],
        ["4x3", "1200w.jpg"],
        ["1x1", "1200w.jpg"],
    ]
    sizes = []
    for url in json_ld["image"]:
        path = media / url.removeprefix("http://testserver/media/")
        assert path.is_file(), "every address listed exists"
        with Image.open(path) as crop:
            sizes.append(crop.size)
    assert sizes == [(1200, 675), (1200, 900), (1200, 1200)]


def test_article_form_shows_the_current_picture(admin_client, media):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1000, height=600)))
    article = Article.objects.get()
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert f'{public_stem(name=article.lead_image.name)}-320w.jpg" width="320" height="192"' in page


def change_form(article, **extra):
    return article_form(
        article.section,
        headline=article.headline,
        slug=article.slug,
        lead_image_alt=article.lead_image_alt,
        version_loaded=article.version,
        **{"corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"},
        **extra,
    )


def test_replacing_a_picture_removes_the_old_one_and_its_renditions(
    admin_client, media, django_capture_on_commit_callbacks
):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload("first.jpg", width=700)))
    article = Article.objects.get()
    old = stored(media)
    assert any("first" in f for f in old)
    url = reverse("admin:articles_article_change", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, change_form(article, lead_image=image_upload("second.jpg", width=500)))
    assert response.status_code == 302
    now = stored(media)
    assert not any("first" in f for f in now), "the old picture and its renditions are gone"
    assert any(f.startswith("renditions/articles/") and "/second-" in f and f.endswith("-500w.webp") for f in now)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, change_form(Article.objects.get(), **{"lead_image-clear": "on"}))
    assert Article.objects.get().lead_image.name == ""
    assert stored(media) == [], "clearing the picture removes it too"


def test_deleting_a_story_removes_its_picture_unless_another_story_uses_it(
    admin_client, media, django_capture_on_commit_callbacks
):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=400, height=300)))
    first = Article.objects.get()
    second = ArticleFactory(lead_image=first.lead_image.name, lead_image_alt="The same harbour")
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert any(f.endswith("-400w.jpg") for f in stored(media)), "still shown on the other story"
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=second.pk).delete()
    assert stored(media) == []


# --- What is stored and served of a photograph carries no private metadata ---------------------------

PRIVATE_BYTES = (CAMERA.encode(), b"<script", b"GPSLatitude", b"xmpmeta")


def assert_clean_and_upright(path: Path) -> None:
    data = path.read_bytes()
    for private in PRIVATE_BYTES:
        assert private not in data, (path.name, private)
    with Image.open(path) as image:
        assert len(image.getexif()) == 0, path.name
        assert not {"exif", "xmp", "comment", "Comment"} & set(image.info), (path.name, list(image.info))
        assert image.info.get("icc_profile") == srgb_profile(), f"{path.name} keeps its colour profile"
        width, height = image.size
        if not re.search(r"-(16x9|4x3|1x1)-", path.name):  # a crop for search engines has its own shape
            assert height > width, f"{path.name} is upright"
        rgb = image.convert("RGB")
        top, bottom = rgb.getpixel((width // 2, height // 8)), rgb.getpixel((width // 2, height * 7 // 8))
    assert max(abs(a - b) for a, b in zip(top, SHOWN_TOP, strict=True)) < 40, (path.name, top)
    assert max(abs(a - b) for a, b in zip(bottom, SHOWN_BOTTOM, strict=True)) < 40, (path.name, bottom)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_uploaded_photo_is_stored_and_served_upright_without_its_metadata(admin_client, media, image_format):
    upload = SimpleUploadedFile("phone.jpg", camera_photo(width=1400, height=1000, image_format=image_format))
    response = add_article(admin_client, article_form(SectionFactory(), lead_image=upload))
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.lead_image_width, article.lead_image_height) == (1000, 1400)
    files = [path for path in media.rglob("*") if path.is_file()]
    assert media / article.lead_image.name in files
    formats = 1 if image_format == "WEBP" else 2  # WebP, and the original's format
    assert len(files) == 1 + 5 * formats + 3, "the original, five widths (160 to 1000) in each format, three crops"
    for path in files:
        assert_clean_and_upright(path)


def test_an_author_portrait_keeps_no_camera_metadata(admin_client, media):
    author = AuthorFactory(slug="finnegan")
    data = {"name": author.name, "slug": "finnegan", "bio": "", "user": ""}
    photo = SimpleUploadedFile("me.jpg", camera_photo(width=600, height=500))
    admin_client.post(reverse("admin:authors_author_change", args=[author.pk]), {**data, "photo": photo})
    author.refresh_from_db()
    assert (author.photo_width, author.photo_height) == (500, 600)
    for path in media.rglob("*"):
        if path.is_file():
            assert_clean_and_upright(path)


def test_no_page_reveals_where_the_original_upload_is(admin_client, client, media):
    add_article(admin_client, article_form(SectionFactory(), lead_image=image_upload(width=1600, height=900)))
    article = Article.objects.get()
    original = article.lead_image
    page = client.get(article.get_absolute_url()).content.decode()
    shown = set(re.findall(r"/media/([^\s\"',]+)", page))
    assert shown and all(name.startswith("renditions/") for name in shown), shown
    assert original.url not in page
    assert PurePosixPath(original.name).stem not in page
    # Nor can it be guessed from a rendition's address: none of the likely names is the original.
    for name in shown:
        guess = re.sub(r"-\d+w$", "", PurePosixPath(name.removeprefix("renditions/")).stem)
        for extension in ("jpg", "jpeg", "png", "webp"):
            assert not (
                media / PurePosixPath(name.removeprefix("renditions/")).with_name(f"{guess}.{extension}")
            ).exists()
    assert (media / original.name).is_file()


def test_pictures_stored_before_cleaning_are_cleaned_and_moved_by_a_command(
    client, media, django_capture_on_commit_callbacks
):
    name = default_storage.save("articles/2025/03/harbour.jpg", ContentFile(camera_photo(width=700, height=500)))
    article = ArticleFactory(lead_image=name, lead_image_alt="The harbour")
    renditions_generate(field_file=article.lead_image)  # under the names such pictures had
    old = stored(media)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("originals_clean", stdout=out)
    assert "Cleaned 1 picture(s)." in out.getvalue()
    article.refresh_from_db()
    assert original_is_private(name=article.lead_image.name)
    assert (article.lead_image_width, article.lead_image_height) == (500, 700)
    now = stored(media)
    assert not set(old) & set(now), "the old original and its renditions are gone"
    assert len(now) == 1 + 2 * 3 + 3, "the original, three widths (160, 320, 500) in WebP and JPEG, three crops"
    for path in media.rglob("*"):
        if path.is_file():
            assert_clean_and_upright(path)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"{public_stem(name=article.lead_image.name)}-500w.jpg 500w" in page
    call_command("originals_clean", stdout=out)
    assert "Cleaned 0 picture(s)." in out.getvalue()


def test_a_long_file_name_is_shortened_but_keeps_the_original_private(admin_client, media):
    upload = image_upload(f"{'harbour-at-dawn-' * 5}.jpg", width=400, height=300)
    response = add_article(admin_client, article_form(SectionFactory(), lead_image=upload))
    assert response.status_code == 302, form_errors(response)
    name = Article.objects.get().lead_image.name
    assert len(name) <= Article._meta.get_field("lead_image").max_length
    assert original_is_private(name=name)
    assert all(PurePosixPath(name).stem not in f for f in stored(media) if f.startswith("renditions/"))


def test_search_crops_are_the_largest_boxes_of_each_shape_around_the_centre():
    boxes = {
        crop.rendition.name.rsplit("-", 2)[1]: crop.box for crop in crops_for(name="a/b.jpg", width=1600, height=900)
    }
    assert boxes == {"16x9": (0, 0, 1600, 900), "4x3": (200, 0, 1400, 900), "1x1": (350, 0, 1250, 900)}
    tall = {
        crop.rendition.name.rsplit("-", 2)[1]: crop.box for crop in crops_for(name="a/b.jpg", width=600, height=800)
    }
    assert tall == {"16x9": (0, 231, 600, 568), "4x3": (0, 175, 600, 625), "1x1": (0, 100, 600, 700)}
