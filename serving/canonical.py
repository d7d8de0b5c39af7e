"""Which addresses the page cache keeps: one entry per page the site links to, none per invented query string.

Anyone can make up query strings without end (`?x=1`, `?author=<random>`, `?page=0002`), and each
one would otherwise store its own copy of a page of tens or hundreds of kilobytes. So a response
is kept only when its query string is canonical: every parameter in it was accepted by the view,
which accepts one only when it understood the value and it is written the way the site writes it.
Anything else is answered as usual and not kept. Empty parameters (`?q=&section=` from a submitted
filter form) mean the same as none and are left out of the cache key.

Views accept parameters with `page_cache_accept` (directly, or through `CanonicalPageMixin`,
`CanonicalFiltersMixin` or the `page_cache_params` decorator for function views). Free text, such
as a search, is never canonical: each search is answered fresh.
"""

import re
from collections.abc import Callable
from datetime import date
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.http import HttpRequest

_ACCEPTED = "_page_cache_accepted"
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def query_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    """The request's non-empty query parameters, sorted: the same page however its address was typed."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    return sorted((name, value) for name, value in pairs if value != "")


def canonical_query(request: HttpRequest) -> str:
    return urlencode(query_pairs(request))


def page_cache_accept(request: HttpRequest, name: str) -> None:
    """The view understood parameter `name` and it is written canonically: it may be part of a cached address."""
    accepted = getattr(request, _ACCEPTED, None)
    if accepted is None:
        accepted = set()
        setattr(request, _ACCEPTED, accepted)
    accepted.add(name)


def page_cache_accepted(request: HttpRequest) -> frozenset[str]:
    return frozenset(getattr(request, _ACCEPTED, ()))


def query_is_canonical(request: HttpRequest) -> bool:
    """True when the view accepted every non-empty parameter of the request."""
    accepted = page_cache_accepted(request)
    return all(name in accepted for name, _value in query_pairs(request))


def single_value(request: HttpRequest, name: str) -> str | None:
    """The parameter's value if it is given exactly once (ignoring empty ones), else None."""
    values = [value for value in request.GET.getlist(name) if value != ""]
    return values[0] if len(values) == 1 else None


def page_cache_params(**checks: Callable[[str], bool]):
    """For function views: the parameters that select a page of their own, each with a check of its value.

    `page_cache_params(p=is_page_number)(sitemap_view)`: `?p=2` is kept, `?p=02` and `?x=1` are not.
    """

    def decorate(view):
        @wraps(view)
        def view_with_params(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            for name, check in checks.items():
                value = single_value(request, name)
                if value is not None and check(value):
                    page_cache_accept(request, name)
            return response

        return view_with_params

    return decorate


def is_page_number(value: str) -> bool:
    return PAGE_NUMBER.fullmatch(value) is not None


class CanonicalPageMixin:
    """For ListView: `?page=N` is canonical when N is the page shown, written as the site writes it (or `last`)."""

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        value = single_value(self.request, self.page_kwarg)
        if value is not None and value in (str(page.number), "last"):
            page_cache_accept(self.request, self.page_kwarg)
        return paginator, page, object_list, is_paginated


def _canonical_values(field: forms.Field, value) -> set[str] | None:
    """How the site writes a cleaned filter value in an address; None for free text, never canonical."""
    if value is None:
        return set()
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {str(item) for item in field.prepare_value(list(value))}
    if isinstance(field, forms.ModelChoiceField):
        return {str(field.prepare_value(value))}
    if isinstance(field, forms.DateField) and isinstance(value, date):
        return {value.isoformat()}
    if isinstance(field, forms.ChoiceField):
        return {str(value)}
    return None


class CanonicalFiltersMixin:
    """For django-filter's FilterView: a filter is canonical when the form accepted it as written.

    A value the form rejects (an unknown author), one it would read differently (a repeated
    single-choice parameter, `2019-1-5` for `2019-01-05`) and free text (a search) keep the page
    out of the cache.
    """

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        if filterset.is_bound and filterset.is_valid():
            form = filterset.form
            for name, field in form.fields.items():
                given = [value for value in self.request.GET.getlist(name) if value != ""]
                if not given:
                    continue
                canonical = _canonical_values(field, form.cleaned_data.get(name))
                multiple = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
                if canonical is None or (not multiple and len(given) > 1) or len(set(given)) < len(given):
                    continue
                if set(given) == canonical:
                    page_cache_accept(self.request, name)
        return filterset

    def count_params(self) -> frozenset[str]:
        return frozenset(self.filterset.form.fields)
