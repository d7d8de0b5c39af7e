"""The composer's form: one entry, in the story editor's rich-text editor and its allow-list."""

from django import forms
from django.core.exceptions import ValidationError
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from articles.html import BODY_EDITOR_EXTENSIONS, html_sanitize, html_to_text
from authors.models import Author

from .models import LiveEntry


class LiveEntryForm(forms.ModelForm):
    body = ProseEditorFormField(
        label="Entry",
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=html_sanitize,
        widget=AdminProseEditorWidget,
        help_text="A few lines: links, bold, italics, lists and quotes.",
    )

    class Meta:
        model = LiveEntry
        fields = ["body", "key_event", "title", "pinned", "author", "image", "image_alt"]

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the story's own bylines may sign an entry.
        self.fields["author"].queryset = Author.objects.filter(bylines__article=article).order_by(
            "bylines__position", "name"
        )
        self.fields["author"].empty_label = "Nobody (no signature)"

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        if not html_to_text(body):
            raise ValidationError("The entry has no text yet.", code="required")
        return body

    def clean(self):
        cleaned = super().clean()
        cleaned["title"] = " ".join(cleaned.get("title", "").split())
        cleaned["image_alt"] = " ".join(cleaned.get("image_alt", "").split())
        if cleaned.get("key_event") and not cleaned["title"]:
            self.add_error("title", "A key event needs a short title: it is what the key events list shows.")
        if cleaned.get("image") and not cleaned["image_alt"]:
            self.add_error("image_alt", "Describe the picture for readers who cannot see it (alt text).")
        return cleaned
