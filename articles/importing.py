"""Wire files into articles, photos, quotes and credits: one atomic import per file."""
import contextlib
import dataclasses
import datetime
import enum
import functools
import hashlib
import logging
import os
import stat
import zoneinfo

from django.conf import settings
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    IntegrityError,
    OperationalError,
    connections,
    transaction,
)
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import get_history_model_for_model

from articles import parsing
from articles.models import Article, Credit, CreditAlias, Photo, Quote, credit_key
from articles.parsing.story import ParsedStory

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024

# Credit values that name nobody: never a Credit row.
NOT_A_NAME = frozenset(
    {
        "uncredited",
        "unknown",
        "unknown photographer",
        "anonymous",
        "none",
        "n/a",
        "na",
        "-",
        "handout",
        "file",
        "file photo",
        "pool",
        "staff",
        "stringer",
        "photo",
        "no credit",
        "not credited",
        "courtesy",
    }
)

# How often one document is tried again after losing a race with another
# import (unique key taken, deadlock) before it is reported as failed.
RACE_RETRIES = 3


class ImportStatus(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    FAILED = "failed"


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """
    What became of one wire file.

    `source` is the article's `source_name`; `story` is the parse (None when
    the file was unchanged or a duplicate and parsing was not asked for, or
    when reading failed); `error` names the file and the problem.
    """

    source: str
    path: str
    status: ImportStatus
    story: ParsedStory | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    article_id: int | None = None
    duplicate_of: str | None = None  # the source already holding this text

    @property
    def failed(self):
        return self.status == ImportStatus.FAILED


class UnreadableFile(ValueError):
    """The file cannot be read as a wire story; the message says why."""


def _open_nonblocking(path, flags):
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_file_bytes(path):
    """
    The bytes of the wire file at `path`.

    Raises UnreadableFile for a missing, unreadable, empty or oversized
    (over 5 MB) file, or a folder.
    """
    try:
        # One open, one fstat, one read: this runs for every file of every
        # re-import, most of which stop right after it. Non-blocking, so a
        # named pipe called *.txt cannot hang the run.
        with open(path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFile("not a regular file")
            size = info.st_size
            if size > MAX_FILE_BYTES:
                raise UnreadableFile(f"larger than 5 MB ({size:,} bytes)")
            # The file can grow between fstat() and read().
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile("is a folder, not a file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile("larger than 5 MB")
    if not data:
        raise UnreadableFile("empty file")
    return data


def decode_file_bytes(data):
    """`data` decoded to text; raises UnreadableFile for binary or no text."""
    try:
        return parsing.decode_wire_bytes(data)
    except ValueError as exc:
        raise UnreadableFile(_one_line(exc)) from None


def read_wire_file(path):
    """
    The text of the wire file at `path`, decoded.

    Raises UnreadableFile for a missing, unreadable, empty, oversized or
    binary file, or bytes that decode to no text.
    """
    return decode_file_bytes(read_file_bytes(path))


def display_path(path):
    """`path` for a one-line message: control characters (a newline in a
    file name) escaped, everything else as it is."""
    path = os.fspath(path)
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def _one_line(exc):
    return " ".join(str(exc).split()) or type(exc).__name__


def publication_time(date):
    """Midnight of `date` in the site's time zone, or None without a date."""
    if date is None:
        return None
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(date, datetime.time.min, tzinfo=zone)


def is_credit_name(name):
    """Whether `name` names someone, rather than saying nobody is credited."""
    key = credit_key(name or "").strip(" .")
    return bool(key) and key not in NOT_A_NAME and any(c.isalnum() for c in key)


def _short_digest(text, length=6):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@dataclasses.dataclass(frozen=True)
class KnownSource:
    """What the database holds for a file about to be imported."""

    text_hash: str | None = None  # source_hash stored under the file's name
    bytes_hash: str | None = None  # source_bytes_hash stored under its name
    holder: str | None = None  # the source name that has the same text or bytes


class ImportRun:
    """
    State shared by the imports of one run, to save queries.

    Caches the credits it meets. With `preload=True` it reads every credit
    and alias, and the source names and hashes of every imported article,
    up front (three queries), so an unchanged file costs no query at all
    and a new one no lookup. Create one per run: the caches trust the
    database as it was when they were filled, and a lost race (an
    IntegrityError) clears them (`forget`).
    """

    def __init__(self, *, preload=False):
        self.preload = preload
        self._credits_loaded = False
        self._credits = {}  # credit key -> Credit, committed rows only
        self._pending_credits = {}  # created by the open document
        self._sources = None  # source name -> (text hash, bytes hash)
        self._name_by_text = None
        self._name_by_bytes = None
        self._slugs = None  # every article slug, committed rows only
        self._pending_slug = None

    def forget(self):
        """Drop every cache; the next lookups go to the database."""
        self._credits.clear()
        self._pending_credits.clear()
        self._credits_loaded = False
        self._sources = self._name_by_text = self._name_by_bytes = None
        self._slugs = self._pending_slug = None

    # Article slugs ----------------------------------------------------

    def taken_slugs(self, candidates):
        """
        Which of `candidates` are article slugs already: from the preloaded
        slugs (read on the first call, one query) or a query of their own.
        """
        if not self.preload:
            return set(
                Article.objects.filter(slug__in=candidates)
                .order_by()
                .values_list("slug", flat=True)
            )
        if self._slugs is None:
            self._slugs = set(
                Article.objects.order_by().values_list("slug", flat=True).iterator(
                    chunk_size=5000
                )
            )
        return {slug for slug in candidates if slug in self._slugs}

    def claim_slug(self, slug):
        """Note the slug the open document's new article takes."""
        self._pending_slug = slug

    # Sources ----------------------------------------------------------

    def _load_sources(self):
        self._sources, self._name_by_text, self._name_by_bytes = {}, {}, {}
        rows = Article.objects.filter(source_name__isnull=False).values_list(
            "source_name", "source_hash", "source_bytes_hash"
        )
        for name, text_hash, bytes_hash in rows.iterator(chunk_size=5000):
            self.remember_source(name, text_hash, bytes_hash)

    def _preloaded(self):
        if self._sources is None:
            self._load_sources()
        return self._sources

    def known_bytes(self, name, bytes_hash):
        """
        KnownSource by the file's raw bytes: only from preloaded sources
        (bytes hashes are not indexed); an empty KnownSource otherwise.
        """
        if not self.preload:
            return KnownSource()
        text_hash, stored_bytes = self._preloaded().get(name, (None, None))
        return KnownSource(
            text_hash=text_hash,
            bytes_hash=stored_bytes,
            holder=self._name_by_bytes.get(bytes_hash),
        )

    def known_text(self, name, text_hash):
        """KnownSource by the hash of the file's normalised text."""
        if self.preload:
            stored_text, stored_bytes = self._preloaded().get(name, (None, None))
            return KnownSource(
                text_hash=stored_text,
                bytes_hash=stored_bytes,
                holder=self._name_by_text.get(text_hash),
            )
        known = KnownSource()
        rows = Article.objects.filter(
            Q(source_name=name) | Q(source_hash=text_hash)
        ).values_list("source_name", "source_hash", "source_bytes_hash")
        for row_name, row_text, row_bytes in rows:
            if row_name == name:
                known = dataclasses.replace(
                    known, text_hash=row_text, bytes_hash=row_bytes or None
                )
            if row_text == text_hash:
                known = dataclasses.replace(known, holder=row_name)
        return known

    def remember_source(self, name, text_hash, bytes_hash, old=None):
        """Record a committed article's hashes in the preloaded sources."""
        if self._sources is None:
            return
        if old is not None:
            self._name_by_text.pop(old.text_hash, None)
            self._name_by_bytes.pop(old.bytes_hash, None)
        self._sources[name] = (text_hash, bytes_hash or None)
        if text_hash:
            self._name_by_text[text_hash] = name
        if bytes_hash:
            self._name_by_bytes[bytes_hash] = name

    # Credits ----------------------------------------------------------

    def credit(self, name, kind):
        """
        The Credit row for `name`, created as `kind` if nobody has it yet.

        Looks the name up by key, then among the aliases left by merges.
        Returns None for a value that names nobody ("Uncredited").
        Safe against another import creating the same credit meanwhile:
        the unique key decides, and the loser re-reads the winner's row.
        """
        if not is_credit_name(name):
            return None
        name = " ".join(name.split())
        key = credit_key(name)
        if self.preload and not self._credits_loaded:
            self._load_credits()
        credit = self._credits.get(key) or self._pending_credits.get(key)
        if credit is not None:
            return credit
        # Preloaded credits are all there is, unless another import has
        # just created this one: then the insert fails and finds it.
        credit = None if self._credits_loaded else self._find_credit(key)
        if credit is not None:
            self._credits[key] = credit
            return credit
        credit = self._create_credit(name, kind, key)
        self._pending_credits[key] = credit
        return credit

    def find_credit(self, name):
        """The existing Credit for `name`, or None; writes nothing."""
        if not is_credit_name(name):
            return None
        key = credit_key(name)
        return (
            self._credits.get(key)
            or self._pending_credits.get(key)
            or self._find_credit(key)
        )

    def _load_credits(self):
        self._credits = {
            credit.key: credit for credit in Credit.objects.only("id", "name", "key")
        }
        for alias in CreditAlias.objects.select_related("credit").only(
            "key", "credit__id", "credit__name", "credit__key"
        ):
            self._credits.setdefault(alias.key, alias.credit)
        self._credits_loaded = True

    @staticmethod
    def _find_credit(key):
        credit = Credit.objects.filter(key=key).first()
        if credit is None:
            alias = CreditAlias.objects.select_related("credit").filter(key=key).first()
            credit = alias.credit if alias else None
        return credit

    def _create_credit(self, name, kind, key):
        base = slugify(name)[:200].rstrip("-") or "credit"
        # The key-derived suffix keeps a credit's slug the same whichever
        # spelling clash happened first.
        fallback = f"{base}-{_short_digest(key)}"
        taken = set(
            Credit.objects.filter(slug__in=[base, fallback])
            .order_by()
            .values_list("slug", flat=True)
        )
        candidates = [s for s in (base, fallback) if s not in taken]
        candidates.append(f"{base}-{_short_digest(key, 12)}")
        for slug in candidates:
            try:
                with transaction.atomic():
                    return Credit.objects.create(name=name, kind=kind, slug=slug)
            except IntegrityError:
                # Another import created the same credit since the lookup,
                # or took the slug; the savepoint keeps the document alive.
                credit = self._find_credit(key)
                if credit is not None:
                    self._credits[key] = credit
                    return credit
        raise IntegrityError(f"no free slug for credit {name!r}")

    def commit_document(self):
        self._credits.update(self._pending_credits)
        self._pending_credits.clear()
        if self._slugs is not None and self._pending_slug is not None:
            self._slugs.add(self._pending_slug)
        self._pending_slug = None

    def abandon_document(self):
        self._pending_credits.clear()
        self._pending_slug = None


@contextlib.contextmanager
def fast_commits(using=DEFAULT_DB_ALIAS):
    """
    Let the connection commit without waiting for the disk, for a bulk run.

    A per-document commit that waits for fsync costs milliseconds, more
    than the document. PostgreSQL: `synchronous_commit` off for this
    session. SQLite: write-ahead log with `synchronous=NORMAL`. Either way
    the database stays consistent after a crash; at worst the last
    documents of the run are lost whole, and the next run imports them.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        # Inside a transaction (a test, a caller's atomic block) the
        # settings cannot change; nothing to gain anyway.
        yield
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO OFF")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            # Persistent, and good for the site as well: readers no longer
            # wait for writers. An in-memory database has no log to switch.
            if journal_mode.lower() != "memory":
                try:
                    cursor.execute("PRAGMA journal_mode=WAL")
                except OperationalError:
                    # Locked by another connection: slower, not wrong.
                    logger.warning("could not switch SQLite to WAL", exc_info=True)
            cursor.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        if connection.connection is not None:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("RESET synchronous_commit")
                elif connection.vendor == "sqlite":
                    cursor.execute("PRAGMA synchronous=FULL")


def import_seed_file(
    *,
    path,
    source_name=None,
    draft=False,
    dry_run=False,
    parse_unchanged=False,
    run=None,
):
    """
    Import one wire file; returns an ImportResult, and never raises for a
    bad file or a failed save.

    `source_name` identifies the file across re-imports (default: its file
    name). `draft` imports as a draft; `dry_run` parses and reports without
    writing; `parse_unchanged` also parses unchanged files and duplicates,
    so that their result carries the story. `run` shares caches between the
    files of one run.

    Three steps, which a bulk run may spread over processes:
    `read_seed_file` (cheap, needs the run's caches), `analyse_wire_bytes`
    (decoding, hashing and parsing: the CPU-bound part, no database) and
    `finish_seed_file` (the database).
    """
    run = run or ImportRun()
    pending = read_seed_file(
        path=path, source_name=source_name, parse_unchanged=parse_unchanged, run=run
    )
    if isinstance(pending, ImportResult):
        return pending
    # Parsing waits until the database says the file is new.
    analysis = analyse_wire_bytes(pending.data, parse=False)
    return finish_seed_file(
        pending=pending,
        analysis=analysis,
        draft=draft,
        dry_run=dry_run,
        parse_unchanged=parse_unchanged,
        run=run,
    )


@dataclasses.dataclass(frozen=True)
class PendingFile:
    """A wire file read, and not known by its bytes (or to be parsed anyway)."""

    source: str
    path: str
    data: bytes
    bytes_hash: str
    known: KnownSource


@dataclasses.dataclass(frozen=True)
class WireAnalysis:
    """
    What a file's bytes make without the database: its decoded text's
    hash and its parse, or why there is none.

    `error` is set when the bytes are no readable text; otherwise
    `text_hash` is, and either `story`, `parse_error` or (when parsing was
    left for later) `text`.
    """

    text_hash: str | None = None
    text: str | None = None
    story: ParsedStory | None = None
    parse_error: str | None = None
    error: str | None = None


def _failure(source, path, reason):
    return ImportResult(
        source=source,
        path=path,
        status=ImportStatus.FAILED,
        error=f"{display_path(path)}: {reason}",
    )


def read_seed_file(*, path, source_name=None, parse_unchanged=False, run):
    """
    Read the wire file at `path` and look its bytes up in `run`.

    Returns a PendingFile to analyse and finish, or the final ImportResult
    when the file cannot be read or its very bytes were imported already
    (and `parse_unchanged` is false).
    """
    path = os.fspath(path)
    source = source_name or os.path.basename(path)
    if len(source) > Article._meta.get_field("source_name").max_length:
        return _failure(source, path, "path too long to keep as the source name")
    try:
        data = read_file_bytes(path)
    except UnreadableFile as exc:
        return _failure(source, path, str(exc))
    bytes_hash = hashlib.sha256(data).hexdigest()

    # The cheap path: a file whose very bytes were imported is not decoded.
    known = run.known_bytes(source, bytes_hash)
    if known.bytes_hash == bytes_hash:
        known = dataclasses.replace(known, holder=source)
    if known.holder is not None and not parse_unchanged:
        return _skipped(source, path, known)
    return PendingFile(
        source=source, path=path, data=data, bytes_hash=bytes_hash, known=known
    )


def analyse_wire_bytes(data, *, parse=True):
    """
    Decode, hash and (with `parse`) parse one file's bytes; a WireAnalysis.

    Touches no database and no Django setting, so it can run in a worker
    process; never raises for a bad file.
    """
    try:
        text = decode_file_bytes(data)
    except UnreadableFile as exc:
        return WireAnalysis(error=str(exc))
    text_hash = parsing.content_hash(text)
    if not parse:
        return WireAnalysis(text_hash=text_hash, text=text)
    story = _parse(text)
    if isinstance(story, str):
        return WireAnalysis(text_hash=text_hash, parse_error=story)
    return WireAnalysis(text_hash=text_hash, story=story)


def analyse_wire_batch(items):
    """`analyse_wire_bytes` over a list of byte strings, for a worker process."""
    return [analyse_wire_bytes(data) for data in items]


def _story_of(analysis):
    """The analysis's story, parsing it now if that was left for later; or
    the reason it could not be parsed."""
    if analysis.story is not None:
        return analysis.story
    if analysis.parse_error is not None:
        return analysis.parse_error
    return _parse(analysis.text)


def _skipped(source, path, known, story=None):
    unchanged = known.holder is None or known.holder == source
    return ImportResult(
        source=source,
        path=path,
        status=ImportStatus.UNCHANGED if unchanged else ImportStatus.DUPLICATE,
        story=story,
        warnings=story.warnings if story else (),
        duplicate_of=None if unchanged else known.holder,
    )


def finish_seed_file(
    *, pending, analysis, draft=False, dry_run=False, parse_unchanged=False, run
):
    """
    Save a PendingFile given its WireAnalysis; returns an ImportResult and
    never raises for a bad file or a failed save.
    """
    source, path, known = pending.source, pending.path, pending.known

    def skipped(known, parse):
        if not parse:
            return _skipped(source, path, known)
        story = _story_of(analysis)
        if isinstance(story, str):
            return _failure(source, path, story)
        return _skipped(source, path, known, story)

    if analysis.error is not None:
        return _failure(source, path, analysis.error)
    if known.holder is not None:
        return skipped(known, parse=True)
    text_hash = analysis.text_hash
    known = run.known_text(source, text_hash)
    if known.text_hash == text_hash:
        known = dataclasses.replace(known, holder=source)
    if known.holder is not None:
        return skipped(known, parse=parse_unchanged)

    story = _story_of(analysis)
    if isinstance(story, str):
        return _failure(source, path, story)
    return _import_parsed(
        story=story,
        source=source,
        path=path,
        text_hash=text_hash,
        bytes_hash=pending.bytes_hash,
        known=known,
        draft=draft,
        dry_run=dry_run,
        run=run,
    )


def _parse(text):
    """The parsed story, or the reason it could not be parsed."""
    try:
        return parsing.parse_wire_story(text)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a run
        logger.debug("cannot parse", exc_info=True)
        return f"cannot parse: {_one_line(exc)}"


def import_story(
    *, story, source_name, source_hash, draft=False, dry_run=False, run=None
):
    """
    Import a story already parsed, as if from the file `source_name` whose
    normalised text hashes to `source_hash`; returns an ImportResult.

    The part of `import_seed_file` after reading and parsing; also for
    stories that come from somewhere other than a file.
    """
    run = run or ImportRun()
    known = run.known_text(source_name, source_hash)
    if known.text_hash == source_hash or known.holder not in (None, source_name):
        unchanged = known.text_hash == source_hash
        return ImportResult(
            source=source_name,
            path=source_name,
            status=ImportStatus.UNCHANGED if unchanged else ImportStatus.DUPLICATE,
            story=story,
            warnings=story.warnings,
            duplicate_of=None if unchanged else known.holder,
        )
    return _import_parsed(
        story=story,
        source=source_name,
        path=source_name,
        text_hash=source_hash,
        bytes_hash="",
        known=known,
        draft=draft,
        dry_run=dry_run,
        run=run,
    )


def _import_parsed(
    *, story, source, path, text_hash, bytes_hash, known, draft, dry_run, run
):
    def result(status, warnings=(), error=None, article_id=None, duplicate_of=None):
        return ImportResult(
            source=source,
            path=path,
            status=status,
            story=story,
            warnings=(*story.warnings, *warnings),
            error=error,
            article_id=article_id,
            duplicate_of=duplicate_of,
        )

    if not any(p.strip() for p in story.paragraphs):
        return result(ImportStatus.FAILED, error=f"{display_path(path)}: no story text found")
    for attempt in range(RACE_RETRIES + 1):
        try:
            status, article_id, warnings = _save_story(
                story=story,
                source=source,
                text_hash=text_hash,
                bytes_hash=bytes_hash,
                known=known,
                draft=draft,
                dry_run=dry_run,
                run=run,
            )
        except (IntegrityError, OperationalError) as exc:
            run.abandon_document()
            if attempt == RACE_RETRIES:
                logger.debug("cannot save %s", path, exc_info=True)
                reason = f"not saved: {_one_line(exc)}"
                return result(ImportStatus.FAILED, error=f"{display_path(path)}: {reason}")
            # Most likely another import saved the same file, credit or
            # slug meanwhile: look again, in the database this time.
            run.forget()
            known = run.known_text(source, text_hash)
            if known.text_hash == text_hash:
                return result(ImportStatus.UNCHANGED)
            if known.holder not in (None, source):
                return result(ImportStatus.DUPLICATE, duplicate_of=known.holder)
        except DatabaseError as exc:
            run.abandon_document()
            logger.debug("cannot save %s", path, exc_info=True)
            reason = f"not saved: {_one_line(exc)}"
            return result(ImportStatus.FAILED, error=f"{display_path(path)}: {reason}")
        else:
            run.commit_document()
            if status in (ImportStatus.CREATED, ImportStatus.UPDATED) and not dry_run:
                run.remember_source(source, text_hash, bytes_hash, old=known)
            return result(status, warnings, article_id=article_id)


def _fit(value, model, field_name, label, warnings):
    """`value` cut to the column's length, with a warning when it was cut."""
    value = value or ""
    limit = model._meta.get_field(field_name).max_length
    if len(value) <= limit:
        return value
    warnings.append(f"{label} longer than {limit} characters: shortened")
    return value[: limit - 1].rstrip() + "…"


def _article_slug(headline, source, run):
    """
    A free slug for a new article.

    The headline's slug when free, else the headline's slug plus a digest
    of the source name: the same file always asks for the same slug, so
    the slug does not depend on the order files are imported in.
    """
    base = slugify(headline)[:100].rstrip("-") or "article"
    fallback = f"{base}-{_short_digest(source)}"
    taken = run.taken_slugs([base, fallback])
    for slug in (base, fallback):
        if slug not in taken:
            return slug
    n = 2
    while run.taken_slugs([f"{fallback}-{n}"]):
        n += 1
    return f"{fallback}-{n}"


def _story_fields(story, draft, warnings):
    """The Article fields that come from the story, and its status."""
    published_at = publication_time(story.date)
    if published_at is None:
        warnings.append("no date: imported as a draft")
        status = Article.Status.DRAFT
    elif draft:
        status = Article.Status.DRAFT
    else:
        # Wire copy is publishable as it comes. A provisional headline is
        # marked for editors, and the admin asks for a real one at their
        # next save of the story (Article.clean()).
        status = Article.Status.PUBLISHED
    if story.headline_provisional:
        warnings.append("provisional headline derived from the lede")
    return {
        "headline": _fit(story.headline, Article, "headline", "headline", warnings)
        or "(untitled)",
        "headline_is_provisional": story.headline_provisional,
        "status": status,
        "published_at": published_at,
        "dateline": _fit(story.dateline, Article, "dateline", "dateline", warnings),
        "byline": _fit(story.byline, Article, "byline", "byline", warnings),
        "body": "\n\n".join(story.paragraphs),
    }


def _credit_rows(story, run, dry_run):
    """Credit per (name, kind) for every photo, created in key order."""
    wanted = {}
    for photo in story.photos:
        for name, kind in (
            (photo.photographer, Credit.Kind.PERSON),
            (photo.agency, Credit.Kind.ORGANISATION),
            (photo.distributor, Credit.Kind.ORGANISATION),
        ):
            if name and is_credit_name(name):
                wanted.setdefault((name, kind), credit_key(name))
    credits = {}
    # One order for every import keeps two concurrent imports from each
    # holding a credit key the other waits for.
    for (name, kind), _key in sorted(wanted.items(), key=lambda item: item[1]):
        if len(name) > Credit._meta.get_field("name").max_length:
            continue
        credits[name, kind] = run.find_credit(name) if dry_run else run.credit(name, kind)
    return credits


def _build_photos(article, story, credits, kept, warnings):
    photos = []
    for position, parsed in enumerate(story.photos):
        def credit(name, kind):
            if not name:
                return None
            if len(name) > Credit._meta.get_field("name").max_length:
                warnings.append(f"photo {position + 1}: credit name too long: left out")
                return None
            return credits.get((name, kind))

        caption = parsed.caption or ""
        image, alt_text = kept.get((position, caption), ("", ""))
        photos.append(
            Photo(
                article=article,
                position=position,
                caption=caption,
                credit_line=_fit(parsed.credit_line, Photo, "credit_line", "credit line", warnings),
                credit_text=_fit(parsed.credit, Photo, "credit_text", "credit", warnings),
                photographer=credit(parsed.photographer, Credit.Kind.PERSON),
                agency=credit(parsed.agency, Credit.Kind.ORGANISATION),
                distributor=credit(parsed.distributor, Credit.Kind.ORGANISATION),
                is_file_photo=parsed.is_file_photo,
                image=image,
                alt_text=alt_text,
            )
        )
    return photos


def _build_quotes(article, story, warnings):
    quotes = []
    for parsed in story.quotes:
        if not parsed.text or not parsed.text.strip():
            warnings.append("an empty quote was left out")
            continue
        if parsed.text not in article.body:
            warnings.append(f"quote not found word for word in the body: {parsed.text[:40]!r}")
        quotes.append(
            Quote(
                article=article,
                position=len(quotes),
                text=parsed.text,
                speaker=_fit(parsed.speaker, Quote, "speaker", "speaker", warnings),
                speaker_resolved=_fit(
                    parsed.speaker_resolved, Quote, "speaker_resolved", "speaker", warnings
                ),
                verb=_fit(parsed.verb, Quote, "verb", "verb", warnings),
                paragraph=max(parsed.paragraph, 0),
            )
        )
    return quotes


@functools.cache
def _history_model(model):
    # Looked up once: every access to `Model.history` builds a manager class.
    return get_history_model_for_model(model)


@functools.cache
def _insert_fields(model):
    """The concrete fields of `model` an INSERT names: all but the key."""
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _insert_rows(model, rows, *, returning=False):
    """
    INSERT `rows` (lists of values in `_insert_fields(model)` order, ready
    for the database) into `model`'s table, as few statements as the
    database allows; with `returning`, the new keys in row order.

    What bulk_create sends, without building and compiling a model
    instance per row, which cost more than the rest of saving a document.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    fields = _insert_fields(model)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    pk_column = quote(model._meta.pk.column)
    batch = max(1, connection.ops.bulk_batch_size(fields, rows))
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            sql = (
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row_marks] * len(chunk))}"
            )
            if returning:
                # Rows come back in the order they were sent, as Django's
                # own bulk_create relies on (PostgreSQL, SQLite 3.35+).
                sql += f" RETURNING {pk_column}"
            cursor.execute(sql, [value for row in chunk for value in row])
            if returning:
                keys.extend(row[0] for row in cursor.fetchall())
    return keys


def _db_values(model, obj, connection):
    return [
        field.get_db_prep_save(getattr(obj, field.attname), connection)
        for field in _insert_fields(model)
    ]


def _add_history(objs, model, when, history_type="+"):
    """
    One history row per object ("+" created, "~" changed), in one query.

    What simple_history's bulk_create of history rows writes, without its
    cost: building a model instance and compiling every value through the
    ORM took more time than the rest of saving a document. The values still
    go through each field's own conversion for the database.
    """
    if not objs:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    history = _history_model(model)
    fields = _insert_fields(history)
    tracked = _tracked_names(history)
    extra = {
        "history_date": when,
        "history_type": history_type,
        "history_change_reason": None,
        "history_user_id": None,
    }
    rows = []
    for obj in objs:
        row = []
        for field in fields:
            name = field.attname
            value = getattr(obj, name) if name in tracked else extra.get(name)
            row.append(field.get_db_prep_save(value, connection))
        rows.append(row)
    _insert_rows(history, rows)


@functools.cache
def _tracked_names(history):
    return frozenset(field.attname for field in history.tracked_fields)


def bulk_create_with_history(objs, model, *, when):
    """
    Insert `objs` and their history rows: two queries.

    simple_history's helper of the same name, without its per-call lookup
    of the history manager; the primary keys come back from the insert
    (PostgreSQL, SQLite 3.35+), which the history rows need.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.features.can_return_rows_from_bulk_insert:
        created = model._default_manager.bulk_create(objs)
    else:
        keys = _insert_rows(
            model, [_db_values(model, obj, connection) for obj in objs], returning=True
        )
        for obj, key in zip(objs, keys, strict=True):
            obj.pk = key
            obj._state.adding = False
            obj._state.db = connection.alias
        created = objs
    _add_history(created, model, when)
    return created


def _edited_since_import(article):
    if article.edited_at is None:
        return False
    return article.imported_at is None or article.edited_at > article.imported_at


def _save_story(*, story, source, text_hash, bytes_hash, known, draft, dry_run, run):
    """Write one story in one transaction; returns (status, article id, warnings)."""
    warnings = []
    with transaction.atomic():
        article = None
        # With preloaded sources, a name they do not know is a new article;
        # a race with another import ends in IntegrityError and a retry.
        if known.text_hash is not None or not run.preload:
            article = Article.objects.select_for_update().filter(source_name=source).first()
        if article is not None and article.source_hash == text_hash:
            return ImportStatus.UNCHANGED, article.pk, warnings
        if article is not None and _edited_since_import(article):
            if not dry_run and not article.import_conflict:
                article.import_conflict = True
                article.save(update_fields=["import_conflict"])
            warnings.append("edited since its last import: the editor's version was kept")
            return ImportStatus.CONFLICT, article.pk, warnings

        fields = _story_fields(story, draft, warnings)
        credits = _credit_rows(story, run, dry_run)
        if dry_run:
            probe = Article(body=fields["body"])
            _build_photos(probe, story, credits, {}, warnings)
            _build_quotes(probe, story, warnings)
            if article is None:
                return ImportStatus.CREATED, None, warnings
            return ImportStatus.UPDATED, article.pk, warnings

        now = timezone.now()
        if article is None:
            status = ImportStatus.CREATED
            article = Article(
                slug=_article_slug(fields["headline"], source, run),
                source_name=source,
                **fields,
            )
            run.claim_slug(article.slug)
            kept = {}
        else:
            status = ImportStatus.UPDATED
            for name, value in fields.items():
                setattr(article, name, value)
            # An image an editor attached stays with its photo as long as
            # the photo keeps its place and its caption.
            kept = {
                (photo.position, photo.caption): (photo.image.name, photo.alt_text)
                for photo in article.photos.all()
                if photo.image or photo.alt_text
            }
            article.photos.all().delete()
            article.quotes.all().delete()
        article.source_hash = text_hash
        article.source_bytes_hash = bytes_hash
        article.imported_at = now
        article.import_conflict = False
        # save() for its signals (readers' caches), but the history row
        # is written here, without simple_history's per-save overhead.
        article.skip_history_when_saving = True
        try:
            article.save()
        finally:
            del article.skip_history_when_saving
        _add_history([article], Article, now, "+" if status == ImportStatus.CREATED else "~")

        photos = _build_photos(article, story, credits, kept, warnings)
        if photos:
            bulk_create_with_history(photos, Photo, when=now)
        quotes = _build_quotes(article, story, warnings)
        if quotes:
            bulk_create_with_history(quotes, Quote, when=now)
    return status, article.pk, warnings
