"""Version links on a real feed: are they the same story, and are the agency's versions found?

    .venv/bin/python -m bench.versions FILE [FILE ...] [--examples N] [--json OUT]

Replays the duplicate window (parser + :class:`DuplicateWindow`, no embeddings) over each
file in file order and reports:

* **links**: every near duplicate and version the window made, and the share of them that
  pass the desk's sanity check: the linked item has the same slug family, or the same
  headline once version markers are stripped (``Item.norm_headline``). Split by verdict, by
  tie and by copy kind; ``--examples`` prints some links that fail it.
* **later versions**: items the agency itself marks as a later version (writethru, update,
  corrected, refile, or a "CORRECTED -" headline) whose earlier version is in the file (an
  earlier item of the same agency that passes the check above), and the share the window
  linked to that family. Correction notices (kind ``advisory``: "please read ... in the
  item headlined ...") are notes about a story, not versions of it, and are left out. Counted over the whole file and over those whose
  earlier version is no older than ``dedup.window_hours`` (the window cannot reach further).

Exact duplicates are left out of the links: identical text needs no sanity check.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from bench.common import save_json
from stream.dedup import DuplicateWindow
from stream.settings import load as load_settings
from stream.wire.item import Item
from stream.wire.parse import parse

LATER = frozenset({"writethru", "update", "corrected", "refile"})


def read(path: Path) -> list[Item]:
    """Parsed items in file order (times carried forward as the replay does)."""
    opener = gzip.open if path.suffix == ".gz" else open
    items, prev = [], None
    with opener(path, "rb") as lines:
        for line in lines:
            item = parse(line, fallback_time=prev)
            if isinstance(item, Item):
                items.append(item)
                prev = item.time
    return items


CUT = 24  # wires cut long headlines and slugs; a cut one of at least this many characters counts


def same_story(a: Item, b: Item) -> bool:
    """The sanity check: same slug family, or same headline without version markers.

    A headline the wire cut short ("CORRECTED - MAJOR SWISS BANKS RAISE CUSTOMER TIME DEPOSIT
    RA") matches the whole one it starts: Reuters-21578 cuts headlines and slugs.
    """
    if a.slug_family and a.slug_family == b.slug_family:
        return True
    x, y = a.norm_headline, b.norm_headline
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return x == y or (len(short) >= CUT and long.startswith(short))


def measure(items: list[Item], window_hours: float | None = None, examples: int = 0) -> dict:
    cfg = load_settings().dedup
    if window_hours is not None:
        cfg = cfg.model_copy(update={"window_hours": window_hours})
    win = DuplicateWindow(cfg)
    verdicts = {}
    for item in items:
        verdicts[item.uri] = win.observe(item).verdict
    by_uri = {item.uri: item for item in items}
    kind_of = lambda item: getattr(item, "kind", "news")  # noqa: E731 (main has no kinds)

    links, failing = Counter(), []
    for item in items:
        v = verdicts[item.uri]
        if v.kind not in ("near", "version") or v.matched not in by_uri:
            continue
        other = by_uri[v.matched]
        ok = same_story(item, other)
        kind = kind_of(item) if kind_of(item) != "news" else kind_of(other)
        for key in ("all", f"verdict:{v.kind}", f"tie:{v.tie or '-'}", f"kind:{kind}"):
            links[key, ok] += 1
        if not ok:
            failing.append((item, other, v))

    later, missed = _later_versions(items, verdicts, cfg.window_hours * 3600.0)
    out = {
        "items": len(items),
        "links": _shares(links),
        "later_versions": later,
    }
    if examples:
        out["failing_examples"] = [
            {"uri": i.uri, "headline": i.headline, "slug": i.slug, "kind": kind_of(i), "verdict": v.kind,
             "tie": v.tie, "matched": o.uri, "matched_headline": o.headline, "matched_slug": o.slug}
            for i, o, v in random.Random(1).sample(failing, min(examples, len(failing)))
        ]
        out["unlinked_versions"] = [
            {"uri": i.uri, "headline": i.headline, "slug": i.slug, "kind": kind_of(i), "verdict": v.kind,
             "earlier": e.uri, "earlier_headline": e.headline, "earlier_slug": e.slug, "earlier_kind": kind_of(e)}
            for i, e, v in missed[:examples]
        ]
    return out


def _later_versions(items: list[Item], verdicts: dict, window_s: float) -> dict:
    """Agency-marked later versions with an earlier version in the file, and how many are linked."""
    seen: dict[tuple, list[Item]] = defaultdict(list)  # (agency, "slug"|"head", key) -> earlier items
    heads: dict[str, list[Item]] = defaultdict(list)  # agency -> items with long headlines (cut ones)
    root = {u: (v.dup_of or u) for u, v in verdicts.items()}
    tally = Counter()
    missed = []
    for item in items:
        agency = item.agency or item.holder
        keys = []
        if agency and item.slug_family:
            keys.append((agency, "slug", item.slug_family))
        if agency and item.norm_headline:
            keys.append((agency, "head", item.norm_headline))
        if item.version_signal in LATER and not item.is_kill and getattr(item, "kind", "news") != "advisory":
            earlier = [e for k in keys for e in seen.get(k, ()) if e.time <= item.time]
            earlier += [e for e in heads.get(agency, ()) if e.time <= item.time and same_story(item, e)
                        and e not in earlier] if agency and item.norm_headline else []
            earlier = [e for e in earlier if getattr(e, "kind", "news") != "advisory"]
            if earlier:
                v = verdicts[item.uri]
                family = {root[e.uri] for e in earlier}
                linked = v.dup_of is not None and (v.dup_of in family or v.matched in {e.uri for e in earlier})
                close = any(item.time - e.time <= window_s for e in earlier)
                if not linked and close:
                    missed.append((item, earlier[-1], v))
                for scope, counted in (("file", True), ("window", close)):
                    if counted:
                        tally[scope, "versions"] += 1
                        tally[scope, "linked"] += linked
                        tally[scope, "linked_any"] += v.dup_of is not None
        for k in keys:
            seen[k].append(item)
        if agency and len(item.norm_headline) >= CUT:
            heads[agency].append(item)
    return {
        scope: {
            "versions": tally[scope, "versions"],
            "linked": tally[scope, "linked"],
            "share_linked": round(tally[scope, "linked"] / tally[scope, "versions"], 3) if tally[scope, "versions"] else None,
            "linked_anywhere": tally[scope, "linked_any"],
        }
        for scope in ("file", "window")
    }, missed


def _shares(links: Counter) -> dict:
    keys = sorted({k for k, _ in links}, key=lambda k: (k != "all", k))
    out = {}
    for key in keys:
        passed, failed = links[key, True], links[key, False]
        out[key] = {"links": passed + failed, "pass": passed, "share_pass": round(passed / (passed + failed), 3)}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--examples", type=int, default=0, help="print N links that fail the check")
    parser.add_argument("--window-hours", type=float, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    results = {}
    for path in args.files:
        result = measure(read(path), args.window_hours, args.examples)
        results[path.name] = result
        print(f"== {path.name}: {result['items']} items")
        for key, row in result["links"].items():
            print(f"  links {key:<22} {row['links']:>6}  pass {row['share_pass']:.3f}")
        for scope, row in result["later_versions"].items():
            print(f"  later versions ({scope:<6}) {row['versions']:>5}  linked {row['linked']:>5}  "
                  f"share {row['share_linked']}  (linked to anything: {row['linked_anywhere']})")
        for ex in result.get("failing_examples", []):
            print(f"    FAIL {ex['verdict']}/{ex['tie']} [{ex['kind']}] {ex['headline'][:60]!r} ({ex['slug']})"
                  f"\n         -> {ex['matched_headline'][:60]!r} ({ex['matched_slug']})")
        for ex in result.get("unlinked_versions", []):
            print(f"    UNLINKED [{ex['kind']}] {ex['headline'][:60]!r} ({ex['slug']}) verdict {ex['verdict']}"
                  f"\n         earlier [{ex['earlier_kind']}] {ex['earlier_headline'][:60]!r} ({ex['earlier_slug']})")
    save_json(args.json, results)


if __name__ == "__main__":
    sys.exit(main())
