"""Each article gets the secret its preview links are signed with, so they can be revoked.

The column is added empty and filled row by row: a callable default in AddField is called once,
which would give every existing story the same secret.
"""

import secrets

from django.db import migrations, models

import articles.models

BATCH = 1000


def secrets_fill(apps, schema_editor):
    article_model = apps.get_model("articles", "Article")
    pks = list(article_model.objects.values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = [article_model(pk=pk, preview_secret=secrets.token_urlsafe(32)) for pk in pks[start : start + BATCH]]
        article_model.objects.bulk_update(batch, ["preview_secret"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_ascii_tag_slugs")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="preview_secret",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="preview secret"),
            preserve_default=False,
        ),
        migrations.RunPython(secrets_fill, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="article",
            name="preview_secret",
            field=models.CharField(
                default=articles.models.preview_secret_new,
                editable=False,
                max_length=64,
                verbose_name="preview secret",
            ),
        ),
    ]
