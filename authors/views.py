from articles.views import ArticleGroupView

from .models import Author


class AuthorView(ArticleGroupView):
    """An author's public page: bio and their published stories."""

    template_name = "authors/author_detail.html"
    group_model = Author
    group_context_name = "author"

    def filter_articles(self, queryset):
        return queryset.filter(bylines__author=self.group)
