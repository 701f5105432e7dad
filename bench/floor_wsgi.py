"""
A bare WSGI app serving the readers' article list and detail with the plain driver.

The floor of the API benchmark: the same rows, the same JSON shape, no
framework. It reads DATABASE_URL (SQLite or PostgreSQL) and serves
`/api/articles/` (with `date_after`, `credit`, `q` and a keyset `cursor`)
and `/api/articles/<slug>/`. For benchmarks only; never deployed.
"""
import base64
import datetime
import json
import os
import re
import threading
import urllib.parse

PAGE_SIZE = 20
EXCERPT_CHARS = 280
SEARCH_VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(a.headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(a.body, '')), 'B')"
)

_local = threading.local()


class Database:
    """One connection per worker; `?` placeholders on both drivers."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.vendor = "sqlite" if parts.scheme == "sqlite" else "postgresql"
        if self.vendor == "sqlite":
            import sqlite3

            self.conn = sqlite3.connect(parts.path[1:] if parts.path.startswith("//")
                                        else parts.path, check_same_thread=False)
        else:
            import psycopg

            self.conn = psycopg.connect(url, autocommit=True)

    def rows(self, sql, params=()):
        if self.vendor == "postgresql":
            sql = sql.replace("?", "%s")
        cur = self.conn.execute(sql, params)
        return cur.fetchall()

    def now(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        if self.vendor == "sqlite":
            return now.replace(tzinfo=None).isoformat(" ")
        return now

    def when(self, value):
        """A timestamp column's value as DRF prints it."""
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.timezone.utc)
        value = value.astimezone(datetime.timezone.utc)
        return value.isoformat().replace("+00:00", "Z")

    def param(self, value):
        if self.vendor == "sqlite" and isinstance(value, datetime.datetime):
            return value.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(" ")
        return value


def db():
    if getattr(_local, "db", None) is None:
        _local.db = Database(os.environ["DATABASE_URL"])
    return _local.db


PUBLISHED = (
    "a.status = 'published' AND a.published_at <= ? "
    "AND (a.embargo_until IS NULL OR a.embargo_until <= ?)"
)
ARTICLE_COLUMNS = "a.id, a.slug, a.headline, a.published_at, a.updated_at, " \
    "a.dateline, a.byline, a.body"
PHOTO_SQL = """
SELECT p.article_id, p.caption, p.credit_line, p.is_file_photo, p.alt_text,
       ph.name, ph.slug, ph.kind, ag.name, ag.slug, ag.kind, di.name, di.slug, di.kind
FROM articles_photo p
LEFT JOIN articles_credit ph ON ph.id = p.photographer_id
LEFT JOIN articles_credit ag ON ag.id = p.agency_id
LEFT JOIN articles_credit di ON di.id = p.distributor_id
WHERE p.article_id IN ({marks})
ORDER BY p.article_id, p.position
"""


def credit_ref(name, slug, kind):
    return None if name is None else {"name": name, "slug": slug, "kind": kind}


def photos_by_article(database, ids):
    found = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" * len(ids))
    for row in database.rows(PHOTO_SQL.format(marks=marks), list(ids)):
        found[row[0]].append({
            "caption": row[1],
            "credit_line": row[2],
            "photographer": credit_ref(*row[5:8]),
            "agency": credit_ref(*row[8:11]),
            "distributor": credit_ref(*row[11:14]),
            "is_file_photo": bool(row[3]),
            "alt_text": row[4],
            "image": None,
        })
    return found


def paragraphs(body):
    return [p for p in body.split("\n\n") if p.strip()]


def excerpt(body):
    parts = paragraphs(body)
    lede = " ".join(parts[0].split()) if parts else ""
    if len(lede) <= EXCERPT_CHARS:
        return lede
    return lede[: EXCERPT_CHARS - 1] + "…"


def encode_cursor(published_at, article_id):
    raw = f"{published_at}|{article_id}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(token):
    raw = base64.urlsafe_b64decode(token.encode()).decode()
    published_at, article_id = raw.rsplit("|", 1)
    return published_at, int(article_id)


def article_list(environ, database, base):
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    now = database.now()
    where, params = [PUBLISHED], [now, now]
    if "date_after" in query:
        day = datetime.date.fromisoformat(query["date_after"][0])
        where.append("a.published_at >= ?")
        params.append(database.param(datetime.datetime.combine(
            day, datetime.time(), datetime.timezone.utc)))
    if "credit" in query:
        where.append(
            "EXISTS (SELECT 1 FROM articles_photo p JOIN articles_credit c "
            "ON c.id IN (p.photographer_id, p.agency_id, p.distributor_id) "
            "WHERE p.article_id = a.id AND c.slug = ?)"
        )
        params.append(query["credit"][0])
    # A search is ranked, as the API ranks it: the headline above the body.
    order, rank_params = "a.published_at DESC, a.id DESC", []
    if "q" in query:
        text = query["q"][0]
        if database.vendor == "postgresql":
            tsquery = "websearch_to_tsquery('english', ?)"
            where.append(f"({SEARCH_VECTOR}) @@ {tsquery}")
            params.append(text)
            order = f"ts_rank({SEARCH_VECTOR}, {tsquery}) DESC, {order}"
            rank_params = [text]
        else:
            for word in re.findall(r"\w+", text):
                where.append("(a.headline LIKE ? OR a.body LIKE ?)")
                params += [f"%{word}%"] * 2
                order = f"(a.headline LIKE ?) DESC, {order}"
                rank_params.append(f"%{word}%")
    if "cursor" in query:
        published_at, article_id = decode_cursor(query["cursor"][0])
        where.append("(a.published_at < ? OR (a.published_at = ? AND a.id < ?))")
        params += [published_at, published_at, article_id]
    rows = database.rows(
        f"SELECT {ARTICLE_COLUMNS} FROM articles_article a WHERE {' AND '.join(where)} "
        f"ORDER BY {order} LIMIT {PAGE_SIZE + 1}",
        params + rank_params,
    )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    photos = photos_by_article(database, [r[0] for r in rows])
    results = []
    for r in rows:
        article_photos = photos[r[0]]
        results.append({
            "slug": r[1],
            "headline": r[2],
            "published_at": database.when(r[3]),
            "updated_at": database.when(r[4]),
            "dateline": r[5],
            "byline": r[6],
            "excerpt": excerpt(r[7]),
            "photo_count": len(article_photos),
            "first_photo": article_photos[0] if article_photos else None,
            "url": f"{base}/api/articles/{r[1]}/",
        })
    next_url = None
    if more and "q" not in query:
        last = rows[-1]
        position = last[3] if isinstance(last[3], str) else last[3].isoformat()
        others = {k: v[0] for k, v in query.items() if k != "cursor"}
        others["cursor"] = encode_cursor(position, last[0])
        next_url = f"{base}/api/articles/?{urllib.parse.urlencode(others)}"
    return {"next": next_url, "previous": None, "results": results}


def article_detail(slug, database, base):
    now = database.now()
    rows = database.rows(
        f"SELECT {ARTICLE_COLUMNS} FROM articles_article a WHERE a.slug = ? AND {PUBLISHED}",
        [slug, now, now],
    )
    if not rows:
        return None
    r = rows[0]
    body = r[7]
    quotes = [
        {"text": q[0], "speaker": q[1], "speaker_resolved": q[2], "verb": q[3],
         "paragraph": q[4]}
        for q in database.rows(
            "SELECT text, speaker, speaker_resolved, verb, paragraph FROM articles_quote "
            "WHERE article_id = ? ORDER BY position", [r[0]])
        if q[0] in body  # only quotes still verbatim in the body, as the API
    ]
    corrections = [
        {"text": c[0], "created_at": database.when(c[1])}
        for c in database.rows(
            "SELECT text, created_at FROM articles_correction WHERE article_id = ? "
            "ORDER BY created_at", [r[0]])
    ]
    return {
        "slug": r[1],
        "headline": r[2],
        "published_at": database.when(r[3]),
        "updated_at": database.when(r[4]),
        "dateline": r[5],
        "byline": r[6],
        "paragraphs": paragraphs(body),
        "photos": photos_by_article(database, [r[0]])[r[0]],
        "quotes": quotes,
        "corrections": corrections,
        "url": f"{base}/api/articles/{r[1]}/",
    }


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    base = f"http://{environ.get('HTTP_HOST', '127.0.0.1')}"
    database = db()
    if path == "/api/articles/":
        payload = article_list(environ, database, base)
    elif path.startswith("/api/articles/") and path.endswith("/"):
        payload = article_detail(path[len("/api/articles/"):-1], database, base)
    else:
        payload = None
    if payload is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"detail": "Not found."}']
    body = json.dumps(payload, ensure_ascii=False).encode()
    start_response("200 OK", [("Content-Type", "application/json"),
                              ("Content-Length", str(len(body)))])
    return [body]
