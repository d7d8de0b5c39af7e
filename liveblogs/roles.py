"""Who may run a live blog: editors start and end one; entries are written by editors anywhere and by
reporters on the stories they are credited on (editorial's notion of a reporter's own story)."""

from articles.models import Article
from editorial.roles import User, article_is_own, user_can_publish


def liveblog_can_manage(*, user: User) -> bool:
    """Starting and ending live coverage is an editor's decision."""
    return user.is_active and user.is_staff and user_can_publish(user=user)


def entries_can_write(*, article: Article, user: User) -> bool:
    """Whether `user` may post, edit and delete entries of `article`'s live blog."""
    if not user.is_active or not user.is_staff:
        return False
    if user_can_publish(user=user):
        return True
    return user.has_perm("articles.change_article") and article_is_own(article=article, user=user)
