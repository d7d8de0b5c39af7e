"""Who, besides staff, may read a story before it is published.

Nobody, unless an app says otherwise: editorial registers its signed preview links from its
AppConfig.ready(), so the story page never needs to know how a preview link works.
"""

import enum

from django.http import HttpRequest

from .models import Article


class Access(enum.Enum):
    SHOWN = "shown"
    EXPIRED = "expired"  # this reader was let in once and no longer is: told so (410), not shown a bare 404
    REFUSED = "refused"  # as if there were no such story (404)


class UnpublishedAccess:
    """The default: an unpublished story is nobody's but the staff's."""

    def asks(self, request: HttpRequest) -> bool:
        """Whether `request` carries anything that may let it in (so the story is looked up at all)."""
        return False

    def check(self, *, request: HttpRequest, article: Article) -> Access:
        return Access.REFUSED


_access = UnpublishedAccess()


def unpublished_access_register(access: UnpublishedAccess) -> None:
    global _access
    _access = access


def unpublished_access() -> UnpublishedAccess:
    return _access
