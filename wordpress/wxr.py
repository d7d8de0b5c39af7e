"""Reading WordPress export files (WXR 1.0, 1.1 and 1.2): a pure function from bytes to an Export.

WXR is RSS 2.0 with WordPress's own elements in the `wp` namespace (and `excerpt`), plus
`content:encoded` and `dc:creator`. Real exports spell the WordPress namespaces with http or
https, with or without "www.", and wordpress.com's own exports use wordpress.com: every spelling
is read the same. The XML is parsed by defusedxml, so entity expansion bombs and external
entities are refused rather than followed.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

WXR_VERSIONS = {"1.0", "1.1", "1.2"}
WP_NAMESPACE = re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/(1\.\d+)/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://(?:www\.)?wordpress\.(?:org|com)/export/1\.\d+/excerpt/$")
KNOWN_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


class WXRFormatError(ValueError):
    """A file that is not a WordPress export Newsroom can read; the message is written for an editor."""


@dataclass(frozen=True)
class WPAuthor:
    login: str
    display_name: str
    nicename: str = ""
    bio: str = ""


@dataclass(frozen=True)
class WPTerm:
    kind: str  # "category" or "post_tag"
    nicename: str
    name: str
    parent: str = ""


@dataclass
class WPItem:
    """One <item>: a post, a page, an attachment, a Co-Authors Plus guest author, a menu item..."""

    post_id: int
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: datetime | None
    date_local: datetime | None
    categories: list[WPTerm] = field(default_factory=list)
    tags: list[WPTerm] = field(default_factory=list)
    coauthors: list[str] = field(default_factory=list)  # Co-Authors Plus author terms, in byline order
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""


@dataclass
class Export:
    version: str
    site: str  # the blog's address, e.g. "https://old.example.com": imports are keyed on it
    authors: dict[str, WPAuthor]
    terms: dict[tuple[str, str], WPTerm]
    items: list[WPItem]

    def items_of(self, post_type: str) -> list[WPItem]:
        return [item for item in self.items if item.post_type == post_type]


def _canonical_tag(tag: str) -> str:
    """ "{http://wordpress.org/export/1.1/}post_id" -> "wp:post_id", whatever the namespace's spelling."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(uri):
        return f"wp:{local}"
    if EXCERPT_NAMESPACE.match(uri):
        return f"excerpt:{local}"
    prefix = KNOWN_NAMESPACES.get(uri)
    return f"{prefix}:{local}" if prefix else tag


def _text(element, name: str) -> str:
    child = element.find(name) if element is not None else None
    return (child.text or "") if child is not None else ""


def _date(value: str) -> datetime | None:
    value = value.strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(value.strip())
    except ValueError:
        return None


def wxr_parse(data: bytes) -> Export:
    """Read a WordPress export. Raises WXRFormatError (nothing else) saying what is wrong with the file."""
    if not data.strip():
        raise WXRFormatError("The file is empty.")
    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        raise WXRFormatError(
            f"The file uses XML features that are refused for safety ({type(error).__name__})."
        ) from None
    except SyntaxError as error:  # xml.etree's ParseError
        raise WXRFormatError(f"This is not well-formed XML ({error}); was the export cut short?") from None
    versions = set()
    for element in root.iter():
        if isinstance(element.tag, str):
            if element.tag.startswith("{") and (match := WP_NAMESPACE.match(element.tag[1:].split("}")[0])):
                versions.add(match.group(1))
            element.tag = _canonical_tag(element.tag)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WXRFormatError("This is not a WordPress export: the file is not an RSS document with a <channel>.")
    version = _text(channel, "wp:wxr_version").strip()
    if not version:
        raise WXRFormatError(
            "This is not a WordPress export: it has no <wp:wxr_version>. Export it again from WordPress "
            "(Tools → Export)."
        )
    if version not in WXR_VERSIONS:
        raise WXRFormatError(
            f"WXR version “{version}” is not one Newsroom reads (it reads {', '.join(sorted(WXR_VERSIONS))})."
        )
    site = (_text(channel, "wp:base_blog_url") or _text(channel, "link")).strip().rstrip("/")
    if not site:
        raise WXRFormatError("The export does not say which site it comes from (no <wp:base_blog_url> or <link>).")

    authors = {}
    for element in channel.findall("wp:author"):
        login = _text(element, "wp:author_login").strip()
        if login:
            name = _text(element, "wp:author_display_name").strip()
            full = " ".join(
                part for part in (_text(element, "wp:author_first_name"), _text(element, "wp:author_last_name")) if part
            )
            authors[login] = WPAuthor(login=login, display_name=name or full.strip() or login)

    terms: dict[tuple[str, str], WPTerm] = {}
    for element in channel.findall("wp:category"):
        nicename = unquote(_text(element, "wp:category_nicename").strip())
        if nicename:
            terms[("category", nicename)] = WPTerm(
                kind="category",
                nicename=nicename,
                name=_text(element, "wp:cat_name").strip() or nicename,
                parent=unquote(_text(element, "wp:category_parent").strip()),
            )
    for element in channel.findall("wp:tag"):
        nicename = unquote(_text(element, "wp:tag_slug").strip())
        if nicename:
            terms[("post_tag", nicename)] = WPTerm(
                kind="post_tag", nicename=nicename, name=_text(element, "wp:tag_name").strip() or nicename
            )

    items = []
    for element in channel.findall("item"):
        post_id = _int(_text(element, "wp:post_id"))
        if post_id is None:
            continue
        item = WPItem(
            post_id=post_id,
            post_type=_text(element, "wp:post_type").strip() or "post",
            status=_text(element, "wp:status").strip() or "publish",
            title=_text(element, "title"),
            slug=unquote(_text(element, "wp:post_name").strip()),
            link=_text(element, "link").strip(),
            guid=_text(element, "guid").strip(),
            creator=_text(element, "dc:creator").strip(),
            content=_text(element, "content:encoded"),
            excerpt=_text(element, "excerpt:encoded"),
            date_gmt=_date(_text(element, "wp:post_date_gmt")),
            date_local=_date(_text(element, "wp:post_date")),
            attachment_url=_text(element, "wp:attachment_url").strip(),
        )
        for term in element.findall("category"):
            domain, nicename = term.get("domain", "category"), unquote(term.get("nicename", "").strip())
            name = (term.text or "").strip()
            if domain == "author":  # Co-Authors Plus: nicename "cap-<login>", text the login
                item.coauthors.append(name or nicename.removeprefix("cap-"))
            elif domain in ("category", "post_tag"):
                known = terms.get((domain, nicename))
                term_ = known or WPTerm(kind=domain, nicename=nicename or name, name=name or nicename)
                terms.setdefault((domain, term_.nicename), term_)
                (item.categories if domain == "category" else item.tags).append(term_)
        for meta in element.findall("wp:postmeta"):
            key = _text(meta, "wp:meta_key").strip()
            if key:
                item.meta[key] = _text(meta, "wp:meta_value")
        items.append(item)
    return Export(version=version, site=site, authors=authors, terms=terms, items=items)


def item_published_at(item: WPItem) -> datetime | None:
    """The post's time in UTC: its GMT date, else its local date taken as UTC (the site's zone is unknown)."""
    moment = item.date_gmt or item.date_local
    return moment.replace(tzinfo=UTC) if moment else None


def permalink_paths(*urls: str) -> list[str]:
    """The site-relative addresses of `urls` ("https://old.example/2019/12/20/x/" -> "/2019/12/20/x/"), with
    their query ("/?p=123") and without duplicates; the site's own root is left out."""
    paths = []
    for url in urls:
        if not url:
            continue
        parts = urlsplit(url)
        path = unquote(parts.path or "/")
        address = f"{path}?{parts.query}" if parts.query else path
        if address != "/" and address not in paths:
            paths.append(address)
    return paths
