"""`manage.py import_seeds`: import wire files into articles and report."""
import dataclasses
import glob
import itertools
import json
import os
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import (
    ImportRun,
    ImportStatus,
    display_path,
    fast_commits,
    import_seed_file,
)

GLOB_CHARS = frozenset("*?[")


@dataclasses.dataclass(frozen=True, slots=True)
class Target:
    """A file to import, or an operator's path that names none."""

    path: str
    source_name: str
    missing: str | None = None  # why the path gives no file


def _folder_files(folder, prefix=""):
    """The `*.txt` files under `folder`, recursively, in name order."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Target(folder, prefix or folder, missing=f"cannot read: {exc.strerror}")
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _folder_files(entry.path, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".txt"):
            # Not only regular files: a broken link must be reported, not
            # passed over in silence.
            yield Target(entry.path, f"{prefix}{entry.name}")


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
    relative to the folder; a glob gives its matches, named relative to the
    folder the glob starts from; a file is named by its file name. So a file
    at the top of a folder keeps one source name whether it is imported
    through the folder, a glob or on its own.
    """
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from _folder_files(argument)
        elif path.is_file():
            yield Target(argument, path.name)
        elif GLOB_CHARS & set(argument):
            base = _glob_base(argument)
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                yield Target(argument, argument, missing="no files match")
            for match in matches:
                relative = Path(match).relative_to(base).as_posix()
                if os.path.isdir(match):
                    yield from _folder_files(match, f"{relative}/")
                elif os.path.isfile(match):
                    yield Target(match, relative)
        else:
            yield Target(argument, argument, missing="no such file or folder")


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
    # The checks cost a second at start-up, longer than re-importing
    # thousands of unchanged files; `manage.py check` runs them in CI.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="Files, folders (searched for *.txt) or globs; default NEWSROOM_SEEDS_DIR.",
        )
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
        show_progress = self.stderr.isatty()
        targets = find_targets(paths)
        # A terminal gets a progress bar with a total; otherwise the files
        # are streamed, so a large corpus is never listed in memory.
        targets = list(targets) if show_progress else targets
        first = next(iter(targets), None)
        if first is None:
            raise CommandError(f"No *.txt files found in {', '.join(paths)}.")
        if not show_progress:
            targets = itertools.chain([first], targets)

        counts = Counter()
        warnings = 0
        run = ImportRun(preload=True)
        # Only needed when two arguments can name the same file.
        seen = set() if len(paths) > 1 else None
        bar = tqdm(
            total=len(targets) if show_progress else None,
            unit="file",
            file=self.stderr._out,  # the raw stream: tqdm redraws in place
            disable=not show_progress,
        )

        def message(line, style=None):
            line = style(line) if style else line
            if bar.disable:
                self.stderr.write(line, style_func=lambda text: text)
            else:
                bar.write(line, file=self.stderr._out)

        with bar, fast_commits():
            for target in targets:
                bar.update()
                if target.missing:
                    counts[ImportStatus.FAILED] += 1
                    error = f"{display_path(target.path)}: {target.missing}"
                    message(error, self.style.ERROR)
                    if as_json:
                        self.stdout.write(
                            json.dumps({"source": target.source_name, "error": error})
                        )
                    continue
                if seen is not None:
                    real = os.path.realpath(target.path)
                    if real in seen:
                        continue
                    seen.add(real)
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
                    message(result.error, self.style.ERROR)
                elif verbosity >= 1:
                    for warning in result.warnings:
                        message(f"{display_path(result.path)}: warning: {warning}", self.style.WARNING)
                if as_json:
                    self.stdout.write(json.dumps(story_record(result), ensure_ascii=False))
                elif verbosity >= 2:
                    also = (
                        f" (same text as {display_path(result.duplicate_of)})"
                        if result.duplicate_of
                        else ""
                    )
                    self.stdout.write(f"{result.status}: {display_path(result.source)}{also}")

        total = sum(counts.values())
        failed = counts[ImportStatus.FAILED]
        if verbosity >= 1:
            summary = (
                f"{'Dry run, nothing written. ' if dry_run else ''}"
                f"{total} files: "
                f"{counts[ImportStatus.CREATED]} created, "
                f"{counts[ImportStatus.UPDATED]} updated, "
                f"{counts[ImportStatus.UNCHANGED]} unchanged, "
                f"{counts[ImportStatus.DUPLICATE]} duplicates, "
                f"{counts[ImportStatus.CONFLICT]} conflicts, "
                f"{failed} failed; {warnings} warnings."
            )
            style = self.style.ERROR if failed else self.style.SUCCESS
            if as_json:
                self.stderr.write(style(summary), style_func=lambda text: text)
            else:
                self.stdout.write(style(summary))
        if failed and failed == total:
            raise CommandError("No file could be imported.")
        if failed:
            raise CommandError(f"{failed} of {total} files failed.")
