"""The story editor's side panel: which status buttons a user sees for a story."""

from dataclasses import dataclass

from articles.models import Article

from .roles import User, user_can_publish


@dataclass(frozen=True)
class StoryAction:
    name: str  # the form's `action` value (see forms.STORY_ACTIONS)
    label: str
    primary: bool = False


def story_actions(*, article: Article | None, user: User) -> list[StoryAction]:
    """The buttons of the side panel for `article` (None: a new story), only those `user` may take.

    "Schedule…" is not among them: it opens a date and time first (the template shows it to
    those who may publish, for a story not yet out).
    """
    may_publish = user_can_publish(user=user)
    status = article.status if article is not None and article.pk else Article.Status.DRAFT
    if status == Article.Status.PUBLISHED:
        actions = [StoryAction("save", "Save changes", primary=True)]
        if article.is_scheduled and may_publish:
            actions.append(StoryAction("publish", "Publish now"))
        if may_publish:
            actions.append(StoryAction("unpublish", "Unpublish"))
        return actions
    if status == Article.Status.REVIEW:
        actions = [StoryAction("save", "Save", primary=True), StoryAction("draft", "Back to draft")]
    else:
        actions = [StoryAction("save", "Save draft", primary=True), StoryAction("review", "Submit for review")]
    if may_publish:
        actions.append(StoryAction("publish", "Publish now"))
    return actions


def story_can_schedule(*, article: Article | None, user: User) -> bool:
    """Whether the side panel offers "Schedule…": for those who may publish, until the story is out."""
    return user_can_publish(user=user) and not (article is not None and article.pk and article.is_public)
