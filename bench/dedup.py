"""Duplicate-window throughput and memory on Reuters-21578: copydesk's vectorised MinHash vs naive datasketch.

    .venv/bin/python -m bench.dedup [--limit N] [--runs 3] [--batch 256] [--json bench/out/dedup.json]

Both paths take the same texts (``Item.text``: normalised headline and paragraphs), the same
word shingles (``fingerprint.shingles``) and the same ``num_perm``, and feed a fresh
``MinHashLSH(threshold=lsh_threshold)`` with one ``query`` then one ``insert`` per item:

* **copydesk**: ``fingerprint.signatures`` over micro-batches of ``--batch`` items (all
  shingles hashed and permuted in numpy, "affine64" scheme), and ``fingerprint.signature`` one
  item at a time, each signature wrapped in a ``LeanMinHash`` for the LSH;
* **naive**: ``MinHash(num_perm)`` per item, ``update(shingle.encode())`` per shingle with
  datasketch's default SHA-1 hash ("affine32" scheme), the MinHash itself given to the LSH.

items/s is the median of ``--runs`` timed passes, in total and split into signature and LSH
time (the LSH work is the same library code on both sides, so it bounds the total ratio).
Timed passes run with the cyclic garbage collector off, as ``timeit`` does; one more pass of
each path with it on is reported too (the LSH's dict-of-sets makes full collections slow).

Memory is measured with ``tracemalloc`` while the whole corpus is observed by a
``DuplicateWindow`` that never evicts, plus the paragraph texts the window keeps (allocated by
the loader, so not traced), divided by the items held and multiplied by 100,000. Reuters-21578 items are short (about 0.8 kB of text); memory grows
with text length (paragraphs kept for revisions, sentence hashes), so the figure per kB of text
is printed too.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import re
import statistics
import sys
import time
import tracemalloc
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from datasketch import LeanMinHash, MinHash, MinHashLSH
from tqdm import tqdm

from stream.dedup import DuplicateWindow, fingerprint
from stream.settings import Dedup
from stream.wire.item import Item

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578.jsonl.gz"


def load_items(path: Path = DATA, limit: int | None = None) -> tuple[list[Item], str]:
    """Reuters items as Items, through ``stream.wire.parse`` when it exists (the name says which)."""
    try:
        from stream.wire.parse import parse
    except ImportError:
        parse = None
    items: list[Item] = []
    prev = None
    with gzip.open(path, "rb") as lines:
        for line in lines:
            item = parse(line, fallback_time=prev) if parse else _minimal(json.loads(line), prev)
            if isinstance(item, Item):
                items.append(item)
                prev = item.time
                if limit and len(items) >= limit:
                    break
    return items, "stream.wire.parse" if parse else "minimal loader"


def _minimal(raw: dict, prev: float | None) -> Item:
    norm = lambda s: " ".join(s.lower().split())  # noqa: E731
    when = raw.get("versioncreated")
    t = datetime.fromisoformat(when.replace("Z", "+00:00")).timestamp() if when else (prev or 0.0)
    paras = [p.strip() for p in (raw.get("body_text") or "").split("\n\n") if p.strip()]
    slug = re.sub(r"^BC-", "", raw.get("slugline") or "") or None
    return Item(raw["uri"], t, raw.get("headline") or "", "en", holder=raw.get("copyrightholder"),
                agency="Reuters", slug_family=slug, paragraphs=tuple(paras),
                norm_paragraphs=tuple(norm(p) for p in paras), norm_headline=norm(raw.get("headline") or ""))


# -- throughput ---------------------------------------------------------------------------------


def copydesk_pass(docs: list[tuple[str, str]], cfg: Dedup, progress: bool, batch: int = 256) -> dict:
    """Vectorised signatures (``batch`` items per numpy pass; 1 = item by item) + LSH query/insert."""
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    hits, sig_s, lsh_s = 0, 0.0, 0.0
    label = f"copydesk batch={batch}"
    for lo in tqdm(range(0, len(docs), batch), desc=label, leave=False, file=sys.stderr, disable=not progress):
        chunk = docs[lo : lo + batch]
        t0 = time.perf_counter()
        if batch == 1:
            sigs = [fingerprint.signature(chunk[0][1], cfg.num_perm, cfg.shingle_size)]
        else:
            sigs = fingerprint.signatures([text for _, text in chunk], cfg.num_perm, cfg.shingle_size)
        t1 = time.perf_counter()
        for (uri, _), sig in zip(chunk, sigs):
            sketch = LeanMinHash(seed=fingerprint.SEED, hashvalues=sig, scheme="affine64")
            hits += bool(lsh.query(sketch))
            lsh.insert(uri, sketch)
        t2 = time.perf_counter()
        sig_s, lsh_s = sig_s + t1 - t0, lsh_s + t2 - t1
    return {"signature_s": sig_s, "lsh_s": lsh_s, "hits": hits}


def naive_pass(docs: list[tuple[str, str]], cfg: Dedup, progress: bool) -> dict:
    """datasketch as documented for strings: MinHash per item, update(bytes) per shingle."""
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    hits, sig_s, lsh_s = 0, 0.0, 0.0
    for uri, text in tqdm(docs, desc="naive datasketch", leave=False, file=sys.stderr, disable=not progress):
        t0 = time.perf_counter()
        m = MinHash(num_perm=cfg.num_perm)
        for shingle in fingerprint.shingles(text, cfg.shingle_size):
            m.update(shingle.encode("utf-8"))
        t1 = time.perf_counter()
        hits += bool(lsh.query(m))
        lsh.insert(uri, m)
        t2 = time.perf_counter()
        sig_s, lsh_s = sig_s + t1 - t0, lsh_s + t2 - t1
    return {"signature_s": sig_s, "lsh_s": lsh_s, "hits": hits}


def observe_pass(items: list[Item], cfg: Dedup, progress: bool) -> float:
    """The full DuplicateWindow.observe path (signature, exact/near/version rules, indexing)."""
    win = DuplicateWindow(cfg)
    start = time.perf_counter()
    for item in tqdm(items, desc="DuplicateWindow.observe", leave=False, file=sys.stderr, disable=not progress):
        win.observe(item, fingerprint.item_signature(item, cfg))
    return time.perf_counter() - start


# -- memory -------------------------------------------------------------------------------------


def window_memory(items: list[Item], cfg: Dedup, progress: bool) -> dict:
    """Bytes held by a window that keeps every item, per item and per 100k items."""
    keep_all = cfg.model_copy(update={"window_hours": 1e9})
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    win = DuplicateWindow(keep_all)
    for item in tqdm(items, desc="memory", leave=False, file=sys.stderr, disable=not progress):
        win.observe(item)
    gc.collect()
    traced = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    records = list(win._records.values())
    # Paragraph strings belong to the loader's Items (allocated before tracing) but the window
    # keeps them alive once the Items are gone: count them.
    texts = sum(sys.getsizeof(p) for r in records for p in r.paragraphs)
    lsh = _lsh_memory(records, keep_all)
    held = len(win)
    per_item = (traced + texts) / held
    text_kb = sum(len(p) for r in records for p in r.paragraphs) / held / 1000
    entry = statistics.mean(len(json.dumps(win.entry(r.uri))) for r in records[:2000])
    return {
        "items_held": held,
        "bytes_per_item": round(per_item),
        "lsh_bytes_per_item": round(lsh / held),
        "mb_per_100k_items": round(per_item * 100_000 / 1e6, 1),
        "avg_text_kb": round(text_kb, 2),
        "bytes_per_item_per_text_kb": round(per_item / max(text_kb, 1e-9)),
        "entry_json_bytes": round(entry),
    }


def _lsh_memory(records, cfg: Dedup) -> int:
    """What the datasketch MinHashLSH alone holds for these signatures."""
    sigs = [(r.uri, r.signature) for r in records if r.signature is not None]
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    for uri, sig in sigs:
        lsh.insert(uri, LeanMinHash(seed=fingerprint.SEED, hashvalues=sig, scheme="affine64"))
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    del lsh
    return used


# -- the suite entry point ----------------------------------------------------------------------


def run(limit: int | None = None, runs: int = 3, cfg: Dedup | None = None, progress: bool = True,
        path: Path = DATA, batch: int = 256) -> dict:
    """All figures as a dict (items/s, ratios, memory); prints nothing."""
    cfg = cfg or Dedup()
    items, loader = load_items(path, limit)
    docs = [(item.uri, item.text) for item in items]
    passes: dict[str, list[dict]] = {"batched": [], "per_item": [], "naive": []}
    observe = []
    for _ in range(runs):  # interleaved, so a busy machine slows every path alike
        with _no_gc():
            passes["batched"].append(copydesk_pass(docs, cfg, progress, batch))
            passes["per_item"].append(copydesk_pass(docs, cfg, progress, 1))
            passes["naive"].append(naive_pass(docs, cfg, progress))
            observe.append(len(items) / observe_pass(items, cfg, progress))
    # Once more with the cyclic GC on: the LSH's 25 sets per item make every full collection
    # longer, a cost of the index (the same on both sides) that the timed passes leave out.
    with_gc = {"batched": copydesk_pass(docs, cfg, progress, batch), "naive": naive_pass(docs, cfg, progress)}

    def rate(name: str, part: str | None = None) -> float:
        secs = [p["signature_s"] + p["lsh_s"] if part is None else p[part] for p in passes[name]]
        return len(docs) / statistics.median(secs)

    figures = {
        "items": len(items),
        "loader": loader,
        "num_perm": cfg.num_perm,
        "shingle_size": cfg.shingle_size,
        "lsh_bands_rows": list(_bands(cfg)),
        "runs": runs,
        "batch": batch,
        "items_with_lsh_candidates": {k: v[-1]["hits"] for k, v in passes.items()},
        "observe_items_per_s": round(statistics.median(observe), 1),
    }
    for name in passes:
        figures[f"{name}_items_per_s"] = round(rate(name), 1)
        figures[f"{name}_signature_items_per_s"] = round(rate(name, "signature_s"), 1)
        figures[f"{name}_lsh_items_per_s"] = round(rate(name, "lsh_s"), 1)
    figures["copydesk_items_per_s"] = figures["batched_items_per_s"]
    figures["ratio"] = round(figures["batched_items_per_s"] / figures["naive_items_per_s"], 2)
    figures["ratio_per_item"] = round(figures["per_item_items_per_s"] / figures["naive_items_per_s"], 2)
    figures["ratio_signature_only"] = round(
        figures["batched_signature_items_per_s"] / figures["naive_signature_items_per_s"], 2
    )
    for name, p in with_gc.items():
        figures[f"{name}_items_per_s_gc_on"] = round(len(docs) / (p["signature_s"] + p["lsh_s"]), 1)
        figures[f"{name}_lsh_items_per_s_gc_on"] = round(len(docs) / p["lsh_s"], 1)
    figures["ratio_gc_on"] = round(figures["batched_items_per_s_gc_on"] / figures["naive_items_per_s_gc_on"], 2)
    figures["memory"] = window_memory(items, cfg, progress)
    return figures


@contextmanager
def _no_gc():
    """Timed passes run without the cyclic GC, as ``timeit`` does."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _bands(cfg: Dedup) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    return lsh.b, lsh.r


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--batch", type=int, default=256, help="items per signatures() call")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    figures = run(args.limit, args.runs, progress=not args.quiet, batch=args.batch)
    mem, f = figures["memory"], figures
    print(f"Reuters-21578: {f['items']} items ({f['loader']}), num_perm={f['num_perm']}, "
          f"{f['shingle_size']}-word shingles, LSH bands x rows={f['lsh_bands_rows']}, median of {f['runs']} runs")
    print(f"  {'items/s':>44} {'total':>9} {'signature':>10} {'LSH q+i':>9}")
    for name, label in (("batched", f"copydesk, micro-batches of {f['batch']}"),
                        ("per_item", "copydesk, one item at a time"),
                        ("naive", "naive datasketch (update per shingle)")):
        print(f"  {label:>44} {f[name + '_items_per_s']:>9,.0f} {f[name + '_signature_items_per_s']:>10,.0f} "
              f"{f[name + '_lsh_items_per_s']:>9,.0f}")
    print(f"  ratio signature+LSH: {f['ratio']}x batched, {f['ratio_per_item']}x per item; "
          f"signature alone: {f['ratio_signature_only']}x")
    print(f"  with the cyclic GC on (one run): copydesk {f['batched_items_per_s_gc_on']:,.0f}, naive "
          f"{f['naive_items_per_s_gc_on']:,.0f} items/s, ratio {f['ratio_gc_on']}x; LSH alone "
          f"{f['batched_lsh_items_per_s_gc_on']:,.0f} items/s")
    print(f"  items with an LSH candidate: {f['items_with_lsh_candidates']}")
    print(f"  DuplicateWindow.observe, all rules, per item: {f['observe_items_per_s']:,.0f} items/s")
    print(f"  memory: {mem['bytes_per_item']:,} B/item held (LSH alone {mem['lsh_bytes_per_item']:,}) "
          f"-> {mem['mb_per_100k_items']:,} MB per 100k items at {mem['avg_text_kb']} kB text/item "
          f"({mem['bytes_per_item_per_text_kb']:,} B per kB of text); entry JSON {mem['entry_json_bytes']:,} B")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
