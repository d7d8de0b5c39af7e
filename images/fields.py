"""An image field that checks uploads and queues its responsive renditions once, when a picture is saved."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.db.models.signals import post_delete, post_init, post_save, pre_save
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

    def __init__(self, *args, search_crops: bool = False, pending_field: str | None = None, **kwargs):
        # With `search_crops`, the picture is also cropped to the shapes search engines show (renditions.py):
        # for stories' lead pictures, not for portraits. It changes no column, so no migration carries it.
        self.search_crops = search_crops
        # `pending_field` names a boolean field, true from a new picture's save until a worker has made its
        # renditions: pages leave the picture out meanwhile rather than show a broken image (picture_ready).
        self.pending_field = pending_field
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
            if self.pending_field:
                pre_save.connect(self._pending_mark, sender=cls, weak=False, dispatch_uid=uid)
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

    def _pending_mark(self, instance, raw=False, **kwargs):
        """A new picture waits for its renditions; any other save keeps what the worker last wrote."""
        if raw:
            return
        file = getattr(instance, self.attname)
        if file and not file._committed:
            setattr(instance, self.pending_field, True)
        elif not file:
            setattr(instance, self.pending_field, False)
        elif instance.__dict__.get(self.pending_field) and instance.pk is not None:
            # This copy was loaded (or saved) before the worker finished: saving it must not undo the worker.
            stored = type(instance)._base_manager.filter(pk=instance.pk).values_list(self.pending_field, flat=True)
            setattr(instance, self.pending_field, bool(stored.first()))

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


def picture_ready(image: FieldFile | None) -> bool:
    """Whether pages may show `image`: it is there and its renditions have been made.

    A picture saved moments ago has none until a worker makes them (images/tasks.py); until then
    readers get the page without it (a broken image otherwise) and never its original, whose address
    stays secret. Pictures of fields without a `pending_field`, and rows loaded without it, count as ready.
    """
    if not image:
        return False
    pending = getattr(image.field, "pending_field", None)
    return not (pending and image.instance.__dict__.get(pending))


def pending_clear(*, instance, field: "CheckedImageField", name: str) -> bool:
    """Record that the renditions of picture `name` in `instance`'s `field` exist, so pages show it.

    Only if the row still holds that picture: one replaced meanwhile keeps waiting for its own. Not a
    save: the row's version stays (an editor's open form must not turn stale because a worker finished),
    but the pages showing the row are purged, as after any write readers can see.
    """
    from serving.content_version import content_changed
    from serving.purge import row_keys

    if not field.pending_field:
        return False
    model = type(instance)
    done = model._base_manager.filter(pk=instance.pk, **{field.attname: name, field.pending_field: True}).update(
        **{field.pending_field: False}
    )
    setattr(instance, field.pending_field, False)
    if done:
        keys = row_keys(instance, deleted=False)
        if keys is None or keys:  # None: every page; an empty set: no public page shows it (a draft)
            content_changed(keys=keys)
    return bool(done)


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
