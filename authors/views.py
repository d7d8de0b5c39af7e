from django.views.generic import ListView

from articles.views import ArticleGroupView
from serving.canonical import CanonicalPageMixin

from .selectors import authors_with_counts


class AuthorView(ArticleGroupView):
    """An author's public page: bio and their published stories."""

    template_name = "authors/author_detail.html"
    listing_name = "author"
    group_context_name = "author"


class AuthorIndexView(CanonicalPageMixin, ListView):
    """/authors/: the newsroom's journalists, by name, with their portraits and how many stories each wrote."""

    template_name = "authors/author_index.html"
    context_object_name = "authors"
    paginate_by = 100

    def get_queryset(self):
        return authors_with_counts()
