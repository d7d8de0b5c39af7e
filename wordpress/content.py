"""WordPress post bodies to Newsroom article HTML: blocks and shortcodes out, paragraphs in, then nh3."""

import re

from articles.html import html_sanitize, html_to_text

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
MORE_COMMENT = re.compile(r"<!--\s*(more|nextpage|noteaser)\b.*?-->", re.DOTALL)
CAPTION = re.compile(r"\[(caption|wp_caption)\b[^\]]*\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
# Any other shortcode, [gallery ids="1,2"], [/foo], [foo /]: removed with its brackets, its enclosed text kept.
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?/?\]")
BLOCK_TAGS = (
    r"table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    r"blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    r"footer|nav|figure|figcaption|details|menu|summary"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*</?(?:{BLOCK_TAGS})\b", re.IGNORECASE)
IMG = re.compile(r"<img\b", re.IGNORECASE)


def _caption(match: re.Match) -> str:
    # [caption]<img ...> The caption text[/caption]: the picture goes (Newsroom's body has none), its words stay.
    text = re.sub(r"<img\b[^>]*>", "", match.group(2))
    text = re.sub(r"</?a\b[^>]*>", "", text).strip()
    return f"\n\n<p><em>{text}</em></p>\n\n" if text else "\n\n"


def _embed(match: re.Match) -> str:
    url = match.group(1).strip()
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n' if url.startswith(("http://", "https://")) else ""


def wpautop(text: str) -> str:
    """WordPress's automatic paragraphs: blank lines end paragraphs, single line breaks become <br>.

    Chunks that already are block elements (a <p>, a list, a heading) are left as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text)]
    out = []
    for chunk in chunks:
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def body_clean(content: str) -> tuple[str, list[str]]:
    """Article HTML for a WordPress body, and notes on what was dropped (for the import summary)."""
    notes = []
    html = BLOCK_COMMENT.sub("\n\n", content or "")
    html = MORE_COMMENT.sub("\n\n", html)
    html = CAPTION.sub(_caption, html)
    html = EMBED.sub(_embed, html)
    shortcodes = {match.group().strip("[]/").split()[0] for match in SHORTCODE.finditer(html) if match.group()}
    shortcodes.discard("")
    if shortcodes:
        notes.append(f"shortcodes removed: {', '.join(sorted(shortcodes))}")
    html = SHORTCODE.sub("", html)
    if pictures := len(IMG.findall(html)):
        notes.append(f"{pictures} picture(s) in the text removed (only the featured image is imported)")
    return html_sanitize(wpautop(html)), notes


def title_clean(title: str) -> str:
    """A headline from a WordPress title: entities decoded, any markup removed, spaces tidied."""
    return " ".join(html_to_text(title or "").split())


def excerpt_clean(excerpt: str) -> str:
    return " ".join(html_to_text(excerpt or "").split())
