from django import forms

from .models import Follow


class FollowForm(forms.Form):
    """A reader's request to follow groups by email (confirmed by a link before anything is stored)."""

    email = forms.EmailField(label="Your email address", max_length=254)
    follows = forms.MultipleChoiceField(label="Follow", widget=forms.CheckboxSelectMultiple, required=False)
    frequency = forms.ChoiceField(
        label="How often", choices=Follow.Frequency.choices, initial=Follow.Frequency.INSTANT, widget=forms.RadioSelect
    )
    briefing = forms.BooleanField(label="Also send me the daily briefing of the top stories", required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follows"].choices = groups

    def clean(self):
        data = super().clean()
        if not data.get("follows") and not data.get("briefing"):
            raise forms.ValidationError("Choose at least one thing to follow, or the daily briefing.")
        return data
