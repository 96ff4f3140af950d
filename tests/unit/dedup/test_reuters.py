"""The duplicate window over Reuters-21578 (real re-sends, CORRECTED versions, exact duplicates).

The corpus has no duplicate labels; the ground truth here is what can be counted exactly: items
whose body (lower-cased, spaces collapsed) equals the body of an item issued at most
``window_hours`` earlier. Some of those are templates ("Qtly div 10 cts vs 10 cts prior / Pay
April 30") under different companies' headlines, which are *not* duplicates, so the bar is
"most", not "all".
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from stream.dedup import DuplicateWindow, fingerprint
from stream.settings import Dedup
from stream.wire.item import Item
from tests.helpers.dedup import norm

CFG = Dedup()
_CORRECTED = re.compile(r"^[(<]?CORRECTED[)>]?\s*-*\s*", re.I)


def load(path: Path) -> list[Item]:
    """A tiny stand-in for the parser: headline, blank-line paragraphs, slug minus "BC-"."""
    items, prev = [], 0.0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            when = raw.get("versioncreated")
            prev = datetime.fromisoformat(when.replace("Z", "+00:00")).timestamp() if when else prev
            headline = raw.get("headline") or ""
            paras = [p.strip() for p in (raw.get("body_text") or "").split("\n\n") if p.strip()]
            slug = re.sub(r"^BC-|[-*]+$", "", (raw.get("slugline") or "").upper().lstrip("*")) or None
            items.append(Item(
                uri=raw["uri"], time=prev, headline=headline, language="en",
                holder=raw.get("copyrightholder"), agency="Reuters", is_agency=True,
                slug=raw.get("slugline"), slug_family=slug,
                version_signal="corrected" if _CORRECTED.match(headline) else None,
                paragraphs=tuple(paras), norm_paragraphs=tuple(norm(p) for p in paras),
                norm_headline=norm(_CORRECTED.sub("", headline)), raw=raw,
            ))
    return items


@pytest.fixture(scope="module")
def reuters(shared_data) -> tuple[list[Item], dict]:
    items = load(shared_data / "reuters21578.jsonl.gz")
    win = DuplicateWindow(CFG)
    verdicts = {item.uri: win.observe(item).verdict for item in items}
    return items, verdicts


def body_duplicates(items: list[Item]) -> set[str]:
    """Uris whose body repeats one issued within the window before them (the ground truth)."""
    last_seen: dict[str, float] = {}
    dups = set()
    for item in items:
        body = norm(item.raw.get("body_text") or "")
        if not body:
            continue
        if body in last_seen and item.time - last_seen[body] <= CFG.window_hours * 3600:
            dups.add(item.uri)
        last_seen[body] = item.time
    return dups


def test_finds_most_exact_duplicate_bodies(reuters):
    items, verdicts = reuters
    truth = body_duplicates(items)
    assert 250 <= len(truth) <= 320  # "about 300 duplicate bodies", minus those days apart
    found = [u for u in truth if verdicts[u].dup_of is not None]
    assert len(found) >= 0.95 * len(truth)
    kinds = Counter(verdicts[u].kind for u in found)
    assert kinds["exact"] + kinds["near"] >= 0.9 * len(truth)


def test_with_the_real_parser(shared_data):
    """The same bar with ``stream.wire.parse`` instead of the stand-in loader."""
    parse = pytest.importorskip("stream.wire.parse").parse
    items, prev = [], None
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rb") as lines:
        for line in lines:
            item = parse(line, fallback_time=prev)
            if isinstance(item, Item):
                items.append(item)
                prev = item.time
    win = DuplicateWindow(CFG)
    verdicts = {item.uri: win.observe(item).verdict for item in items}
    truth = body_duplicates(items)
    found = [u for u in truth if verdicts[u].dup_of is not None]
    assert len(found) >= 0.95 * len(truth)


def test_exact_verdicts_are_identical_copy(reuters):
    items, verdicts = reuters
    text = {item.uri: item.text for item in items}
    exact = [v for v in verdicts.values() if v.kind == "exact"]
    assert len(exact) > 200
    assert all(text[v.uri] == text[v.matched] for v in exact)


def test_near_verdicts_really_share_most_shingles(reuters):
    items, verdicts = reuters
    text = {item.uri: item.text for item in items}
    near = [v for v in verdicts.values() if v.kind == "near"]
    assert len(near) > 100

    def true_jaccard(a: str, b: str) -> float:
        sa, sb = set(fingerprint.shingles(a)), set(fingerprint.shingles(b))
        return len(sa & sb) / len(sa | sb)

    close = [v for v in near if true_jaccard(text[v.uri], text[v.matched]) >= CFG.near_threshold - 0.15]
    assert len(close) >= 0.95 * len(near)


def test_corrected_items_are_versions_not_duplicates(reuters):
    items, verdicts = reuters
    corrected = [item for item in items if item.version_signal == "corrected"]
    assert len(corrected) == 47
    kinds = Counter(verdicts[item.uri].kind for item in corrected)
    # Most originals are not in the corpus; those that are make versions, never re-sends.
    assert kinds["version"] >= 10 and kinds["near"] == 0


def test_only_same_agency_versions_and_roots_are_canonical(reuters):
    items, verdicts = reuters
    uris = {item.uri for item in items}
    dups = [v for v in verdicts.values() if v.dup_of is not None]
    assert all(v.dup_of in uris and verdicts[v.dup_of].dup_of is None for v in dups)  # chains collapse
    assert all(v.dup_of != v.uri for v in dups)
