"""Authors' names are stored NFKC-normalised, like the articles app's names (articles.fields.NameField):
normalise the names already there.

A name whose normalised form another author already has (possible before this change: "Ｋelvin Moss"
beside "Kelvin Moss") is left as it is, so that no byline is lost; the first save of that author in
the admin then asks for another name.
"""

import unicodedata

from django.db import IntegrityError, migrations, transaction

import articles.fields


def authors_names_normalise(apps, schema_editor):
    author_model = apps.get_model("authors", "Author")
    for pk, name in author_model.objects.values_list("pk", "name"):
        # The rule of articles.services.names.name_clean, frozen here as migrations must be.
        clean = " ".join(unicodedata.normalize("NFKC", name).split())
        if clean == name:
            continue
        try:
            with transaction.atomic():
                author_model.objects.filter(pk=pk).update(name=clean)
        except IntegrityError:
            pass  # another author has this name already


class Migration(migrations.Migration):
    dependencies = [("authors", "0002_author_portrait")]

    operations = [
        migrations.AlterField(
            model_name="author",
            name="name",
            field=articles.fields.NameField(max_length=200, verbose_name="name"),
        ),
        migrations.RunPython(authors_names_normalise, migrations.RunPython.noop),
    ]
