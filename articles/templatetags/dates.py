"""Dates as machines read them in pages."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_datetime(value: datetime | None) -> str:
    """An ISO 8601 time in whole seconds, for `<time datetime>` and metadata.

    HTML allows at most three digits of fractions of a second; stories published through the admin
    carry microseconds, which make a page invalid.
    """
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
