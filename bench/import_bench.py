"""Measure `import_seeds` (docs/s, peak memory) against a plain-driver floor."""
import argparse
import datetime
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from make_corpus import write_corpus  # noqa: E402

OUT_DIR = BASE_DIR / "bench" / "out"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_NAME = "newsroom_bench"

TARGETS = {
    "sqlite": {"first": 2000, "reimport": 20000},
    "postgres": {"first": 1000, "reimport": 20000},
}
FLOOR_SHARE_TARGET = 0.5
PEAK_MB_TARGET = 300


def bench_env(database_url, media_root):
    """The environment of the import subprocess: production settings, bench DB."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-use"),
        DJANGO_DEBUG="0",
        DJANGO_MEDIA_ROOT=str(media_root),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


class FreshDatabase:
    """A new, migrated database for one measurement: a temp file or newsroom_bench."""

    def __init__(self, kind, workdir, label):
        self.kind = kind
        if kind == "sqlite":
            self.path = Path(workdir) / f"{label}.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.url = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_NAME}"
        self.media_root = Path(workdir) / f"media-{label}"

    def create(self):
        if self.kind == "sqlite":
            self.path.unlink(missing_ok=True)
        else:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_NAME} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {PG_BENCH_NAME}")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
            cwd=BASE_DIR,
            env=bench_env(self.url, self.media_root),
            check=True,
        )
        return self

    def connect(self):
        if self.kind == "sqlite":
            import sqlite3

            return sqlite3.connect(self.path)
        import psycopg

        return psycopg.connect(self.url)

    def drop(self):
        if self.kind == "sqlite":
            self.path.unlink(missing_ok=True)
        else:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_NAME} WITH (FORCE)")


def count_rows(db, tables):
    conn = db.connect()
    try:
        return {
            name: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for name, table in tables.items()
        }
    finally:
        conn.close()


def peak_rss_mb(pid):
    """The process's own RSS high-water mark (VmHWM), in MB; None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_import(db, corpus, log_path):
    """
    Run `manage.py import_seeds CORPUS` once; return seconds, peak RSS MB, exit code.

    The peak is read from /proc while the process runs, not from
    getrusage: a child's ru_maxrss starts from its parent's RSS at the
    fork, and this process holds a parsed corpus.
    """
    with open(log_path, "w") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "import_seeds", str(corpus)],
            cwd=BASE_DIR,
            env=bench_env(db.url, db.media_root),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        peak = 0.0
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, peak_rss_mb(proc.pid) or 0.0)
            time.sleep(0.05)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, peak, proc.returncode


# -- The floor: the same rows, parsed beforehand, inserted with the plain driver.


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-use")
    import django

    django.setup()


def model_tables():
    from articles.models import Article, Credit, Photo, Quote

    return {
        "articles": Article._meta.db_table,
        "photos": Photo._meta.db_table,
        "quotes": Quote._meta.db_table,
        "credits": Credit._meta.db_table,
    }


def parse_corpus(corpus):
    """
    Parse every file as the import does; return (parsed stories, seconds).

    Files the import refuses (unreadable, duplicates, no text) are left out,
    so the floor inserts the same rows.
    """
    from articles import parsing
    from articles.importing import UnreadableFile, read_wire_file

    stories, seen = [], set()
    started = time.perf_counter()
    for path in sorted(corpus.iterdir()):
        try:
            text = read_wire_file(path)
        except UnreadableFile:
            continue
        digest = parsing.content_hash(text)
        if digest in seen:
            continue
        try:
            story = parsing.parse_wire_story(text)
        except Exception:  # noqa: BLE001 - an unreadable file is skipped, as in the import
            continue
        if not any(p.strip() for p in story.paragraphs):
            continue
        seen.add(digest)
        stories.append((path.name, digest, story))
    return stories, time.perf_counter() - started


def cached_parse(corpus):
    """parse_corpus, kept beside the corpus so another database's run reuses it."""
    cache = corpus.with_name(corpus.name + ".parsed.pickle")
    parser_files = sorted((BASE_DIR / "articles" / "parsing").glob("*.py"))
    stamp = max(p.stat().st_mtime for p in parser_files)
    if cache.exists() and cache.stat().st_mtime > stamp:
        with cache.open("rb") as handle:
            return pickle.load(handle)
    result = parse_corpus(corpus)
    with cache.open("wb") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return result


def startup_seconds(db):
    """What `manage.py` costs before it imports anything: Django's start."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "import_seeds", "--help"],
        cwd=BASE_DIR, env=bench_env(db.url, db.media_root),
        stdout=subprocess.DEVNULL, check=True,
    )
    return time.perf_counter() - started


class Rows:
    """Rows for every concrete column of a model, defaults filled from the model."""

    def __init__(self, model):
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.defaults = {}
        for f in self.fields:
            if f.has_default():
                value = f.get_default()
            elif f.null:
                value = None
            elif f.get_internal_type() in {"CharField", "TextField", "SlugField",
                                             "FileField", "ImageField"}:
                value = ""
            elif f.get_internal_type() == "BooleanField":
                value = False
            else:
                value = None
            self.defaults[f.attname] = value
        self.rows = []

    def add(self, **values):
        row = dict(self.defaults)
        row.update(values)
        self.rows.append(tuple(row[f.attname] for f in self.fields))


def build_rows(stories):
    """Rows for articles, photos, quotes and credits from parsed stories."""
    from django.utils.text import slugify

    from articles.importing import is_credit_name
    from articles.models import Article, Credit, Photo, Quote, credit_key

    now = datetime.datetime.now(datetime.timezone.utc)
    articles, photos, quotes, credits = Rows(Article), Rows(Photo), Rows(Quote), Rows(Credit)
    credit_ids, slugs = {}, set()

    def unique(text, taken, limit=100):
        base = slugify(text)[:limit].rstrip("-") or "item"
        slug, n = base, 2
        while slug in taken:
            slug = f"{base[: limit - len(str(n)) - 1]}-{n}"
            n += 1
        taken.add(slug)
        return slug

    credit_slugs = set()

    def credit(name, kind):
        if not is_credit_name(name):
            return None
        name = " ".join(name.split())
        key = credit_key(name)
        if key not in credit_ids:
            credit_ids[key] = len(credit_ids) + 1
            credits.add(id=credit_ids[key], name=name, key=key,
                        slug=unique(name, credit_slugs), kind=kind, created_at=now)
        return credit_ids[key]

    photo_id = quote_id = 0
    for article_id, (name, digest, story) in enumerate(stories, start=1):
        published = (
            datetime.datetime.combine(story.date, datetime.time(), datetime.timezone.utc)
            if story.date else None
        )
        articles.add(
            id=article_id, headline=story.headline[:300],
            headline_is_provisional=story.headline_provisional,
            slug=unique(story.headline, slugs),
            status="published" if published and not story.headline_provisional else "draft",
            published_at=published, dateline=(story.dateline or "")[:200],
            byline=(story.byline or "")[:300], body="\n\n".join(story.paragraphs),
            source_name=name, source_hash=digest, imported_at=now,
            created_at=now, updated_at=now,
        )
        for position, photo in enumerate(story.photos):
            photo_id += 1
            photos.add(
                id=photo_id, article_id=article_id, position=position,
                caption=photo.caption, credit_line=(photo.credit_line or "")[:300],
                credit_text=(photo.credit or "")[:200],
                photographer_id=credit(photo.photographer, "person"),
                agency_id=credit(photo.agency, "organisation"),
                distributor_id=credit(photo.distributor, "organisation"),
                is_file_photo=photo.is_file_photo,
            )
        for position, quote in enumerate(story.quotes):
            quote_id += 1
            quotes.add(
                id=quote_id, article_id=article_id, position=position, text=quote.text,
                speaker=(quote.speaker or "")[:200],
                speaker_resolved=(quote.speaker_resolved or "")[:200],
                verb=(quote.verb or "")[:100], paragraph=quote.paragraph,
            )
    # Credits first: photos refer to them.
    return [credits, articles, photos, quotes]


def sqlite_value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(" ")
    return value


def insert_floor(db, tables):
    """Insert the rows with the plain driver in one transaction; return seconds."""
    conn = db.connect()
    try:
        started = time.perf_counter()
        if db.kind == "sqlite":
            for rows in tables:
                marks = ", ".join("?" * len(rows.columns))
                conn.executemany(
                    f"INSERT INTO {rows.table} ({', '.join(rows.columns)}) VALUES ({marks})",
                    ([sqlite_value(v) for v in row] for row in rows.rows),
                )
            conn.commit()
        else:
            with conn.cursor() as cur:
                for rows in tables:
                    with cur.copy(
                        f"COPY {rows.table} ({', '.join(rows.columns)}) FROM STDIN"
                    ) as copy:
                        for row in rows.rows:
                            copy.write_row(row)
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('{rows.table}', 'id'), "
                        f"GREATEST((SELECT MAX(id) FROM {rows.table}), 1))"
                    )
            conn.commit()
        return time.perf_counter() - started
    finally:
        conn.close()


# -- Reporting


def machine_state():
    load1, load5, _ = os.getloadavg()
    return {
        "when": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "load1": round(load1, 2),
        "load5": round(load5, 2),
    }


def verdict(ok):
    return "met" if ok else "NOT met"


def bench_one(kind, size, corpus, workdir):
    tables = model_tables()
    result = {"database": kind, "documents": size, "machine_before": machine_state()}

    db = FreshDatabase(kind, workdir, "import").create()
    result["startup_s"] = startup_seconds(db)
    seconds, peak, code = run_import(db, corpus, OUT_DIR / f"import-{kind}-{size}.log")
    result.update(first_s=seconds, first_rate=size / seconds, first_peak_mb=peak,
                  first_exit=code, rows_import=count_rows(db, tables))
    seconds, peak, code = run_import(db, corpus, OUT_DIR / f"reimport-{kind}-{size}.log")
    result.update(reimport_s=seconds, reimport_rate=size / seconds, reimport_peak_mb=peak,
                  reimport_exit=code, rows_after_reimport=count_rows(db, tables))
    db.drop()

    stories, parse_s = cached_parse(corpus)
    rows = build_rows(stories)
    db = FreshDatabase(kind, workdir, "floor").create()
    floor_s = insert_floor(db, rows)
    result.update(parse_s=parse_s, parse_rate=size / parse_s, floor_s=floor_s,
                  floor_rate=size / floor_s, rows_floor=count_rows(db, tables))
    db.drop()
    del stories, rows

    result["share_of_floor"] = result["first_rate"] / result["floor_rate"]
    result["machine_after"] = machine_state()
    return result


def print_result(r):
    t = TARGETS[r["database"]]
    print(f"\n== {r['database']}, {r['documents']:,} documents "
          f"(load {r['machine_before']['load1']} -> {r['machine_after']['load1']}, "
          f"{r['machine_before']['cpus']} CPUs)")
    print(f"  first import : {r['first_rate']:8.0f} docs/s  ({r['first_s']:.1f} s, "
          f"peak RSS {r['first_peak_mb']:.0f} MB, exit {r['first_exit']})"
          f"   target >= {t['first']}: {verdict(r['first_rate'] >= t['first'])}")
    print(f"  re-import    : {r['reimport_rate']:8.0f} docs/s  ({r['reimport_s']:.1f} s, "
          f"peak RSS {r['reimport_peak_mb']:.0f} MB, exit {r['reimport_exit']})"
          f"   target >= {t['reimport']}: {verdict(r['reimport_rate'] >= t['reimport'])}")
    print(f"  start-up     : {r['startup_s']:8.1f} s    (manage.py before any file: part of "
          "both import times)")
    print(f"  parse only   : {r['parse_rate']:8.0f} docs/s  ({r['parse_s']:.1f} s, in-process, once per corpus, "
          "not part of the floor)")
    print(f"  floor insert : {r['floor_rate']:8.0f} docs/s  ({r['floor_s']:.1f} s, plain driver)")
    print(f"  import/floor : {r['share_of_floor']:8.2f}"
          f"   target >= {FLOOR_SHARE_TARGET}: "
          f"{verdict(r['share_of_floor'] >= FLOOR_SHARE_TARGET)}")
    peak = max(r["first_peak_mb"], r["reimport_peak_mb"])
    print(f"  peak memory  : {peak:8.0f} MB"
          f"   target <= {PEAK_MB_TARGET}: {verdict(peak <= PEAK_MB_TARGET)}")
    print(f"  rows import  : {r['rows_import']}")
    print(f"  rows re-imp. : {r['rows_after_reimport']}")
    print(f"  rows floor   : {r['rows_floor']}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated corpus sizes (default 10000,100000)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--corpus-root", type=Path, default=OUT_DIR / "corpus",
                        help="where generated corpora are kept and reused")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    setup_django()
    results = []
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as workdir:
        for size in sizes:
            corpus = args.corpus_root / f"{size}-seed{args.seed}"
            if not corpus.is_dir():
                print(f"writing corpus {corpus} ...", flush=True)
                stats = write_corpus(size, corpus, seed=args.seed)
                print(f"  {stats}", flush=True)
            for kind in kinds:
                print(f"measuring {kind}, {size:,} documents ...", flush=True)
                result = bench_one(kind, size, corpus, workdir)
                print_result(result)
                results.append(result)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M")
    out = OUT_DIR / f"import-{stamp}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
