"""
Time the wire-story parser on the annotated test stories (no database).

Prints milliseconds per document, best of several passes, over
tests/data/devset and tests/data/regression: realistic, full-length copy.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from articles.parsing import decode_wire_bytes, parse_wire_story  # noqa: E402

FOLDERS = [BASE_DIR / "tests" / "data" / "devset", BASE_DIR / "tests" / "data" / "regression"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=5, help="passes over the stories (default 5)")
    args = parser.parse_args(argv)
    texts = [
        decode_wire_bytes(path.read_bytes())
        for folder in FOLDERS
        for path in sorted(folder.glob("*.txt"))
    ]
    timings = []
    for _ in range(args.passes):
        started = time.perf_counter()
        for text in texts:
            parse_wire_story(text)
        timings.append((time.perf_counter() - started) / len(texts))
    print(f"{len(texts)} documents, {args.passes} passes")
    print(f"  best   {min(timings) * 1000:.2f} ms per document")
    print(f"  median {statistics.median(timings) * 1000:.2f} ms per document")
    print(f"  that is {1 / min(timings):.0f} documents per second on one core, parsing only")


if __name__ == "__main__":
    main()
