"""Form widgets for the public filter form that stay cheap when they list hundreds of choices."""

from django import forms

from serving.content_version import versioned_get_or_compute


class VersionCachedRenderMixin:
    """Renders the widget once per content version and chosen value, then reuses the HTML.

    The article list's author and country menus hold hundreds of options, and Django renders each
    option through a template: about three quarters of the list page's time at 400 authors and
    249 countries. Their options change only when content does.
    """

    def render(self, name, value, attrs=None, renderer=None):
        prefix = f"widget:{type(self).__name__}:{name}"
        # The options, read once per version; a value that is not one of them selects nothing, so any
        # made-up value shares the unselected rendering instead of storing one of its own.
        self.choices = versioned_get_or_compute(
            f"{prefix}:choices", lambda: [(str(option), str(label)) for option, label in self.choices]
        )
        known = {option for option, _label in self.choices}
        chosen = sorted({option for option in self.format_value(value) if option in known})
        chosen = chosen or [option for option in [""] if option in known]  # nothing chosen: the empty choice
        key = f"{prefix}:{chosen!r}:{sorted((attrs or {}).items())}"
        return versioned_get_or_compute(
            key, lambda: super(VersionCachedRenderMixin, self).render(name, chosen, attrs, renderer)
        )


class CachedSelect(VersionCachedRenderMixin, forms.Select):
    pass


class CachedSelectMultiple(VersionCachedRenderMixin, forms.SelectMultiple):
    pass
