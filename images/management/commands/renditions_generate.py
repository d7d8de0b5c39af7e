from django.apps import apps
from django.core.management.base import BaseCommand

from images.fields import CheckedImageField, pending_clear
from images.renditions import renditions_generate


class Command(BaseCommand):
    help = (
        "Make the missing renditions of every stored picture (lead pictures, portraits); "
        "--replace makes them all again, e.g. after changing the widths."
    )

    def add_arguments(self, parser):
        parser.add_argument("--replace", action="store_true", help="Make every rendition again, even existing ones.")

    def handle(self, *args, replace=False, **options):
        written = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.get_fields() if isinstance(f, CheckedImageField)]
            for field in fields:
                for instance in model._default_manager.exclude(**{field.name: ""}).iterator():
                    picture = getattr(instance, field.attname)
                    written += len(renditions_generate(field_file=picture, replace=replace))
                    pending_clear(instance=instance, field=field, name=picture.name)
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} rendition(s)."))
