from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tagging.services.tagging import articles_tag_later, tagging_in_background

from ...services.stories import StoryFormatError, story_file_import


def _story_files(paths: list[str]) -> list[Path]:
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return files


def _parse_published_at(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise CommandError(f"--published-at “{value}” is not a date and time; use e.g. 2019-12-20T09:30:00+00:00.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = "Import plain-text story files (or folders of .txt files) as articles."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Story files or folders of .txt story files.")
        parser.add_argument("--draft", action="store_true", help="Leave imported articles as drafts.")
        parser.add_argument("--published-at", help="Publication time (ISO 8601) instead of now.")

    def handle(self, *args, paths, draft, published_at, **options):
        when = _parse_published_at(published_at)
        created = updated = unchanged = failed = 0
        files = _story_files(paths)
        # Many stories are tagged by a worker (manage.py db_worker) afterwards: the command returns at once.
        later = tagging_in_background(stories=len(files))
        imported = []
        for path in files:
            try:
                if not path.exists():
                    raise StoryFormatError("No such file or folder.")
                result = story_file_import(data=path.read_bytes(), published_at=when, draft=draft, tag=not later)
            except (StoryFormatError, OSError) as error:
                failed += 1
                self.stderr.write(f"{path.name}: not imported. {error}")
                continue
            imported.append(result.article.pk)
            verb = "created" if result.created else "unchanged" if result.unchanged else "updated"
            created += result.created
            unchanged += result.unchanged
            updated += not (result.created or result.unchanged)
            self.stdout.write(f"{path.name}: {verb} “{result.article.headline}”")
            for note in result.notes:
                self.stdout.write(f"  note: {note}")
            if result.tagging.countries_added or result.tagging.actors_added:
                tags = ", ".join(result.tagging.countries_added + result.tagging.actors_added)
                self.stdout.write(f"  tagged: {tags}")
        kept = f", {unchanged} unchanged" if unchanged else ""
        self.stdout.write(f"Imported: {created} created, {updated} updated{kept}, {failed} failed.")
        if later and imported:
            articles_tag_later(article_ids=imported)
            self.stdout.write(
                f"Tags are being added to the {len(imported)} imported stories in the background "
                "(by manage.py db_worker)."
            )
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported.", returncode=1)
