"""Admin page for importing story files: the same importer as `manage.py import_stories`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from tagging.services.tagging import articles_tag_later, tagging_in_background

from .roles import user_can_publish
from .services.stories import StoryFormatError, story_file_import

STORY_FILE_MAX_BYTES = 1_000_000


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class StoryFilesField(forms.FileField):
    """Several files from one input (Django's documented pattern for multiple uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if not any(files):
            return [super().clean(None, initial)]  # raises "This field is required."
        return [super(StoryFilesField, self).clean(file, initial) for file in files]


class StoryImportForm(forms.Form):
    files = StoryFilesField(
        label="story files",
        help_text="Plain-text .txt files: section, headline, paragraphs, then the author's name "
        "and optionally a bio, separated by blank lines. Choose several at once if you like.",
        widget=MultipleFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    publish = forms.BooleanField(
        label="publish them",
        required=False,
        help_text="Unticked, new stories are drafts for you to check and publish from the desk.",
    )
    published_at = forms.SplitDateTimeField(
        label="publication time",
        required=False,
        widget=forms.SplitDateTimeWidget(date_attrs={"type": "date"}, time_attrs={"type": "time"}),
        help_text="When publishing: leave empty to publish them now.",
    )

    def __init__(self, *args, may_publish: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_publish:  # publishing is not theirs to choose
            del self.fields["publish"]
            del self.fields["published_at"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published_at") and not cleaned.get("publish"):
            self.add_error("published_at", "Tick “Publish them” to publish at this time, or leave the time empty.")
        return cleaned


class StoryImportAdminMixin:
    """For ArticleAdmin: an "Import stories" page next to "Add article"."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_stories_view)
        return [path("import/", view, name="articles_article_import"), *super().get_urls()]

    def import_stories_view(self, request):
        """Upload story files; each is imported on its own and reported, like the command does."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        may_publish = user_can_publish(user=request.user)
        data = (request.POST, request.FILES) if request.method == "POST" else ()
        form = StoryImportForm(*data, may_publish=may_publish)
        if request.method == "POST" and form.is_valid():
            # Drafts unless someone who may publish asked, in so many words, to publish.
            draft = not (may_publish and form.cleaned_data.get("publish"))
            published_at = None if draft else form.cleaned_data.get("published_at")
            uploads = form.cleaned_data["files"]
            # Many stories are tagged by a worker afterwards, so the editor does not wait on the tagger.
            later = tagging_in_background(stories=len(uploads))
            imported = [
                self._import_one(request, upload, draft=draft, published_at=published_at, tag=not later)
                for upload in uploads
            ]
            imported = [pk for pk in imported if pk is not None]
            if later and imported:
                articles_tag_later(article_ids=imported)
                self.message_user(
                    request,
                    f"Tags are being added to the {len(imported)} imported stories in the background; "
                    "they appear on the stories within a minute or so.",
                    messages.INFO,
                )
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import stories",
            "opts": self.opts,
            "form": form,
            "may_publish": may_publish,
            "may_add_names": request.user.has_perms(["articles.add_section", "authors.add_author"]),
        }
        return TemplateResponse(request, "admin/articles/article/import_stories.html", context)

    def _import_one(self, request, upload, *, draft, published_at, tag) -> int | None:
        """Import one file and say how it went; the story's id, or None if the file was refused."""
        # The file name goes in quotes: the admin capitalises a message's first letter.
        if upload.size > STORY_FILE_MAX_BYTES:
            self.message_user(
                request,
                f"“{upload.name}”: not imported. The file is larger than 1 MB; a story file is a few kB.",
                messages.ERROR,
            )
            return None
        try:
            result = story_file_import(
                data=upload.read(), published_at=published_at, draft=draft, user=request.user, tag=tag
            )
        except StoryFormatError as error:
            self.message_user(request, f"“{upload.name}”: not imported. {error}", messages.ERROR)
            return None
        if result.unchanged:
            self.message_user(
                request,
                f"“{upload.name}”: “{result.article.headline}” is already in Newsroom as the file has it; "
                "nothing was changed.",
                messages.INFO,
            )
            return result.article.pk
        verb = "created" if result.created else "updated"
        tags = result.tagging.countries_added + result.tagging.actors_added
        tagged = f" Tagged: {', '.join(tags)}." if tags else ""
        notes = "".join(f" Note: {note}" for note in result.notes)
        status = result.article.get_status_display().lower()
        self.message_user(
            request,
            f"“{upload.name}”: {verb} “{result.article.headline}” ({status}).{tagged}{notes}",
            messages.WARNING if result.notes else messages.SUCCESS,
        )
        return result.article.pk
