"""An image field that checks uploads and queues its responsive renditions once, when a picture is saved."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete, post_init, post_save
from PIL import Image, ImageOps

from .checks import image_check
from .originals import original_clean, original_name


class CheckedImageFormField(forms.ImageField):
    """Runs Newsroom's checks before Django's own, so each refusal says exactly what is wrong."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        facts = image_check(upload)
        upload = super().to_python(data)
        # Store the picture under the extension of what it really is, whatever it was called.
        upload.name = f"{PurePosixPath(upload.name).stem or 'picture'}.{facts.extension}"
        return upload


class OrientedImageFieldFile(ImageFieldFile):
    """Reports width and height as the picture is shown, i.e. after its EXIF rotation."""

    def _get_image_dimensions(self):
        if not hasattr(self, "_dimensions_cache"):
            self.open()
            self.seek(0)
            with Image.open(self) as image:
                width, height = image.size
                if image.getexif().get(ImageOps.ExifTags.Base.Orientation, 1) in (5, 6, 7, 8):
                    width, height = height, width
            self.seek(0)
            self._dimensions_cache = (width, height)
        return self._dimensions_cache


class CheckedImageField(models.ImageField):
    """An ImageField whose uploads are checked (format, bytes, pixels) and get responsive renditions.

    Renditions are queued when a new picture is saved (images/tasks.py), never made while a page is served; the
    picture and its renditions go through the field's storage (STORAGES["default"]). A new picture is
    stored upright and without metadata, under a name with a secret in it (originals.py).
    """

    attr_class = OrientedImageFieldFile

    def __init__(self, *args, search_crops: bool = False, **kwargs):
        # With `search_crops`, the picture is also cropped to the shapes search engines show (renditions.py):
        # for stories' lead pictures, not for portraits. It changes no column, so no migration carries it.
        self.search_crops = search_crops
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        is_new = bool(file) and not file._committed
        if is_new:
            file.file = ContentFile(original_clean(file=file.file, name=file.name), name=file.name)
        file = super().pre_save(model_instance, add)
        if is_new:
            model_instance.__dict__.setdefault("_renditions_pending", set()).add(self.attname)
        loaded = model_instance.__dict__.get("_pictures_loaded", {}).get(self.attname)
        if loaded and loaded.name != file.name:
            model_instance.__dict__.setdefault("_pictures_replaced", []).append(loaded)
        return file

    def generate_filename(self, instance, filename):
        return original_name(name=super().generate_filename(instance, filename), max_length=self.max_length)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            uid = f"pictures-{cls._meta.label}-{name}"
            post_init.connect(self._remember_loaded, sender=cls, weak=False, dispatch_uid=uid)
            post_save.connect(_pictures_after_save, sender=cls, weak=False, dispatch_uid=uid)
            post_delete.connect(self._forget_deleted, sender=cls, weak=False, dispatch_uid=uid)

    def _stored_picture(self, instance) -> "StoredPicture | None":
        """The picture as the instance holds it, without loading deferred fields."""
        values = instance.__dict__
        if self.attname not in values or not values[self.attname]:
            return None
        file = getattr(instance, self.attname)
        return StoredPicture(
            field=self, name=file.name, width=values.get(self.width_field), height=values.get(self.height_field)
        )

    def _remember_loaded(self, instance, **kwargs):
        if instance.pk is None:  # not a stored row: nothing it pointed to can be left behind
            return
        picture = self._stored_picture(instance)
        if picture is not None:
            instance.__dict__.setdefault("_pictures_loaded", {})[self.attname] = picture

    def _forget_deleted(self, instance, **kwargs):
        picture = self._stored_picture(instance)
        if picture is not None:
            transaction.on_commit(picture.delete_if_unused)


@dataclass(frozen=True)
class StoredPicture:
    """A picture a row pointed to: enough to find its renditions again."""

    field: CheckedImageField
    name: str
    width: int | None
    height: int | None

    def delete_if_unused(self) -> None:
        """Remove the picture and its renditions from storage unless another row still uses it."""
        from .renditions import picture_delete

        if not self.field.model._default_manager.filter(**{self.field.name: self.name}).exists():
            picture_delete(storage=self.field.storage, name=self.name, width=self.width, height=self.height)


def _pictures_after_save(sender, instance, **kwargs):
    from .tasks import renditions_make

    # Renditions are made by a worker: the task row is written in the save's transaction, so a
    # rolled-back save queues nothing and the worker only ever sees committed pictures.
    for attname in sorted(instance.__dict__.pop("_renditions_pending", set())):
        renditions_make.enqueue(
            model=sender._meta.label, pk=instance.pk, field=attname, name=getattr(instance, attname).name
        )
    # A replaced or removed picture goes once the change is committed: a rolled-back save keeps it.
    for picture in instance.__dict__.pop("_pictures_replaced", []):
        transaction.on_commit(picture.delete_if_unused)
    instance.__dict__.pop("_pictures_loaded", None)
    for field in sender._meta.get_fields():
        if isinstance(field, CheckedImageField):
            field._remember_loaded(instance)
