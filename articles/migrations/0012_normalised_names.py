"""Names are stored NFKC-normalised (articles.fields.NameField): normalise the names already there.

A name whose normalised form another row already has (possible before this change: "Ｋelvin"
beside "Kelvin") is left as it is, so that nothing is lost; the first save of that row in the
admin then asks for another name, or the two can be merged.
"""

import unicodedata

from django.db import IntegrityError, migrations, transaction

import articles.fields


def names_normalise(apps, schema_editor):
    for model_name in ["Section", "Actor", "Country", "IgnoredName"]:
        model = apps.get_model("articles", model_name)
        for pk, name in model.objects.values_list("pk", "name"):
            # The rule of articles.services.names.name_clean, frozen here as migrations must be.
            clean = " ".join(unicodedata.normalize("NFKC", name).split())
            if clean == name:
                continue
            try:
                with transaction.atomic():
                    model.objects.filter(pk=pk).update(name=clean)
            except IntegrityError:
                pass  # another row has this name already


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_article_preview_secret")]

    operations = [
        migrations.AlterField(
            model_name="actor",
            name="name",
            field=articles.fields.NameField(max_length=100, unique=True, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="country",
            name="name",
            field=articles.fields.NameField(max_length=100, unique=True, verbose_name="name"),
        ),
        migrations.AlterField(
            model_name="ignoredname",
            name="name",
            field=articles.fields.NameField(
                help_text="Delete this row to have the name suggested again.", max_length=100, verbose_name="name"
            ),
        ),
        migrations.AlterField(
            model_name="section",
            name="name",
            field=articles.fields.NameField(max_length=100, verbose_name="name"),
        ),
        migrations.RunPython(names_normalise, migrations.RunPython.noop),
    ]
