"""Filling in admin forms the way a browser would: every field and inline as the page shows it."""

from django import forms
from django.forms.models import BaseModelFormSet
from django.test import Client
from django.urls import reverse


def _field_values(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or isinstance(bound.field, forms.FileField):
            continue  # an untouched file input sends nothing
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget):  # a date and a time box: name_0, name_1
            parts = widget.decompress(value)
            for suffix, subwidget, part in zip(widget.widgets_names, widget.widgets, parts, strict=True):
                data[bound.html_name + suffix] = subwidget.format_value(part) or ""
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = bound.field.widget.format_value(value) if hasattr(value, "isoformat") else value
    return data


def admin_form_data(response) -> dict:
    """The POST data of the admin change (or add) form in `response`, as a browser would send it unchanged."""
    adminform = response.context["adminform"]
    data = _field_values(adminform.form)
    for inline in response.context["inline_admin_formsets"]:
        formset: BaseModelFormSet = inline.formset
        data.update(_field_values(formset.management_form))
        for form in formset.forms:
            data.update(_field_values(form))
    return data


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def signed_in(user) -> Client:
    """A browser of its own, signed in as `user` (for tests with more than one person at once)."""
    client = Client()
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]
