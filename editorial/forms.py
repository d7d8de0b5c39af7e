"""The article form editors and reporters use in the admin.

It carries the article's version number (optimistic concurrency: a form opened before someone
else saved is refused, whoever and wherever they are), enforces who may publish and the
status flow on the server, and edits the body with a rich-text editor limited to the
allow-list of stored HTML.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.html import BODY_EDITOR_EXTENSIONS, html_sanitize, html_to_text
from articles.models import Article

from .checks import StoryCheck, story_checks
from .roles import User, user_can_publish

# The side panel's buttons: what each does to the status (and, for two, to the publication time).
STORY_ACTIONS = {
    "save": None,  # keep the status the story has
    "draft": Article.Status.DRAFT,
    "review": Article.Status.REVIEW,
    "publish": Article.Status.PUBLISHED,  # now
    "schedule": Article.Status.PUBLISHED,  # at the time given
    "unpublish": Article.Status.DRAFT,
}
ONLY_EDITORS_PUBLISH = "Only editors can publish. Set the status to “In review” and an editor will publish it."


def saved_by_name(article: Article) -> str:
    user = article.updated_by
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def time_display(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


class ArticleAdminForm(forms.ModelForm):
    # Set by ArticleAdmin.get_form for each request: the rules depend on who is saving.
    user: User | None = None

    # The version the editor opened; not the model's field, which no form may set.
    version_loaded = forms.IntegerField(widget=forms.HiddenInput, required=False)
    body = ProseEditorFormField(
        label="Body",
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=html_sanitize,
        widget=AdminProseEditorWidget,
        help_text="Paragraphs, headings, lists, links, bold, italics and quotes.",
    )

    # Which side-panel button saved the form; empty (a plain submit) keeps the status as posted.
    action = forms.ChoiceField(choices=[(name, name) for name in STORY_ACTIONS], required=False)

    class Meta:
        model = Article
        fields = [
            *("headline", "slug", "section", "dek", "body"),
            *("status", "published_at", "embargo_until", "actors", "countries"),
        ]
        widgets = {
            # Wraps and grows, so a normal headline is seen whole; one line all the same (clean_headline).
            "headline": forms.Textarea(attrs={"rows": 1, "class": "story-headline"}),
            "dek": forms.Textarea(attrs={"rows": 2}),
            # The side panel's status buttons set it: no select to pick "Published" from.
            "status": forms.HiddenInput,
            "published_at": forms.SplitDateTimeWidget(
                date_format="%Y-%m-%d",
                time_format="%H:%M",
                date_attrs={"type": "date", "aria-label": "Publication date"},
                time_attrs={"type": "time", "aria-label": "Publication time"},
            ),
            "embargo_until": forms.SplitDateTimeWidget(
                date_format="%Y-%m-%d",
                time_format="%H:%M",
                date_attrs={"type": "date", "aria-label": "Embargo date"},
                time_attrs={"type": "time", "aria-label": "Embargo time"},
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In `initial`, like the model's fields, so whatever reads the form's initial data carries it.
        self.initial.setdefault("version_loaded", self.instance.version)
        status = self.fields.get("status")
        if status is not None and not user_can_publish(user=self.user):
            status.choices = [(value, label) for value, label in status.choices if value != Article.Status.PUBLISHED]
            status.error_messages["invalid_choice"] = ONLY_EDITORS_PUBLISH
            status.help_text = "Send the story to “In review” when it is ready; an editor publishes it."
        published_at = self.fields.get("published_at")
        if published_at is not None and not user_can_publish(user=self.user):
            # "Publish now" keeps a past time: a reporter's date would backdate the story.
            published_at.disabled = True
            published_at.help_text = "Set by the editor who publishes or schedules the story."
        embargo = self.fields.get("embargo_until")
        if embargo is not None and not user_can_publish(user=self.user):
            embargo.disabled = True
            embargo.help_text = "Set by the editor who publishes the story."

    def clean_headline(self):
        return " ".join(self.cleaned_data.get("headline", "").split())

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        if not html_to_text(body):
            raise ValidationError("The story has no text yet.", code="required")
        return body

    def clean(self):
        cleaned = super().clean()
        self._apply_action(cleaned)
        if self.instance.pk is not None:
            self._check_not_stale(cleaned)
        status = cleaned.get("status")
        if status == Article.Status.PUBLISHED and not user_can_publish(user=self.user):
            self.add_error("status", ONLY_EDITORS_PUBLISH)
        elif status == Article.Status.PUBLISHED and "published_at" in self.fields and not cleaned.get("published_at"):
            # "Published" with no time means now, as the "Publish now" action does.
            cleaned["published_at"] = timezone.now()
        self.story_checks = self._content_checks(cleaned)
        if cleaned.get("status") == Article.Status.PUBLISHED:
            blocking = [check for check in self.story_checks if check.blocking]
            if blocking:
                self.add_error(None, "Not published: " + " ".join(check.message for check in blocking))
        return cleaned

    def _content_checks(self, cleaned: dict) -> list[StoryCheck]:
        """The side panel's content checks for the story as posted (warnings, and what blocks publishing)."""

        def value(name, default=""):
            if name in cleaned:
                return cleaned[name]
            return self.data.get(name, default) if name in self.fields else getattr(self.instance, name, default)

        picture = cleaned.get("lead_image") if "lead_image" in self.fields else self.instance.lead_image
        return story_checks(
            headline=value("headline"),
            dek=value("dek"),
            body=value("body"),
            has_picture=bool(picture),
            picture_alt=value("lead_image_alt"),
            actors=list(cleaned.get("actors") or []),
            countries=list(cleaned.get("countries") or []),
        )

    def _apply_action(self, cleaned: dict) -> None:
        """Turn the button the editor pressed into the status and publication time it stands for."""
        action = cleaned.get("action")
        if not action:
            return
        if action != "save":
            cleaned["status"] = STORY_ACTIONS[action]
        elif self.instance.pk is not None:
            cleaned["status"] = self.instance.status
        else:
            cleaned["status"] = Article.Status.DRAFT
        if action == "publish" and user_can_publish(user=self.user):
            cleaned["published_at"] = timezone.now()
        elif action == "schedule" and user_can_publish(user=self.user):
            when = cleaned.get("published_at")
            if when is None or when <= timezone.now():
                self.add_error("published_at", "Give a date and time in the future to schedule the story.")

    def _check_not_stale(self, cleaned: dict) -> None:
        # Lock the row until this request's transaction ends (the admin saves inside one), so two
        # saves carrying the same version cannot both pass, on any number of servers.
        current = Article.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=self.instance.pk)
        if cleaned.get("version_loaded") != current.version:
            raise ValidationError(
                format_html(
                    "Your changes were not saved: {} saved this article on {}, after you opened it. "
                    'Their version is kept. <a href="{}">Reload the article</a> to see it, then make your '
                    "changes again (copy anything you want to keep from this page first).",
                    saved_by_name(current),
                    time_display(current.updated_at),
                    reverse("admin:articles_article_change", args=[current.pk]),
                ),
                code="stale",
            )
        self.instance.version = current.version
        status = cleaned.get("status")
        if status and not current.status_can_become(status):
            self.add_error(
                "status",
                f"A story that is “{current.get_status_display()}” cannot go straight to "
                f"“{Article.Status(status).label}”: unpublish it (back to draft) first.",
            )
