"""Boxes other apps add to the story editor's side panel, and the forms those boxes submit.

The story editor knows nothing of them: an app registers a `StoryPanel` from its AppConfig.ready()
(liveblogs adds "Live blog" with its start and end buttons). A box's buttons submit a form of its
own, drawn outside the story's form (forms cannot nest) and named by the buttons' `form` attribute.
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article


class StoryPanel:
    """One box of the side panel, for stories already saved."""

    template: str = ""  # the box, inside the side panel
    forms_template: str = ""  # its forms, outside the story's form

    def context(self, *, article: Article, request: HttpRequest) -> dict | None:
        """What the templates need; None leaves the box out for this story and user."""
        return {}


_panels: list[StoryPanel] = []


def story_panel_register(panel: StoryPanel) -> None:
    _panels.append(panel)


def story_panels_render(*, article: Article | None, request: HttpRequest) -> tuple[SafeString, SafeString]:
    """The boxes and their forms for `article`, as HTML: (side panel, outside the form)."""
    boxes, forms = [], []
    if article is None or article.pk is None:
        return mark_safe(""), mark_safe("")  # noqa: S308
    for panel in _panels:
        context = panel.context(article=article, request=request)
        if context is None:
            continue
        context = {"article": article, **context}
        boxes.append(render_to_string(panel.template, context, request=request))
        if panel.forms_template:
            forms.append(render_to_string(panel.forms_template, context, request=request))
    return mark_safe("".join(boxes)), mark_safe("".join(forms))  # noqa: S308 (rendered, autoescaped templates)
