"""Copy kinds on a real feed, for a person to audit: counts per kind and random examples of each.

    .venv/bin/python -m bench.kinds FILE [--examples 10] [--seed 1] [--kind earnings] [--chars 300] [--json OUT]

Parses every line with the real parser (``Item.kind`` is set there) and prints, per kind, the
count and ``--examples`` items drawn at random: uri, holder, slug, headline, subject key and
the opening of the body. Also times the classifier alone over the file (parse time is
dominated by normalising; the classifier should stay a small share of it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from bench.common import save_json
from bench.versions import read
from stream.wire import kinds


def audit(path: Path, examples: int = 10, seed: int = 1, only: str | None = None, chars: int = 300) -> dict:
    t0 = time.perf_counter()
    items = read(path)
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for item in items:
        kinds.subject_key(item.headline, kinds.copy_kind(item))
    classify_s = time.perf_counter() - t0
    counts = Counter(item.kind for item in items)
    rng = random.Random(seed)
    shown = {}
    for kind in kinds.KINDS:
        if only and kind != only:
            continue
        pool = [item for item in items if item.kind == kind]
        shown[kind] = [
            {"uri": i.uri, "holder": i.holder, "slug": i.slug, "headline": i.headline, "subject": i.subject,
             "body": " / ".join(i.paragraphs)[:chars]}
            for i in rng.sample(pool, min(examples, len(pool)))
        ]
    return {
        "file": path.name,
        "items": len(items),
        "counts": {k: counts[k] for k in kinds.KINDS},
        "parse_items_per_s": round(len(items) / parse_s),
        "classify_us_per_item": round(classify_s / max(1, len(items)) * 1e6, 1),
        "examples": shown,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kind", choices=kinds.KINDS, default=None, help="show examples of this kind only")
    parser.add_argument("--chars", type=int, default=300, help="body characters shown per example")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    results = []
    for path in args.files:
        result = audit(path, args.examples, args.seed, args.kind, args.chars)
        results.append(result)
        print(f"== {result['file']}: {result['items']} items, parse {result['parse_items_per_s']} items/s, "
              f"classifier {result['classify_us_per_item']} µs/item")
        for kind, n in result["counts"].items():
            print(f"  {kind:<14} {n:>6}  {n / max(1, result['items']):.1%}")
        for kind, rows in result["examples"].items():
            if rows:
                print(f"\n-- {kind}")
            for row in rows:
                print(f"  {row['uri']} [{row['holder']}] {row['slug']!r} | {row['headline']!r} | subject={row['subject']!r}")
                print(f"      {row['body']}")
    save_json(args.json, {"files": results})


if __name__ == "__main__":
    sys.exit(main())
