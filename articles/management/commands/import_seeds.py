"""`manage.py import_seeds`: import wire files into articles and report."""
import dataclasses
import glob
import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import ImportRun, ImportStatus, import_seed_file

GLOB_CHARS = frozenset("*?[")


@dataclasses.dataclass(frozen=True)
class Target:
    """A file to import, or an operator's path that names none."""

    path: Path
    source_name: str
    missing: str | None = None  # why the path gives no file


def _folder_files(folder, base):
    for path in sorted(folder.rglob("*.txt")):
        if path.is_file():
            yield Target(path, path.relative_to(base).as_posix())


def _glob_base(pattern):
    """The folder a glob starts from: its parts before the first wildcard."""
    parts = []
    for part in Path(pattern).parts:
        if GLOB_CHARS & set(part):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def find_targets(arguments):
    """
    The files named by the command's arguments, in a stable order.

    A folder gives its `*.txt` files, recursively, each named by its path
    relative to the folder; a glob gives its matches named relative to the
    folder the glob starts from; a file is named by its file name. So a
    file imported through its folder, a glob over that folder or directly
    (at the folder's top level) keeps one source name.
    """
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from _folder_files(path, path)
        elif path.is_file():
            yield Target(path, path.name)
        elif GLOB_CHARS & set(argument):
            base = _glob_base(argument)
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                yield Target(path, argument, missing="no files match")
            for match in map(Path, matches):
                if match.is_dir():
                    yield from _folder_files(match, base)
                elif match.is_file():
                    yield Target(match, match.relative_to(base).as_posix())
        else:
            yield Target(path, argument, missing="no such file or folder")


def story_record(result):
    """One document as the public JSON-lines record (see the README)."""
    if result.failed or result.story is None:
        return {"source": result.source, "error": result.error or "not imported"}
    story = result.story
    return {
        "source": result.source,
        "date": story.date.isoformat() if story.date else None,
        "headline": story.headline,
        "headline_provisional": story.headline_provisional,
        "dateline": story.dateline,
        "byline": story.byline,
        "paragraphs": list(story.paragraphs),
        "photos": [
            {
                "caption": photo.caption,
                "credit_line": photo.credit_line,
                "credit": photo.credit,
                "photographer": photo.photographer,
                "agency": photo.agency,
                "distributor": photo.distributor,
                "is_file_photo": photo.is_file_photo,
            }
            for photo in story.photos
        ],
        "quotes": [
            {
                "text": quote.text,
                "speaker": quote.speaker,
                "speaker_resolved": quote.speaker_resolved,
                "verb": quote.verb,
                "paragraph": quote.paragraph,
            }
            for quote in story.quotes
        ],
        "warnings": list(result.warnings),
    }


class Command(BaseCommand):
    help = (
        "Import wire-story files (files, folders searched recursively for *.txt, "
        "or globs; NEWSROOM_SEEDS_DIR by default) into articles. Re-running is "
        "safe: unchanged files are skipped. Exits non-zero if any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH")
        parser.add_argument(
            "--draft", action="store_true", help="Import every article as a draft."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Parse and report; write nothing."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json: one JSON object per document on stdout, messages on stderr.",
        )

    def handle(self, *args, paths, draft, dry_run, format, verbosity, **options):
        as_json = format == "json"
        if not paths:
            seeds = Path(settings.NEWSROOM_SEEDS_DIR)
            if not seeds.is_dir():
                raise CommandError(f"The seeds folder {seeds} does not exist.")
            paths = [str(seeds)]
        targets = list(find_targets(paths))
        if not targets:
            raise CommandError(f"No *.txt files found in {', '.join(paths)}.")

        counts = Counter()
        warnings = 0
        run = ImportRun(preload_sources=True)
        bar = tqdm(
            total=len(targets),
            unit="file",
            file=self.stderr._out,
            disable=not self.stderr.isatty(),
        )

        def message(line):
            if bar.disable:
                self.stderr.write(line)
            else:
                bar.write(line, file=self.stderr._out)

        seen = set()
        with bar:
            for target in targets:
                bar.update()
                if target.missing:
                    counts[ImportStatus.FAILED] += 1
                    error = f"{target.path}: {target.missing}"
                    message(error)
                    if as_json:
                        self.stdout.write(
                            json.dumps({"source": target.source_name, "error": error})
                        )
                    continue
                if target.path.resolve() in seen:
                    continue
                seen.add(target.path.resolve())
                result = import_seed_file(
                    path=target.path,
                    source_name=target.source_name,
                    draft=draft,
                    dry_run=dry_run,
                    parse_unchanged=as_json,
                    run=run,
                )
                counts[result.status] += 1
                warnings += len(result.warnings)
                if result.failed:
                    message(result.error)
                elif verbosity >= 1:
                    for warning in result.warnings:
                        message(f"{result.path}: warning: {warning}")
                if as_json:
                    self.stdout.write(json.dumps(story_record(result), ensure_ascii=False))
                elif verbosity >= 2:
                    extra = f" (same text as {result.duplicate_of})" if result.duplicate_of else ""
                    self.stdout.write(f"{result.status:<9} {result.source}{extra}")

        failed = counts[ImportStatus.FAILED]
        if verbosity >= 1:
            summary = (
                f"{'Dry run, nothing written: ' if dry_run else ''}"
                f"{counts[ImportStatus.CREATED]} created, "
                f"{counts[ImportStatus.UPDATED]} updated, "
                f"{counts[ImportStatus.UNCHANGED]} unchanged, "
                f"{counts[ImportStatus.DUPLICATE]} duplicates, "
                f"{counts[ImportStatus.CONFLICT]} conflicts, "
                f"{failed} failed, {warnings} warnings."
            )
            style = self.style.ERROR if failed else self.style.SUCCESS
            (self.stderr if as_json else self.stdout).write(style(summary))
        if failed == sum(counts.values()):
            raise CommandError("Nothing could be imported.")
        if failed:
            raise CommandError(f"{failed} of {sum(counts.values())} files failed.")
