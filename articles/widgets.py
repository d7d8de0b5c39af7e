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
        key = f"widget:{type(self).__name__}:{name}:{value!r}:{sorted((attrs or {}).items())}"
        return versioned_get_or_compute(
            key, lambda: super(VersionCachedRenderMixin, self).render(name, value, attrs, renderer)
        )


class CachedSelect(VersionCachedRenderMixin, forms.Select):
    pass


class CachedSelectMultiple(VersionCachedRenderMixin, forms.SelectMultiple):
    pass
