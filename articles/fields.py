"""The name field of authors, sections, actors and countries, and the duplicate check that goes with it.

Their names are unique without case: `UniqueConstraint(Lower("name"))`. For the check in forms and
the look-ups in the importer, the tagger and django-taggit to see exactly what that constraint
sees, the name is stored NFKC-normalised (`name_clean`) and `name__iexact` compares
`LOWER(name)` with `LOWER(<the normalised value>)`, the constraint's own expression (and index).
Django's own `iexact` compares `UPPER()`s on PostgreSQL, which is not the same: the Kelvin sign
"K" upper-cases to itself but lower-cases to "k", so "Kelvin" passed the check and then broke
the constraint.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from .names import name_clean


class NameField(models.CharField):
    """A CharField whose value is stored, and looked up, as `name_clean` gives it."""

    def to_python(self, value):
        value = super().to_python(value)
        return name_clean(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


@NameField.register_lookup
class NameIExact(models.Lookup):
    """`name__iexact`: the same name for the `Lower("name")` unique constraint."""

    lookup_name = "iexact"

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"LOWER({lhs_sql}) = LOWER({rhs_sql})", (*lhs_params, *rhs_params)


class UniqueNameMixin:
    """For models with a NameField `name` unique without case: a duplicate is a form error naming the
    row that has the name, before the database constraint is reached."""

    def clean(self):
        super().clean()
        if not self.name:
            return
        taken = type(self)._default_manager.filter(name__iexact=self.name).exclude(pk=self.pk).first()
        if taken is not None:
            raise ValidationError(
                {
                    "name": f"{capfirst(self._meta.verbose_name)} “{taken.name}” already exists: names that differ "
                    "only in capitals or in look-alike characters (a full-width “Ｋ”, the Kelvin sign) count as one."
                },
                code="unique",
            )
