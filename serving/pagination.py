"""Paginators that do not count the whole archive on every request.

Django's Paginator runs COUNT(*) over the filtered list each time a page is shown; on a
100,000-article archive that is the most expensive query of a list page. Public lists count
once per content version and list address instead; the admin asks PostgreSQL for its row
estimate when an editor looks at the unfiltered list of a big table.

A count is kept only for a canonical address (serving/canonical.py): one per list a reader can
reach, not one per made-up filter value.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .canonical import CanonicalPageMixin, page_cache_accepted, query_pairs
from .content_version import versioned_get_or_compute

ESTIMATE_THRESHOLD = 10_000


class CachedCountPaginator(Paginator):
    """Counts once per content version for a list address (`count_key`), then reads the count from the cache.

    Without a `count_key` it counts every time, as Django's Paginator does.
    """

    def __init__(self, *args, count_key: str | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        if self.count_key is None:
            return Paginator.count.func(self)
        return versioned_get_or_compute(f"count:{self.count_key}", lambda: Paginator.count.func(self))


class CachedCountMixin(CanonicalPageMixin):
    """For ListView and FilterView: a list's count is keyed by its address without the page number.

    Only the parameters in `count_params()` change what is counted; when one of them is not
    canonical (an unknown author, say), the list is counted every time instead of cached.
    """

    paginator_class = CachedCountPaginator

    def count_params(self) -> frozenset[str]:
        return frozenset()

    def count_key(self) -> str | None:
        counted = self.count_params()
        pairs = [(name, value) for name, value in query_pairs(self.request) if name in counted]
        accepted = page_cache_accepted(self.request)
        if any(name not in accepted for name, _value in pairs):
            return None
        return f"{self.request.path}?{urlencode(pairs)}"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        kwargs.setdefault("count_key", self.count_key())
        return super().get_paginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page, **kwargs
        )


def table_row_estimate(*, queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows in `queryset`'s table (kept by ANALYZE), or None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table]
        )
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


class EstimatedCountPaginator(Paginator):
    """For admin change lists: the unfiltered list of a big PostgreSQL table shows an estimated count.

    Filtered and searched lists, small tables and SQLite are counted exactly.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            estimate = table_row_estimate(queryset=queryset)
            if estimate is not None and estimate >= ESTIMATE_THRESHOLD:
                return estimate
        return Paginator.count.func(self)
