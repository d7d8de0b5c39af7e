"""Actors and countries created from the admin's tag box could get accented slugs
("recep-tayyip-erdoğan"), which the site's addresses cannot hold: give them ASCII ones."""

import re

from django.db import migrations
from django.utils.text import slugify

ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def ascii_slugs(apps, schema_editor):
    for model_name in ("Actor", "Country"):
        model = apps.get_model("articles", model_name)
        taken = set(model.objects.values_list("slug", flat=True))
        for tag in model.objects.all():
            if ASCII_SLUG.match(tag.slug):
                continue
            base = slugify(tag.name)[:90].strip("-") or model_name.lower()
            slug, number = base, 2
            while slug in taken:
                slug, number = f"{base}-{number}", number + 1
            taken.add(slug)
            tag.slug = slug
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_reporter_and_editor_groups")]

    operations = [migrations.RunPython(ascii_slugs, migrations.RunPython.noop)]
