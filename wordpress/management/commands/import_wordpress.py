"""manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--section NICENAME=Section]"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.services import ImportSummary, wordpress_import
from wordpress.wxr import WXRFormatError


def summary_lines(summary: ImportSummary, *, verbose: bool = True) -> list[str]:
    """The import's report, as the command prints it: one line per story, then the totals."""
    lines = []
    if verbose:
        for item in summary.items:
            status = f" ({item.status})" if item.status else ""
            notes = f" — {'; '.join(item.notes)}" if item.notes else ""
            lines.append(f"  post {item.post_id}: {item.action} “{item.title}”{status}{notes}")
    created, updated = summary.count("created"), summary.count("updated")
    skipped, failed = summary.count("skipped"), summary.count("failed")
    lines.append(
        f"Articles: {created} created, {updated} updated, {skipped} skipped, {failed} failed. "
        f"Sections created: {summary.created['sections']}. Authors created: {summary.created['authors']}. "
        f"Redirects from old addresses: {summary.redirects}."
    )
    tags = summary.tagging.countries_added + summary.tagging.actors_added
    if summary.tagging_queued:
        lines.append(
            f"Tagger: tags are being added to the {summary.tagging_queued} imported stories in the background "
            "(by manage.py db_worker)."
        )
    else:
        lines.append(f"Tagger: {summary.tagging.articles_changed} articles tagged ({len(tags)} tags added).")
    if summary.tags_unmatched:
        lines.append(
            f"WordPress tags that are no actor in Newsroom ({len(summary.tags_unmatched)}; add them as actors and "
            f"import again to keep their /tag/ addresses): {', '.join(summary.tags_unmatched[:50])}"
            + (" …" if len(summary.tags_unmatched) > 50 else "")
        )
    if summary.media_missing:
        lines.append(
            f"Media missing from the uploads folder ({len(summary.media_missing)}): "
            + ", ".join(summary.media_missing[:50])
        )
    return lines


class Command(BaseCommand):
    help = "Import a WordPress export (Tools → Export in WordPress; WXR 1.0–1.2). Importing it again updates."

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The export file (.xml).")
        parser.add_argument("--media-dir", type=Path, help="A copy of the site's wp-content/uploads folder.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; save nothing.")
        parser.add_argument(
            "--section",
            action="append",
            default=[],
            metavar="CATEGORY=SECTION",
            help="Put posts of a category (its slug) in a section of this name; repeat as needed.",
        )
        parser.add_argument("--quiet-items", action="store_true", help="Print only the totals.")

    def handle(self, *args, **options):
        path: Path = options["export"]
        media_dir = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"{media_dir} is not a folder.")
        section_map = {}
        for pair in options["section"]:
            category, sep, section = pair.partition("=")
            if not sep or not category.strip() or not section.strip():
                raise CommandError(f"--section {pair}: write it as CATEGORY-SLUG=Section name.")
            section_map[category.strip()] = section.strip()
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
        started = time.monotonic()
        try:
            summary = wordpress_import(
                data=data, media_dir=media_dir, dry_run=options["dry_run"], section_map=section_map
            )
        except WXRFormatError as error:
            raise CommandError(f"{path}: not imported, nothing was saved. {error}") from None
        for line in summary_lines(summary, verbose=not options["quiet_items"]):
            self.stdout.write(line)
        seconds = time.monotonic() - started
        tail = " Dry run: nothing was saved." if summary.dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"Imported WXR {summary.version} from {summary.site} in {seconds:.1f} s.{tail}")
        )
