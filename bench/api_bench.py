"""Measure the readers' API under gunicorn against a bare-WSGI floor."""
import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "bench"
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BENCH_DIR))

import serving  # noqa: E402
from import_bench import OUT_DIR, FreshDatabase, machine_state  # noqa: E402

LIST_PATH = "/api/articles/"
# The switch for the API's response cache (see newsroom/settings.py).
CACHE_ENV = "NEWSROOM_API_CACHE"
# The readers' rate limit would answer a benchmark with 429s; lift it.
THROTTLE_ENV = {"NEWSROOM_API_ANON_RATE": "1000000/second"}
ENDPOINTS = ["list", "filtered", "search", "deep", "detail"]
FLOOR_SHARE_TARGET = 0.5
GROWTH_TARGET = 1.5
SEARCH_P50_TARGET_MS = 50


def cache_switch():
    """The settings' own switch for the response cache, or None if it has none."""
    for path in [BASE_DIR / "newsroom" / "settings.py", *(BASE_DIR / "articles").glob("*.py")]:
        if CACHE_ENV in path.read_text():
            return CACHE_ENV
    return None


def cache_env(cache):
    """Environment that turns the API's response cache on or off."""
    switch = cache_switch()
    if switch:
        return {switch: "1" if cache == "on" else "0"}
    if cache == "on":
        return {}
    return {"DJANGO_SETTINGS_MODULE": "bench.nocache_settings"}


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-use")
    import django

    django.setup()


def fetch_json(port, path):
    status, body = serving.get(port, path)
    if status != 200:
        raise RuntimeError(f"GET {path} gave {status}: {body[:300]!r}")
    return json.loads(body)


def local_path(url):
    """The path and query of a `next` link, whatever host it names."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def follow_next(port, path, depth):
    """The URL `depth` pages after `path`, following `next` links; and the depth reached."""
    reached = 0
    while reached < depth:
        page = fetch_json(port, path)
        if not page.get("next"):
            break
        path = local_path(page["next"])
        reached += 1
    return path, reached


def endpoint_paths(port, depth, search_word, credit_slug, date_after):
    """The path measured for each endpoint, found by asking the server."""
    from urllib.parse import urlencode

    first = fetch_json(port, LIST_PATH)
    results = first["results"]
    slug = results[len(results) // 2]["slug"]
    deep, reached = follow_next(port, LIST_PATH, depth)
    filtered = f"{LIST_PATH}?{urlencode({'date_after': date_after, 'credit': credit_slug})}"
    return {
        "list": LIST_PATH,
        "filtered": filtered,
        "search": f"{LIST_PATH}?{urlencode({'q': search_word})}",
        "deep": deep,
        "detail": f"{LIST_PATH}{slug}/",
    }, reached


def check_shape(app_json, floor_json, label):
    """Warn when the floor's JSON does not have the API's keys."""
    def keys(doc):
        if isinstance(doc, dict):
            return {k: keys(v) for k, v in doc.items()}
        if isinstance(doc, list) and doc:
            return [keys(doc[0])]
        return None

    if keys(app_json) != keys(floor_json):
        print(f"  warning: floor {label} JSON differs in shape from the API's")


def measure(port, path, args):
    # Warm both workers: connections, caches, the first-query costs.
    for _ in range(6):
        serving.get(port, path)
    if args.client == "wrk":
        return serving.wrk_load(f"http://{serving.HOST}:{port}{path}",
                                connections=args.connections, seconds=args.seconds)
    return serving.thread_load(port, [path], clients=args.connections, seconds=args.seconds)


def bench_size(size, db, args, workdir):
    from seed_api_data import SEARCH_WORD, seed_articles

    from articles.models import Article, Credit

    started = time.perf_counter()
    count = seed_articles(size, seed=args.seed)
    seed_s = time.perf_counter() - started
    credit = Credit.objects.filter(kind=Credit.Kind.PERSON).order_by("slug").first()
    # Half the articles fall after this date.
    middle = Article.objects.order_by("-published_at").values_list(
        "published_at", flat=True)[count // 2]
    from django.db import connections

    connections.close_all()

    result = {"size": size, "articles": count, "seed_s": seed_s,
              "machine_before": machine_state(), "app": {}, "floor": {}}
    log = OUT_DIR / f"gunicorn-{db.kind}-{size}.log"
    for cache in args.cache:
        env = serving.server_env(db.url, **cache_env(cache), **THROTTLE_ENV)
        with serving.Gunicorn("newsroom.wsgi:application", env, log_path=log) as srv:
            paths, reached = endpoint_paths(srv.port, args.depth, SEARCH_WORD, credit.slug,
                                            middle.date().isoformat())
            result["depth"] = reached
            result["paths"] = paths
            samples = {name: fetch_json(srv.port, path) for name, path in paths.items()}
            figures = {}
            for name in ENDPOINTS:
                figures[name] = measure(srv.port, paths[name], args)
                print(f"  app cache {cache:3} {name:9} {fmt(figures[name])}", flush=True)
            result["app"][cache] = figures

    env = serving.server_env(db.url)
    with serving.Gunicorn("floor_wsgi:application", env, chdir=BENCH_DIR,
                          log_path=OUT_DIR / f"floor-{db.kind}-{size}.log") as srv:
        paths, _ = endpoint_paths(srv.port, args.depth, SEARCH_WORD, credit.slug,
                                  middle.date().isoformat())
        for name, path in paths.items():
            check_shape(samples[name], fetch_json(srv.port, path), name)
        figures = {}
        for name in ENDPOINTS:
            figures[name] = measure(srv.port, paths[name], args)
            print(f"  floor          {name:9} {fmt(figures[name])}", flush=True)
        result["floor"] = figures
    result["machine_after"] = machine_state()
    return result


def fmt(f):
    return (f"{f['rps']:7.0f} req/s  p50 {f['p50_ms']:7.1f} ms  p99 {f['p99_ms']:7.1f} ms"
            f"  ({f['requests']} requests, {f['errors']} errors)")


def verdict(ok):
    return "met" if ok else "NOT met"


def print_summary(kind, results):
    print(f"\n== Summary, {kind}")
    for r in results:
        print(f"\n{r['articles']:,} articles (seeded in {r['seed_s']:.0f} s; load "
              f"{r['machine_before']['load1']} -> {r['machine_after']['load1']}, "
              f"{r['machine_before']['cpus']} CPUs; deep page = {r['depth']} pages in)")
        print(f"  {'endpoint':9} {'cache':5} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
              f"{'floor':>7} {'ratio':>6}")
        for name in ENDPOINTS:
            floor = r["floor"][name]
            for cache, figures in r["app"].items():
                f = figures[name]
                ratio = f["rps"] / floor["rps"] if floor["rps"] else float("nan")
                note = ""
                if name in ("list", "detail") and cache == "on":
                    note = (f"  target ratio >= {FLOOR_SHARE_TARGET}: "
                            f"{verdict(ratio >= FLOOR_SHARE_TARGET)}")
                if name == "search" and kind == "postgres" and r is results[-1]:
                    note += (f"  search p50 <= {SEARCH_P50_TARGET_MS} ms: "
                             f"{verdict(not f['errors'] and f['p50_ms'] <= SEARCH_P50_TARGET_MS)}")
                if f["errors"]:
                    note += f"  {f['errors']} of {f['requests']} requests failed"
                print(f"  {name:9} {cache:5} {f['rps']:7.0f} {f['p50_ms']:7.1f} "
                      f"{f['p99_ms']:7.1f} {floor['rps']:7.0f} {ratio:6.2f}{note}")
    if len(results) > 1:
        small, large = results[0], results[-1]
        print(f"\n  p50 growth {small['articles']:,} -> {large['articles']:,} articles "
              f"(target <= {GROWTH_TARGET}x):")
        for cache in large["app"]:
            for name in ENDPOINTS:
                a = small["app"][cache][name]["p50_ms"]
                b = large["app"][cache][name]["p50_ms"]
                failed = (small["app"][cache][name]["errors"]
                          or large["app"][cache][name]["errors"] or not a or not b)
                growth = b / a if a else float("nan")
                print(f"    cache {cache:3} {name:9} {a:7.1f} -> {b:7.1f} ms = {growth:5.2f}x"
                      f"  {verdict(not failed and growth <= GROWTH_TARGET)}"
                      f"{'  (requests failed)' if failed else ''}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,100000",
                        help="comma-separated article counts, ascending (default 1000,100000)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=10, help="per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=4,
                        help="concurrent connections (default 4)")
    parser.add_argument("--depth", type=int, default=40,
                        help="pages to follow for the deep cursor page (default 40)")
    parser.add_argument("--cache", default="on,off", help="on, off or on,off (default)")
    parser.add_argument("--client", choices=["wrk", "threads"],
                        default="wrk" if serving.wrk_available() else "threads",
                        help="load generator (default wrk when installed)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    args.cache = [c.strip() for c in args.cache.split(",") if c.strip()]

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="newsroom-api-bench-") as workdir:
        db = FreshDatabase(args.database, workdir, "api").create()
        setup_django(db.url)
        try:
            for size in sizes:
                print(f"\n{args.database}, {size:,} articles, client {args.client}, "
                      f"{args.connections} connections, {args.seconds} s per run", flush=True)
                results.append(bench_size(size, db, args, workdir))
        finally:
            from django.db import connections

            connections.close_all()
            db.drop()
    print_summary(args.database, results)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M")
    out = OUT_DIR / f"api-{args.database}-{stamp}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\nresults written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
