from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from images.fields import CheckedImageField
from images.originals import original_is_private


class Command(BaseCommand):
    help = (
        "Store again every picture uploaded before Newsroom cleaned originals: upright, without its metadata "
        "(GPS position, camera, comments), under an address its renditions do not give away. Its renditions "
        "are made again; the old original and renditions are deleted."
    )

    def handle(self, *args, **options):
        cleaned = 0
        for model in apps.get_models():
            for field in [f for f in model._meta.get_fields() if isinstance(f, CheckedImageField)]:
                names = model._default_manager.exclude(**{field.name: ""}).values_list("pk", field.attname)
                for pk in [pk for pk, name in names if not original_is_private(name=name)]:
                    cleaned += self._clean(model._default_manager.get(pk=pk), field)
        self.stdout.write(self.style.SUCCESS(f"Cleaned {cleaned} picture(s)."))

    def _clean(self, instance, field: CheckedImageField) -> int:
        file = getattr(instance, field.attname)
        try:
            with file.open("rb") as handle:
                upload = ContentFile(handle.read(), name=PurePosixPath(file.name).name)
        except FileNotFoundError:
            self.stderr.write(f"{instance._meta.label} {instance.pk}: {file.name} is missing from storage; skipped.")
            return 0
        # Saved the way an editor's upload is: cleaned, renamed, rendered; the old files go once committed.
        with transaction.atomic():
            setattr(instance, field.attname, upload)
            instance.save(
                update_fields=[name for name in (field.attname, field.width_field, field.height_field) if name]
            )
        return 1
