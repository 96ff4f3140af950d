"""Replay end to end (no Kafka): items/s of ``stream.tools.replay.replay`` over a feed, with and without embeddings.

    .venv/bin/python -m bench.replay [--limit N] [--runs 3] [--first 3000] [--profile]

Each run is one ``replay`` of the whole feed on a fresh desk, writing its output lines to a
sink (as ``copydesk replay --out`` does, without the disk). The configured encoder
(``[embeddings]``, env ``COPYDESK_EMBEDDINGS_BACKEND``) is loaded once and warmed up outside
the timed runs; time inside ``encode`` is summed, so the report says how much of the replay is
embedding. The rate over the first ``--first`` items (when the sink receives the N-th line) is
kept too: the Kafka benchmark compares itself with it on the same items.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import shutil
import statistics
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from stream.tools import jsonl as feed
from stream.tools import replay as rp
from stream.settings import Settings
from stream.settings import load as load_settings
from stream.wire import Item
from bench.common import save_json

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578.jsonl.gz"


class Sink:
    """Counts the output lines and notes when the ``mark``-th arrives."""

    def __init__(self, mark: int | None = None) -> None:
        self.lines = 0
        self.bytes = 0
        self.mark = mark
        self.marked_at: float | None = None

    def write(self, data) -> int:
        self.lines += 1
        self.bytes += len(data)
        if self.lines == self.mark:
            self.marked_at = time.perf_counter()
        return len(data)


class TimedEncode:
    """Wraps the desk's ``encode``: seconds inside it and items it embedded."""

    def __init__(self, encode) -> None:
        self.encode, self.seconds, self.items, self.calls = encode, 0.0, 0, 0

    def __call__(self, items):
        start = time.perf_counter()
        try:
            return self.encode(items)
        finally:
            self.seconds += time.perf_counter() - start
            self.items += len(items)
            self.calls += 1


@contextmanager
def head_of(path: Path, limit: int | None):
    """``path`` itself, or a temporary .jsonl.gz of its first ``limit`` lines (outside the repo)."""
    if not limit:
        yield Path(path)
        return
    tmp = Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    try:
        out = tmp / f"head-{limit}.jsonl.gz"
        with gzip.open(out, "wb", compresslevel=1) as fh:
            for i, line in enumerate(feed.lines(path)):
                if i >= limit:
                    break
                fh.write(line + b"\n")
        yield out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def one_run(path: Path, cfg: Settings, encode, first: int | None, progress: bool) -> dict:
    sink = Sink(first)
    timed = TimedEncode(encode) if encode else None
    result = rp.replay(path, cfg, encode=timed, out=sink, progress=progress, keep=True)
    ended = time.perf_counter()
    started = ended - result.seconds
    kinds = Counter(line.get("dup_kind") or "new" for line in result.lines if "rejected" not in line)
    run = {
        "items": result.items,
        "seconds": result.seconds,
        "items_per_s": result.rate,
        "rejected": len(result.rejected),
        "stories": len({line["story_id"] for line in result.lines if line.get("story_id")}),
        "kinds": dict(kinds),
    }
    if sink.marked_at is not None:
        run["first_items_per_s"] = first / (sink.marked_at - started)
    if timed:
        run["encode_s"] = timed.seconds
        run["encoded_items"] = timed.items
        run["encode_items_per_s"] = timed.items / timed.seconds if timed.seconds else None
    return run


def load_encode(cfg: Settings, path: Path) -> tuple[object, dict]:
    """The configured encoder as ``encode``, loaded and warmed up (one batch) outside the runs."""
    started = time.perf_counter()
    encode = rp.encoder_for(cfg)
    load_s = time.perf_counter() - started
    warm = [r for r, _ in zip((r for r in rp.parsed(path, cfg) if isinstance(r, Item)), range(64))]
    encode(warm)
    return encode, {"backend": cfg.embeddings.backend, "load_s": round(load_s, 2),
                    "threads": cfg.embeddings.threads, "batch_size": cfg.embeddings.batch_size}


def run(path: Path = DATA, cfg: Settings | None = None, runs: int = 3, limit: int | None = None,
        first: int = 3000, embeddings: bool = True, progress: bool = True, encode=None) -> dict:
    """Median items/s with embeddings (the configured backend) and without, over ``runs`` runs."""
    cfg = cfg or load_settings()
    result: dict = {"runs": runs, "first": first}
    with head_of(path, limit) as src:
        result["items"] = feed.count(src)
        first = first if first and first < result["items"] else None
        info = {}
        if embeddings and encode is None:
            encode, info = load_encode(cfg, src)
        result["encoder"] = info or ({"backend": cfg.embeddings.backend} if encode else None)
        passes: dict[str, list[dict]] = {"with_embeddings": [], "without_embeddings": []}
        for r in range(runs):  # interleaved, so a busy machine slows both alike
            if encode:
                passes["with_embeddings"].append(one_run(src, cfg, encode, first, progress))
            passes["without_embeddings"].append(one_run(src, cfg, None, first, progress))
    for name, rs in passes.items():
        if not rs:
            continue
        fig = {
            "items_per_s": round(statistics.median(r["items_per_s"] for r in rs), 1),
            "runs_items_per_s": [round(r["items_per_s"], 1) for r in rs],
            "seconds_median": round(statistics.median(r["seconds"] for r in rs), 2),
            "stories": rs[-1]["stories"],
            "kinds": rs[-1]["kinds"],
            "rejected": rs[-1]["rejected"],
        }
        if first and all("first_items_per_s" in r for r in rs):
            fig["first_items_per_s"] = round(statistics.median(r["first_items_per_s"] for r in rs), 1)
        if rs[0].get("encode_s") is not None:
            fig["encode_share"] = round(statistics.median(r["encode_s"] / r["seconds"] for r in rs), 3)
            fig["encoded_items"] = rs[-1]["encoded_items"]
            fig["encode_items_per_s"] = round(statistics.median(r["encode_items_per_s"] for r in rs), 1)
            fig["desk_only_items_per_s"] = round(
                statistics.median(r["items"] / (r["seconds"] - r["encode_s"]) for r in rs), 1)
        result[name] = fig
    if "with_embeddings" in result:
        result["ratio_with_vs_without"] = round(
            result["with_embeddings"]["items_per_s"] / result["without_embeddings"]["items_per_s"], 3)
    return result


def profile(path: Path = DATA, cfg: Settings | None = None, limit: int | None = 3000, embeddings: bool = True,
            top: int = 25, out: Path | None = None, encode=None) -> dict:
    """One replay under cProfile: the top functions by own time and by cumulative time."""
    cfg = cfg or load_settings()
    with head_of(path, limit) as src:
        if embeddings and encode is None:
            encode, _ = load_encode(cfg, src)
        prof = cProfile.Profile()
        prof.enable()
        res = rp.replay(src, cfg, encode=encode if embeddings else None, out=Sink(), progress=False, keep=True)
        prof.disable()
    stats = pstats.Stats(prof)
    total = max(stats.total_tt, 1e-9)

    def rows(key: str) -> list[dict]:
        entries = []
        for (file, line, func), (cc, nc, tt, ct, _) in stats.stats.items():
            entries.append({"function": f"{_short(file)}:{line}({func})", "calls": nc,
                            "own_s": round(tt, 3), "cumulative_s": round(ct, 3),
                            "own_share": round(tt / total, 4), "cumulative_share": round(ct / total, 4)})
        entries.sort(key=lambda e: e[key], reverse=True)
        return entries[:top]

    report = {"items": res.items, "embeddings": bool(embeddings), "seconds_profiled": round(total, 2),
              "items_per_s_under_profiler": round(res.items / res.seconds, 1),
              "by_own_time": rows("own_s"), "by_cumulative_time": rows("cumulative_s")}
    if out:
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(40)
        pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(40)
        out.write_text(buf.getvalue())
        report["text"] = str(out)
    return report


def _short(file: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.replay", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N lines only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--first", type=int, default=3000)
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--profile", action="store_true", help="one profiled replay instead of timed runs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.profile:
        result = profile(args.data, limit=args.limit, embeddings=not args.no_embeddings)
        for row in result["by_own_time"][:20]:
            print(f"{row['own_share']:6.1%} own {row['cumulative_share']:6.1%} cum {row['calls']:>9} {row['function']}")
    else:
        result = run(args.data, runs=args.runs, limit=args.limit, first=args.first, embeddings=not args.no_embeddings)
        print(json.dumps(result, indent=2))
    save_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
