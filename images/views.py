"""Serving pictures' renditions from the site itself, for a site on one machine (see the README)."""

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

from .renditions import RENDITIONS_DIR

# A rendition's name changes whenever its picture does (originals.py), so a browser or a proxy may keep it for good.
MEDIA_MAX_AGE = 365 * 24 * 3600


def rendition_serve(request, path: str):
    """A rendition under MEDIA_ROOT/renditions/, cached for a year; never an original, a folder or a path outside.

    Django's `serve` refuses `..` and absolute paths and lists no folder; originals are not served at all
    (their addresses are secret: readers only ever see renditions).
    """
    if not path.startswith(f"{RENDITIONS_DIR}/") or path.endswith("/"):
        raise Http404("No such picture.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT, show_indexes=False)
    patch_cache_control(response, public=True, max_age=MEDIA_MAX_AGE, immutable=True)
    return response
