"""Bounded load on loopback: concurrent clients on list, detail and search; counts errors."""
import argparse
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

import serving  # noqa: E402
from api_bench import LIST_PATH, THROTTLE_ENV, cache_env, fetch_json, setup_django  # noqa: E402,E501
from import_bench import OUT_DIR, FreshDatabase, machine_state  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--seconds", type=int, default=60, help="duration (default 60)")
    parser.add_argument("--articles", type=int, default=1000,
                        help="published articles to serve (default 1000)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--cache", choices=["on", "off"], default="on",
                        help="the API's response cache (default on)")
    args = parser.parse_args(argv)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsroom-load-") as workdir:
        db = FreshDatabase(args.database, workdir, "load").create()
        try:
            setup_django(db.url)
            from django.db import connections

            from seed_api_data import SEARCH_WORD, seed_articles

            seed_articles(args.articles)
            connections.close_all()
            env = serving.server_env(db.url, **cache_env(args.cache), **THROTTLE_ENV)
            log = OUT_DIR / f"load-gunicorn-{args.database}.log"
            with serving.Gunicorn("newsroom.wsgi:application", env, workers=args.workers,
                                  log_path=log) as srv:
                results = fetch_json(srv.port, LIST_PATH)["results"]
                slugs = [a["slug"] for a in results]
                # As many list and search requests as detail requests.
                paths = [LIST_PATH] * (len(slugs) // 2) + [f"{LIST_PATH}?q={SEARCH_WORD}"] * (
                    len(slugs) // 2) + [f"{LIST_PATH}{slug}/" for slug in slugs]
                before = machine_state()
                print(f"{args.clients} clients for {args.seconds} s on {srv.url(LIST_PATH)} "
                      f"({args.database}, {args.articles:,} articles, {args.workers} workers, "
                      f"cache {args.cache}, load {before['load1']})", flush=True)
                figures = serving.thread_load(srv.port, paths, clients=args.clients,
                                              seconds=args.seconds)
        finally:
            from django.db import connections

            connections.close_all()
            db.drop()
    print(f"requests made: {figures['requests']}")
    print(f"errors seen:   {figures['errors']}")
    for sample in figures["error_samples"]:
        print(f"  e.g. {sample}")
    print(f"req/s {figures['rps']:.0f}, p50 {figures['p50_ms']:.1f} ms, "
          f"p99 {figures['p99_ms']:.1f} ms (client and server share the machine)")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
