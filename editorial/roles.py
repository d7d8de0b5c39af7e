"""Who may do what with an article: reporters write, editors publish.

The groups themselves ("Reporter", "Editor") are created by a data migration; these rules are
what the admin form, the admin actions and the services ask before they change anything.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from articles.models import Article

REPORTER_GROUP = "Reporter"
EDITOR_GROUP = "Editor"
PUBLISH_PERMISSION = "articles.publish_article"

# Permissions of each group, as (app label, codename). Editors get every permission of the
# editorial models; reporters write articles and read the vocabularies they tag them with.
EDITORIAL_MODELS = {
    "articles": ["article", "byline", "section", "correction"],
    "tagging": ["actor", "country", "articleactor", "articlecountry", "ignoredname"],
    "authors": ["author"],
    "curation": ["pin"],
}
REPORTER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_byline"),
    ("articles", "view_section"),
    ("tagging", "view_actor"),
    ("tagging", "view_country"),
    ("authors", "view_author"),
]
EDITOR_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, models in EDITORIAL_MODELS.items()
    for model in models
    for action in ("add", "change", "delete", "view")
] + [("articles", "publish_article")]

User = AbstractBaseUser | AnonymousUser


def user_can_publish(*, user: User) -> bool:
    """Editors (and superusers) publish, schedule and unpublish; reporters never do."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def article_is_own(*, article: Article, user: User) -> bool:
    """Whether `user` wrote `article`: they created it, or a byline credits their author profile."""
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user_id=user.pk).exists()


def article_can_edit(*, article: Article, user: User) -> bool:
    """Editors edit anything; a reporter edits only their own drafts and stories in review."""
    if not user.is_active or not user.has_perm("articles.change_article"):
        return False
    if user_can_publish(user=user):
        return True
    return article.status in (Article.Status.DRAFT, Article.Status.REVIEW) and article_is_own(
        article=article, user=user
    )
