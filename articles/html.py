"""Article HTML: the allow-list shared by the model, the importer and the editor, and its plain text."""

import re
from html import unescape

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "i",
    "b",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def html_sanitize(html: str) -> str:
    """Return `html` with everything outside the allow-list removed; nothing executable survives."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def html_to_text(html: str) -> str:
    """The words of stored article HTML, one paragraph (or heading, list item) per line, entities decoded."""
    text = TAG.sub("", BLOCK_END.sub("\n", html or ""))
    lines = (" ".join(line.split()) for line in unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


# The rich-text editor's tools (django-prose-editor extensions). Each produces only tags in
# ALLOWED_TAGS, so what an editor can make is exactly what is stored; a test holds them together.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
}
