from articles.views import ArticleGroupView


class AuthorView(ArticleGroupView):
    """An author's public page: bio and their published stories."""

    template_name = "authors/author_detail.html"
    listing_name = "author"
    group_context_name = "author"
