"""An image field that checks uploads and makes responsive renditions once, when a picture is saved."""

from pathlib import PurePosixPath

from django import forms
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_save
from PIL import Image, ImageOps

from .checks import image_check


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

    Renditions are made when a new picture is saved, never while a page is being served; the
    picture and its renditions go through the field's storage (STORAGES["default"]).
    """

    attr_class = OrientedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        is_new = bool(file) and not file._committed
        file = super().pre_save(model_instance, add)
        if is_new:
            model_instance.__dict__.setdefault("_renditions_pending", set()).add(self.attname)
        return file

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(_renditions_after_save, sender=cls, weak=False, dispatch_uid=f"renditions-{cls}-{name}")


def _renditions_after_save(sender, instance, **kwargs):
    from .renditions import renditions_generate

    for attname in instance.__dict__.pop("_renditions_pending", set()):
        renditions_generate(field_file=getattr(instance, attname))
