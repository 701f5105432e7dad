"""`manage.py import_seeds`: import wire files into articles and report."""
import collections
import dataclasses
import glob
import itertools
import json
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import (
    ImportResult,
    ImportRun,
    ImportStatus,
    analyse_wire_batch,
    analyse_wire_bytes,
    display_path,
    fast_commits,
    finish_seed_file,
    read_seed_file,
)

GLOB_CHARS = frozenset("*?[")
# Fewer files than this are parsed in this process: starting workers
# costs more than it saves.
POOL_MIN_FILES = 64
# Files per task sent to a worker: fewer round trips, yet little held.
CHUNK_FILES = 16
# A chunk is also sent when it holds this many results, parsed or not,
# so a long run of unchanged files is not held back behind one new file.
CHUNK_ENTRIES = 256


def default_workers():
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _InProcess:
    """A chunk analysed here, when it is needed: the one-process path."""

    def __init__(self, items):
        self.items = items

    def result(self):
        # Decoded and hashed only: the file is parsed if the database says
        # it is new (or when its story is asked for).
        return [analyse_wire_bytes(data, parse=False) for data in self.items]


class AnalysisPipeline:
    """
    Decode and parse files in worker processes while this process saves.

    Files come back in the order they went in. At most `2 * workers + 1`
    chunks are in flight, so memory stays flat whatever the corpus size.
    If the pool breaks (a worker killed), the rest is analysed here.
    """

    def __init__(self, workers):
        self.workers = workers
        self.executor = None
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            # fork: workers inherit the loaded parser, and start at once.
            # They never touch the database connection they inherit.
            self.executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("fork")
            )
            # Start the workers now, before any other thread runs.
            self.executor.submit(int).result()
        self.in_flight = collections.deque()
        # In one process nothing runs ahead of the saving.
        self.max_in_flight = 2 * workers if self.executor else 0

    def submit(self, items):
        if self.executor is None:
            return _InProcess(items)
        try:
            return self.executor.submit(analyse_wire_batch, items)
        except BrokenProcessPool:
            self._broken()
            return _InProcess(items)

    def result(self, future, items):
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken()
            return analyse_wire_batch(items)

    def _broken(self):
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


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
            "--workers",
            type=int,
            default=None,
            metavar="N",
            help=(
                "Processes that decode and parse files while this one saves "
                "(default: the number of CPUs; 1: all in this process). Runs of "
                f"fewer than {POOL_MIN_FILES} files always use one process."
            ),
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json: one JSON object per document on stdout, messages on stderr.",
        )

    def handle(
        self, *args, paths, draft, dry_run, format, verbosity, workers=None, **options
    ):
        as_json = format == "json"
        workers = default_workers() if workers is None else workers
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
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
        if workers > 1 and show_progress:
            workers = workers if len(targets) >= POOL_MIN_FILES else 1
        elif workers > 1:
            # Look ahead (a few names only) to see whether a pool pays.
            head = list(itertools.islice(targets, POOL_MIN_FILES))
            if len(head) < POOL_MIN_FILES:
                workers = 1
            targets = itertools.chain(head, targets)

        # Before any thread starts or connection opens: the pool forks.
        pipeline = AnalysisPipeline(workers)
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

        def read(targets):
            """Each target's ImportResult, or its PendingFile, in order."""
            for target in targets:
                if target.missing:
                    yield target, None
                    continue
                if seen is not None:
                    real = os.path.realpath(target.path)
                    if real in seen:
                        bar.update()
                        continue
                    seen.add(real)
                yield target, read_seed_file(
                    path=target.path,
                    source_name=target.source_name,
                    parse_unchanged=as_json,
                    run=run,
                )

        def finish(pending, analysis):
            return finish_seed_file(
                pending=pending,
                analysis=analysis,
                draft=draft,
                dry_run=dry_run,
                parse_unchanged=as_json,
                run=run,
            )

        with bar, fast_commits():
            try:
                for target, result in self._results(read(targets), pipeline, finish):
                    bar.update()
                    if result is None:
                        counts[ImportStatus.FAILED] += 1
                        error = f"{display_path(target.path)}: {target.missing}"
                        message(error, self.style.ERROR)
                        if as_json:
                            self.stdout.write(
                                json.dumps({"source": target.source_name, "error": error})
                            )
                        continue
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
            finally:
                pipeline.close()

        total = sum(counts.values())
        failed = counts[ImportStatus.FAILED]
        if verbosity >= 1:
            summary = (
                f"{'Dry run, nothing written. ' if dry_run else ''}"
                f"{total} {'file' if total == 1 else 'files'}: "
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

    @staticmethod
    def _results(entries, pipeline, finish):
        """
        (target, ImportResult or None) for each of `entries` in order, the
        pending files analysed through `pipeline` and saved by `finish`.
        """
        chunk, datas = [], []

        def send():
            future = pipeline.submit(list(datas)) if datas else None
            pipeline.in_flight.append((list(chunk), future, list(datas)))
            chunk.clear()
            datas.clear()

        def drain_one():
            entries, future, items = pipeline.in_flight.popleft()
            analyses = iter(pipeline.result(future, items) if future else ())
            for target, outcome in entries:
                if isinstance(outcome, ImportResult) or outcome is None:
                    yield target, outcome
                else:
                    yield target, finish(outcome, next(analyses))

        for target, outcome in entries:
            if not chunk and not pipeline.in_flight and (
                outcome is None or isinstance(outcome, ImportResult)
            ):
                yield target, outcome
                continue
            chunk.append((target, outcome))
            if outcome is not None and not isinstance(outcome, ImportResult):
                datas.append(outcome.data)
            if len(datas) >= CHUNK_FILES or len(chunk) >= CHUNK_ENTRIES:
                send()
                while len(pipeline.in_flight) > pipeline.max_in_flight:
                    yield from drain_one()
        if chunk:
            send()
        while pipeline.in_flight:
            yield from drain_one()
