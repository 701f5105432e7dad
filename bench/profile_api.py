"""
Profile the readers' API in-process with pyinstrument: where a request's time goes.

pyinstrument is not a project dependency: `pip install pyinstrument` first.
"""
import argparse
import collections
import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from import_bench import FreshDatabase  # noqa: E402


def inclusive_times(frame, totals, seen=()):
    """Time per file:function, each counted once per call stack (no recursion double-count)."""
    key = f"{_short(frame.file_path)}:{frame.function}"
    if key not in seen:
        totals[key] += frame.time
        seen = (*seen, key)
    for child in frame.children:
        inclusive_times(child, totals, seen)


def self_times(frame, totals, parent_key=None):
    """Time spent in each file:function itself, callees excluded."""
    key = f"{_short(frame.file_path)}:{frame.function}"
    if not frame.file_path and parent_key:
        # pyinstrument's synthetic "[self]" frames hold their parent's own time.
        key = parent_key
    own = frame.time - sum(child.time for child in frame.children)
    totals[key] += own
    for child in frame.children:
        self_times(child, totals, key)


def _short(path):
    path = str(path or "")
    for marker in ("site-packages/", str(BASE_DIR) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cache", choices=["on", "off"], default="off",
                        help="the response cache (default off: what a miss costs)")
    parser.add_argument("--requests", type=int, default=50, help="per endpoint (default 50)")
    parser.add_argument("--top", type=int, default=12, help="functions to list per endpoint")
    parser.add_argument("--tree", action="store_true", help="also print pyinstrument's call tree")
    args = parser.parse_args(argv)

    try:
        from pyinstrument import Profiler
    except ImportError:
        parser.error("pyinstrument is not installed: pip install pyinstrument")

    with tempfile.TemporaryDirectory(prefix="newsroom-profile-") as workdir:
        db = FreshDatabase(args.database, workdir, "profile").create()
        import api_bench

        for name, value in api_bench.cache_env(args.cache).items():
            os.environ[name] = value
        os.environ.update(api_bench.THROTTLE_ENV)
        os.environ.update(DJANGO_ALLOWED_HOSTS="127.0.0.1", DJANGO_SECURE_SSL_REDIRECT="0",
                          DJANGO_LOG_LEVEL="WARNING")
        try:
            api_bench.setup_django(db.url)
            from django.test import Client

            from articles.models import Credit
            from seed_api_data import SEARCH_WORD, seed_articles

            seed_articles(args.articles)
            client = Client(HTTP_HOST="127.0.0.1")
            first = client.get(api_bench.LIST_PATH).json()
            slug = first["results"][len(first["results"]) // 2]["slug"]
            credit = Credit.objects.filter(kind="person").order_by("slug").first().slug
            paths = {
                "list": api_bench.LIST_PATH,
                "filtered": f"{api_bench.LIST_PATH}?date_after=2024-01-01&credit={credit}",
                "search": f"{api_bench.LIST_PATH}?q={SEARCH_WORD}",
                "detail": f"{api_bench.LIST_PATH}{slug}/",
            }
            for name, path in paths.items():
                client.get(path)  # warm: imports, connection, first-query costs
                profiler = Profiler(interval=0.0005)
                profiler.start()
                for _ in range(args.requests):
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code)
                profiler.stop()
                root = profiler.last_session.root_frame()
                totals, own = collections.Counter(), collections.Counter()
                inclusive_times(root, totals)
                self_times(root, own)
                total = root.time
                print(f"\n== {name} {path}: {1000 * total / args.requests:.1f} ms per request "
                      f"({args.database}, {args.articles:,} articles, cache {args.cache})")
                print("  project code, share of request time including callees:")
                project = [(k, v) for k, v in totals.most_common()
                           if k.startswith(("articles/", "newsroom/"))]
                for key, seconds in project[: args.top]:
                    print(f"    {100 * seconds / total:5.1f}%  {key}")
                print("  where the time is spent (own time, any code):")
                for key, seconds in own.most_common(args.top):
                    print(f"    {100 * seconds / total:5.1f}%  {key}")
                if args.tree:
                    print(profiler.output_text(unicode=True, color=False))
        finally:
            from django.db import connections

            connections.close_all()
            db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
