"""
Profile the wire-story parser with pyinstrument over a generated corpus.

pyinstrument is not a project dependency: `pip install pyinstrument` first.
"""
import argparse
import collections
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

from import_bench import OUT_DIR, setup_django  # noqa: E402
from make_corpus import write_corpus  # noqa: E402
from profile_api import inclusive_times, self_times  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=300, help="files to parse (default 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        parser.error("pyinstrument is not installed: pip install pyinstrument")

    setup_django()
    from articles import parsing
    from articles.importing import UnreadableFile, read_wire_file

    corpus = OUT_DIR / "corpus" / f"{args.documents}-seed{args.seed}"
    if not corpus.is_dir():
        write_corpus(args.documents, corpus, seed=args.seed)
    texts = []
    for path in sorted(corpus.iterdir()):
        try:
            texts.append(read_wire_file(path))
        except UnreadableFile:
            pass

    started = time.perf_counter()
    profiler = Profiler(interval=0.001)
    profiler.start()
    failed = 0
    for text in texts:
        try:
            parsing.parse_wire_story(text)
        except Exception:  # noqa: BLE001 - an unreadable document is part of the corpus
            failed += 1
    profiler.stop()
    seconds = time.perf_counter() - started
    root = profiler.last_session.root_frame()
    totals, own = collections.Counter(), collections.Counter()
    inclusive_times(root, totals)
    self_times(root, own)
    print(f"{len(texts)} documents ({failed} refused) in {seconds:.1f} s: "
          f"{1000 * seconds / len(texts):.1f} ms each, under the profiler")
    print("project code, share including callees:")
    for key, value in [(k, v) for k, v in totals.most_common() if k.startswith("articles/")][
            : args.top]:
        print(f"  {100 * value / root.time:5.1f}%  {key}")
    print("own time, any code:")
    for key, value in own.most_common(args.top):
        print(f"  {100 * value / root.time:5.1f}%  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
