"""Load the gazetteer: cities and regions news stories name, each with its country (tagging/data/places.csv).

Editors add and correct places in the admin afterwards; this runs once, on a database that has none.
"""

import csv
from pathlib import Path

from django.db import migrations

PLACES_CSV = Path(__file__).resolve().parent.parent / "data" / "places.csv"


def places_load(apps, schema_editor):
    Place = apps.get_model("tagging", "Place")
    with PLACES_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    Place.objects.bulk_create(
        [Place(name=row["name"], country_code=row["country"], kind=row["kind"]) for row in rows],
        ignore_conflicts=True,
    )


def places_unload(apps, schema_editor):
    apps.get_model("tagging", "Place").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("tagging", "0002_place_dismissedsuggestion")]

    operations = [migrations.RunPython(places_load, places_unload)]
