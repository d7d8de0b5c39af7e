from django.conf import settings

from .selectors import sections_for_navigation


def navigation(request):
    """The section navigation and site name every public page shows."""
    return {
        "navigation_sections": sections_for_navigation,
        "site_name": settings.NEWSROOM_SITE_NAME,
    }
