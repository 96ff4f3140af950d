"""Story clustering decision cost as the window grows: usearch HNSW + anchor index vs a full scan.

    .venv/bin/python -m bench.clustering [--sizes 1000,10000,100000] [--runs 3] [--json bench/out/clustering.json]

The window is built by placing synthetic new copy with ``StoryClusterer.place``: each synthetic
story takes one Reuters-21578 item as its template (its headline, paragraphs, names and numbers,
so terms and anchors are real wire text), and each member is a variant of it (about 80 % of its
paragraphs, names and numbers) with a vector drawn around the story's centre. Centres sit around
a few dozen topic directions, so neighbouring stories are similar (cosine ~0.3) and members are
close to their centroid (cosine ~0.9). About one item in six founds a story; the others join a
story chosen among the 200 most recent. ``closed_hours``/``retain_days`` are set huge so that
nothing closes or is purged: every story in the window stays a candidate, as weeks of stories do.

At each size, a fixed set of probe items (70 % variants of a random story of the window, 30 %
new stories from held-out templates) is placed on two forks of the same window, restored from
its records as a worker restores after a restart:

* **index**: the production ``StoryIndex`` (usearch HNSW over centroids + anchor postings);
* **scan**: the same clusterer whose centroid search is an exact scan of a numpy matrix of all
  story centroids (one matrix-vector product per search, then ``argpartition``) - the strong
  brute-force baseline; the anchor postings are the same. Both are timed with one BLAS thread.

Everything else in ``place`` (evidence, window frequencies, the join model over the
candidates, joining, attribution, merge check) is shared. items/s is the median of ``runs`` passes (each on a fresh
fork, the same probes); "agree" is the share of probes both forks put in the same story
(HNSW recall as the decision sees it); "as generated" the share placed where the generator meant.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from stream.settings import Stories
from stream.stories.cluster import StoryClusterer
from stream.stories.evidence import item_keys
from stream.stories.index import StoryIndex
from stream.wire import Item
from bench.common import save_json

DIM = 512  # the default encoder's
SIZES = (1_000, 10_000, 100_000)
NEW_STORY_P = 1 / 6  # one item in six founds a story: ~6 members per story
RECENT = 200  # members join one of the most recent stories
TOPICS = 48
STEP_S = 30.0  # seconds of feed time between items


class ScanIndex(StoryIndex):
    """Exact nearest centroids by scanning all of them; anchors as in ``StoryIndex``."""

    def __init__(self, dim: int) -> None:
        super().__init__(dim)
        self.scan_dim = dim
        self.matrix = np.zeros((1024, dim), dtype=np.float32)
        self.live = np.zeros(1024, dtype=bool)
        self.row: dict[str, int] = {}
        self.sid_at: list[str | None] = []
        self.free: list[int] = []

    def put(self, sid: str, centroid, anchors) -> None:
        if centroid is not None:
            r = self.row.get(sid)
            if r is None:
                if self.free:
                    r = self.free.pop()
                    self.sid_at[r] = sid
                else:
                    r = len(self.sid_at)
                    self.sid_at.append(sid)
                    if r >= len(self.matrix):
                        self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
                        self.live = np.concatenate([self.live, np.zeros_like(self.live)])
                self.row[sid] = r
            self.matrix[r] = centroid
            self.live[r] = True
        super().put(sid, None, anchors)

    def drop(self, sid: str) -> None:
        r = self.row.pop(sid, None)
        if r is not None:
            self.live[r] = False
            self.sid_at[r] = None
            self.free.append(r)
        super().drop(sid)

    def search(self, vector, anchors, k: int = 20, weight=lambda _: 1.0) -> list[str]:
        found: dict[str, None] = {}
        n = len(self.sid_at)
        if vector is not None and self.row:
            sims = self.matrix[:n] @ np.asarray(vector, dtype=np.float32)
            sims[~self.live[:n]] = -np.inf
            kk = min(k, len(self.row))
            top = np.argpartition(-sims, kk - 1)[:kk]
            for r in top[np.argsort(-sims[top])]:
                found[self.sid_at[r]] = None
        for sid in super().search(None, anchors, k, weight):
            found[sid] = None
        return list(found)


def config(base: Stories | None = None) -> Stories:
    """The configured story settings (``[stories]``), but nothing ever closes."""
    if base is None:
        from stream.settings import load

        base = load().stories
    return base.model_copy(update={"closed_hours": 1e7, "retain_days": 1e7})


def _unit(rng: np.random.Generator, n: int | None = None) -> np.ndarray:
    v = rng.standard_normal((n or 1, DIM)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v if n else v[0]


def _keep(rng: np.random.Generator, values, share: float = 0.8):
    return [v for v in values if rng.random() < share]


@dataclasses.dataclass
class _Story:
    template: Item
    centre: np.ndarray
    sid: str | None = None  # the story id the first member founded


class Generator:
    """Synthetic wire copy over Reuters templates, in time order."""

    def __init__(self, templates: list[Item], seed: int = 7, held_out: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        usable = [t for t in templates if item_keys(t) and t.kind == "news"]
        self.rng.shuffle(usable)
        self.probe_templates = usable[:held_out]
        self.templates = usable[held_out:] or usable
        self.topics = _unit(self.rng, TOPICS)
        self.stories: list[_Story] = []
        self.n = 0
        self.t0 = 1_000_000_000.0

    def _story(self, template: Item) -> _Story:
        topic = self.topics[self.rng.integers(TOPICS)]
        centre = 0.6 * topic + 0.8 * _unit(self.rng)
        return _Story(template, (centre / np.linalg.norm(centre)).astype(np.float32))

    def member(self, story: _Story) -> tuple[Item, np.ndarray]:
        """A variant of the story's template, with a vector near its centre."""
        self.n += 1
        t, rng = story.template, self.rng
        paragraphs = [i for i in range(len(t.norm_paragraphs)) if rng.random() < 0.8] or [0][: len(t.norm_paragraphs)]
        item = dataclasses.replace(
            t,
            uri=f"syn:{self.n}",
            time=self.t0 + self.n * STEP_S,
            paragraphs=tuple(t.paragraphs[i] for i in paragraphs if i < len(t.paragraphs)),
            norm_paragraphs=tuple(t.norm_paragraphs[i] for i in paragraphs),
            names=frozenset(_keep(rng, sorted(t.names))),
            numbers=frozenset(_keep(rng, sorted(t.numbers))),
            raw={},
        )
        v = 0.9 * story.centre + 0.44 * _unit(rng)
        return item, (v / np.linalg.norm(v)).astype(np.float32)

    def next(self) -> tuple[Item, np.ndarray, _Story, bool]:
        """The next window item: (item, vector, its generator story, founds a story)."""
        if not self.stories or self.rng.random() < NEW_STORY_P:
            story = self._story(self.templates[len(self.stories) % len(self.templates)])
            self.stories.append(story)
            return (*self.member(story), story, True)
        recent = self.stories[-RECENT:]
        story = recent[self.rng.integers(len(recent))]
        return (*self.member(story), story, False)

    def probes(self, n: int) -> list[tuple[Item, np.ndarray, str | None]]:
        """(item, vector, intended story id or None for a new story): 70 % joins, 30 % new."""
        out = []
        for i in range(n):
            if i % 10 < 7 or not self.probe_templates:
                story = self.stories[self.rng.integers(len(self.stories))]
                out.append((*self.member(story), story.sid))
            else:
                story = self._story(self.probe_templates[i % len(self.probe_templates)])
                out.append((*self.member(story), None))
        return out


def fork(records: dict, items: dict, cfg: Stories, scan: bool) -> StoryClusterer:
    """A clusterer rebuilt from state, with the HNSW index or the scan baseline."""
    c = StoryClusterer(cfg)
    if scan:
        c.index = ScanIndex(DIM)
    c.restore(records, items)
    return c


def time_probes(c: StoryClusterer, probes: list) -> tuple[float, list[str]]:
    """Seconds to place the probes, one BLAS thread (a usearch query is one thread too: a shared
    2-core machine makes multi-threaded BLAS spin, which would only make the baseline noisy)."""
    from threadpoolctl import threadpool_limits

    gc.collect()
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        placed = [c.place(item, vec).story_id for item, vec, _ in probes]
        return time.perf_counter() - start, placed


def run(
    sizes: tuple[int, ...] = SIZES,
    runs: int = 3,
    probes: int | None = None,
    templates: list[Item] | None = None,
    path: Path | None = None,
    progress: bool = True,
    seed: int = 7,
) -> dict:
    """Figures per window size (items/s with the index and with the scan, ratio, agreement)."""
    if templates is None:
        from bench.dedup import DATA, load_items

        templates, _ = load_items(path or DATA)
    sizes = tuple(sorted(sizes))
    per_size = {n: probes or min(1000, max(100, n // 5)) for n in sizes}
    held_out = max(per_size.values()) * 3 // 10 + 1
    gen = Generator(templates, seed, held_out=min(held_out, len(templates) // 4))
    cfg = config()
    base = StoryClusterer(cfg)
    result: dict = {"runs": runs, "dim": DIM, "templates": len(gen.templates), "sizes": [],
                    "baseline": "exact scan of all story centroids (numpy matrix-vector product)"}
    built, build_s, intended = 0, 0.0, 0
    bar = tqdm(total=sizes[-1], desc="clustering: build window", unit="item", file=sys.stderr,
               disable=not progress, smoothing=0.05)
    for size in sizes:
        t0 = time.perf_counter()
        while built < size:
            item, vec, story, founds = gen.next()
            p = base.place(item, vec)
            if founds:
                intended += p.story_id == _founded(item)
                story.sid = p.story_id
            else:
                intended += p.story_id == base.resolve(story.sid)
            built += 1
            bar.update()
        build_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        records = {sid: s.to_record() for sid, s in base.stories.items()}
        states = {uri: base.item_state(uri) for uri in base.home}
        snapshot_s = time.perf_counter() - t0
        probe_set = gen.probes(per_size[size])
        rates: dict[str, list[float]] = {"index": [], "scan": []}
        placed: dict[str, list[str]] = {}
        restore_s = []
        for r in range(runs):
            for name in (("index", "scan") if r % 2 == 0 else ("scan", "index")):  # alternate order
                t0 = time.perf_counter()
                c = fork(records, states, cfg, scan=name == "scan")
                restore_s.append(time.perf_counter() - t0)
                bar.set_postfix_str(f"{size:,} in window: {name} run {r + 1}/{runs}")
                secs, placed[name] = time_probes(c, probe_set)
                rates[name].append(len(probe_set) / secs)
                del c
        active = sum(1 for s in base.stories.values() if s.status == "active")
        index_rate, scan_rate = statistics.median(rates["index"]), statistics.median(rates["scan"])
        agree = sum(a == b for a, b in zip(placed["index"], placed["scan"])) / len(probe_set)

        def as_meant(ids):
            ok = 0
            for (item, _, meant), sid in zip(probe_set, ids):
                ok += (sid == base.resolve(meant)) if meant else (sid == _founded(item))
            return round(ok / len(probe_set), 4)

        result["sizes"].append({
            "window_items": size,
            "stories": active,
            "members_per_story": round(size / max(active, 1), 2),
            "probes": len(probe_set),
            "index_items_per_s": round(index_rate, 1),
            "scan_items_per_s": round(scan_rate, 1),
            "index_us_per_item": round(1e6 / index_rate, 1),
            "scan_us_per_item": round(1e6 / scan_rate, 1),
            "ratio": round(index_rate / scan_rate, 2),
            "runs_index_items_per_s": [round(x, 1) for x in rates["index"]],
            "runs_scan_items_per_s": [round(x, 1) for x in rates["scan"]],
            "agree": round(agree, 4),
            "as_generated_index": as_meant(placed["index"]),
            "as_generated_scan": as_meant(placed["scan"]),
            "window_as_generated": round(intended / built, 4),
            "build_items_per_s_cumulative": round(built / build_s, 1),
            "restore_s_median": round(statistics.median(restore_s), 2),
            "snapshot_s": round(snapshot_s, 2),
        })
    bar.close()
    first, last = result["sizes"][0], result["sizes"][-1]
    if len(result["sizes"]) > 1 and last["window_items"] > first["window_items"]:
        span = last["window_items"] / first["window_items"]
        for name in ("index", "scan"):
            growth = last[f"{name}_us_per_item"] / first[f"{name}_us_per_item"]
            result[f"{name}_cost_growth"] = round(growth, 2)  # cost per item, largest / smallest window
            result[f"{name}_cost_exponent"] = round(math.log(growth) / math.log(span), 3)  # 1 = linear
        result["window_growth"] = round(span, 1)
    return result


def _founded(item: Item) -> str:
    from stream.stories.story import story_id

    return story_id(item.uri)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.clustering", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="window sizes, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--probes", type=int, default=None, help="probe items per size (default: n/5, 100..1000)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = run(tuple(int(s) for s in args.sizes.split(",")), args.runs, args.probes)
    print(f"{'window':>8} {'stories':>8} {'index/s':>9} {'scan/s':>9} {'ratio':>6} {'agree':>6}")
    for s in result["sizes"]:
        print(f"{s['window_items']:>8,} {s['stories']:>8,} {s['index_items_per_s']:>9,.0f} "
              f"{s['scan_items_per_s']:>9,.0f} {s['ratio']:>6} {s['agree']:>6}")
    if "index_cost_exponent" in result:
        print(f"cost per item grows x{result['index_cost_growth']} (index) and x{result['scan_cost_growth']} (scan) "
              f"for a x{result['window_growth']} window (exponent {result['index_cost_exponent']} / "
              f"{result['scan_cost_exponent']}; 1 = linear)")
    save_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
