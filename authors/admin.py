from django.contrib import admin

from articles.admin import ArticleCountAdmin

from .models import Author


@admin.register(Author)
class AuthorAdmin(ArticleCountAdmin):
    list_display = ["name", "slug", "user", "article_count"]
    list_select_related = ["user"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
