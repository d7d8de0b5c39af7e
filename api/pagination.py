from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Cursor pages that stay stable while stories are published; a damaged cursor is a 404, never a 500."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValidationError, ValueError, TypeError, OverflowError):
            # A cursor that decodes but carries a position of the wrong kind (e.g. not a date).
            raise NotFound(self.invalid_cursor_message) from None


class ArticleCursorPagination(StableCursorPagination):
    """Newest first, or oldest first with ?ordering=oldest, as on the article list page."""

    ordering = ("-published_at", "-id")

    def get_ordering(self, request, queryset, view):
        if request.query_params.get("ordering") == "oldest":
            return ("published_at", "id")
        return self.ordering


class SlugCursorPagination(StableCursorPagination):
    ordering = "slug"
