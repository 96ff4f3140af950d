"""One command that measures every stage against its baseline, in the same run.

    .venv/bin/python -m bench.run [--quick] [--only SECTION ...] [--skip SECTION ...] [--profile]

Sections (each its own module, each runnable alone):

1. ``dedup``      - ``bench.dedup.run``: vectorised MinHash + LSH vs naive datasketch, memory per 100k items;
2. ``embeddings`` - ``bench.embeddings.run``: torch fp32 vs ONNX int8 items/s and cosine agreement;
3. ``clustering`` - ``bench.clustering.run``: ``StoryClusterer.place`` at 1k/10k/100k items in the window
   vs a brute-force centroid scan;
4. ``replay``     - ``bench.replay.run``: all of Reuters-21578 through ``stream.tools.replay.replay``, with and
   without embeddings;
5. ``kafka``      - ``bench.kafka.run``: a real worker on the local broker, throughput at full speed and
   latency at a set rate.

Writes ``bench/report.json`` (every figure), ``bench/report.md`` (tables for ops: figure, baseline,
ratio, target met or missed, machine and load) and PNG plots in ``bench/``. A section that fails is
reported as such and the others still run; nothing here asserts a timing. ``--quick`` uses smaller
inputs (still 3 runs where they are cheap) for a check in a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sys

if not sys.stderr.isatty():  # progress bars in a log: a line every 10 s, not every 0.1 s
    os.environ.setdefault("TQDM_MININTERVAL", "10")

import hashlib  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

from bench import report as rpt  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench"
DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578.jsonl.gz"
SECTIONS = ("dedup", "embeddings", "clustering", "replay", "kafka")


# -- the machine --------------------------------------------------------------------------------


def _cpu_times() -> tuple[float, float]:
    """(busy, total) jiffies of the whole machine from /proc/stat."""
    try:
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0.0, 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0.0)
    return sum(fields) - idle, sum(fields)


class LoadMonitor:
    """Samples the load average and CPU use every ``every`` seconds, in a daemon thread."""

    def __init__(self, every: float = 2.0) -> None:
        self.every = every
        self.samples: list[dict] = []  # {"t", "load1", "busy_cores", "own_cores"}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.cores = os.cpu_count() or 1

    def start(self) -> LoadMonitor:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        busy0, total0 = _cpu_times()
        own0, t0 = time.process_time(), time.monotonic()
        while not self._stop.wait(self.every):
            busy, total = _cpu_times()
            own, t = time.process_time(), time.monotonic()
            share = (busy - busy0) / (total - total0) if total > total0 else 0.0
            self.samples.append({"t": time.time(), "load1": os.getloadavg()[0],
                                 "busy_cores": share * self.cores, "own_cores": (own - own0) / max(t - t0, 1e-9)})
            busy0, total0, own0, t0 = busy, total, own, t

    def summary(self, since: float = 0.0, until: float = float("inf")) -> dict:
        xs = [s for s in self.samples if since <= s["t"] <= until]
        if not xs:
            return {"mean": round(os.getloadavg()[0], 2), "max": round(os.getloadavg()[0], 2)}
        n = len(xs)
        return {"mean": round(sum(s["load1"] for s in xs) / n, 2), "max": round(max(s["load1"] for s in xs), 2),
                "busy_cores_mean": round(sum(s["busy_cores"] for s in xs) / n, 2),
                "own_cores_mean": round(sum(s["own_cores"] for s in xs) / n, 2), "samples": n}


def machine_info() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem_kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration):
        mem_kb = 0
    cores = os.cpu_count() or 1
    return {"cpu": cpu, "cores": cores, "usable_cores": len(os.sched_getaffinity(0)),
            "memory_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "platform": platform.platform(terse=True), "hostname": platform.node()}


def busy_others(exclude: set[int], seconds: float = 1.0, top: int = 5) -> list[dict]:
    """Processes other than ours using CPU right now (name and cores), to say who shares the machine."""

    def snap() -> dict[int, tuple[str, float]]:
        out = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) in exclude:
                continue
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                fields = stat.rsplit(")", 1)[1].split()
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                out[int(entry)] = (cmd.strip()[:90] or stat.split("(", 1)[1].split(")", 1)[0],
                                   (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
            except (OSError, IndexError, ValueError):
                continue
        return out

    a = snap()
    time.sleep(seconds)
    b = snap()
    used = [(b[p][0], (b[p][1] - a[p][1]) / seconds) for p in b if p in a and b[p][1] > a[p][1]]
    used.sort(key=lambda x: -x[1])
    return [{"command": c, "cores": round(u, 2)} for c, u in used[:top] if u >= 0.05]


CODE_PATHS = ("stream", "embeddings", "config", "pyproject.toml", "requirements.lock")  # what the figures measure


def git_info() -> dict:
    """The commit, whether the tree is dirty, and a fingerprint of the measured code's contents
    (tracked and untracked files under ``CODE_PATHS``), to tell if it changed during the run."""

    def git(*args) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    digest = hashlib.sha1()
    for name in sorted(git("ls-files", "-co", "--exclude-standard", "--", *CODE_PATHS).split()):
        try:
            digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
        except OSError:
            continue
    return {"commit": git("rev-parse", "HEAD").strip(), "dirty": bool(git("status", "--porcelain").strip()),
            "code": digest.hexdigest()[:12]}


# -- sections -----------------------------------------------------------------------------------


def params(args) -> dict:
    """Inputs per section: full or quick."""
    q = args.quick
    kafka_items = args.kafka_items or (500 if q else 3000)
    return {
        "dedup": {"limit": 3000 if q else None, "runs": args.runs},
        "embeddings": {"n": 200 if q else 1000, "runs": args.runs},
        "clustering": {"sizes": tuple(args.clustering_sizes or ((1_000, 10_000) if q else (1_000, 10_000, 100_000))),
                       "runs": args.runs},
        "replay": {"limit": 1000 if q else None, "runs": args.runs, "first": kafka_items},
        "kafka": {"n": kafka_items, "runs": args.kafka_runs or (1 if q else 3), "rate": args.rate,
                  "seconds": args.rate_seconds or (20.0 if q else 60.0)},
    }


def run_dedup(p: dict, ctx: dict) -> tuple[dict, list[dict], list[str], str]:
    from bench import dedup

    f = dedup.run(limit=p["limit"], runs=p["runs"], path=ctx["data"], progress=True)
    notes = [f"LSH candidates: {f['items_with_lsh_candidates']}; LSH bands x rows {f['lsh_bands_rows']}, "
             f"num_perm {f['num_perm']}, {f['shingle_size']}-word shingles.",
             "The LSH index (datasketch MinHashLSH) is the same code on both sides, so it bounds the total ratio; "
             "the signature alone shows the vectorised part."]
    what = (f"{f['items']:,} Reuters-21578 items ({f['loader']}), median of {f['runs']} runs, timed passes "
            f"with the cyclic GC off (as timeit does).")
    return f, rpt.dedup_rows(f), notes, what


def run_embeddings(p: dict, ctx: dict) -> tuple[dict, list[dict], list[str], str]:
    from bench import embeddings

    f = embeddings.run(n=p["n"], runs=p["runs"], data=ctx["data"], cfg=ctx["cfg"].embeddings)
    notes = [f"{f['n']} items, {f['tokens_mean']} tokens on average (max {f['tokens_max']}), chunks of "
             f"{f['chunk']}, batch {f['batch_size']}, {f['threads']} threads; load average "
             f"{f['loadavg_1min_before']} -> {f['loadavg_1min_after']}."]
    for name, b in f["backends"].items():
        notes.append(f"{b['name']}: runs {b['runs_items_per_s']} items/s; model load {b['load_s']} s.")
    what = f"First {f['n']} Reuters items, median of {f['runs']} timed passes after a warm-up chunk."
    return f, rpt.embeddings_rows(f, ctx["cfg"].embeddings.backend), notes, what


def run_clustering(p: dict, ctx: dict) -> tuple[dict, list[dict], list[str], str]:
    from bench import clustering
    from bench.dedup import load_items

    templates, _ = load_items(ctx["data"])
    f = clustering.run(sizes=p["sizes"], runs=p["runs"], templates=templates, progress=True)
    notes = [f"Baseline: {f['baseline']}; everything else in place() is the same code.",
             "Probe items: 70 % join a random story of the window, 30 % found a story; each run places the same "
             "probes on a fresh copy of the window restored from its records (as a worker restores).",
             "Window build rate, cumulative (index, with every write): " + ", ".join(
                 f"{s['window_items']:,}: {s['build_items_per_s_cumulative']:,.0f} items/s" for s in f["sizes"]) + ".",
             "Placed as the generator meant (index / scan): " + ", ".join(
                 f"{s['window_items']:,}: {s['as_generated_index']:.1%} / {s['as_generated_scan']:.1%}"
                 for s in f["sizes"]) + "."]
    what = (f"Synthetic copy over {f['templates']:,} Reuters templates, {f['dim']}-dim clustered unit vectors, "
            f"median of {f['runs']} runs per size.")
    return f, rpt.clustering_rows(f), notes, what


def run_replay(p: dict, ctx: dict) -> tuple[dict, list[dict], list[str], str]:
    from bench import replay

    f = replay.run(path=ctx["data"], cfg=ctx["cfg"], runs=p["runs"], limit=p["limit"], first=p["first"])
    notes = []
    w = f.get("with_embeddings")
    if w:
        notes.append(f"With embeddings: runs {w['runs_items_per_s']} items/s; {w['encoded_items']:,} of "
                     f"{f['items']:,} items were new copy and embedded (duplicates and versions are not); "
                     f"encoder load {f['encoder'].get('load_s')} s (outside the runs).")
        notes.append(f"Outcomes: {w['kinds']}; {w['stories']:,} stories; {w['rejected']} rejected line(s).")
    notes.append(f"Without embeddings: runs {f['without_embeddings']['runs_items_per_s']} items/s.")
    what = f"{f['items']:,} lines of Reuters-21578, median of {f['runs']} runs each, output lines written to a sink."
    ctx["replay"] = f
    return f, rpt.replay_rows(f), notes, what


def run_kafka(p: dict, ctx: dict) -> tuple[dict, list[dict], list[str], str]:
    from bench import kafka, replay

    if not kafka.broker_up(ctx["cfg"]):
        raise kafka.BenchError(f"no Kafka broker at {kafka.bootstrap(ctx['cfg'])} (scripts/kafka.sh start)")
    ref = None
    rf = ctx.get("replay")
    if rf and rf.get("with_embeddings") and rf.get("first") == p["n"]:
        ref = rf["with_embeddings"].get("first_items_per_s")
        if ref is None and rf["items"] == p["n"]:
            ref = rf["with_embeddings"]["items_per_s"]
    if ref is None:  # replay not run in this suite: measure it on the same items now
        print(f"kafka: measuring the replay reference on the first {p['n']} items", file=sys.stderr)
        r = replay.run(path=ctx["data"], cfg=ctx["cfg"], runs=3, limit=p["n"], first=0)
        ref = r["with_embeddings"]["items_per_s"]
    f = kafka.run(n=p["n"], runs=p["runs"], rate=p["rate"], seconds=p["seconds"], path=ctx["data"],
                  cfg=ctx["cfg"], progress=True, replay_items_per_s=ref)
    notes = []
    for i, run in enumerate(f["per_run"], 1):
        fs = run["full_speed"]
        st = fs.get("stages") or {}
        where = ""
        if st.get("decide_ms_per_item") is not None and fs.get("items_per_worker_cpu_s"):
            where = (f" Worker CPU {1000 / fs['items_per_worker_cpu_s']:.1f} ms per item; its own timers: intake "
                     f"(parse, signature, embed) {st.get('intake_ms_per_item')} ms, desk (unpack, decide, publish) "
                     f"{st['decide_ms_per_item']} ms per item.")
        notes.append(f"Run {i} ({run['app_id']}): {fs['items_per_s']} items/s over {fs['seconds']} s, worker busy "
                     f"{fs['worker_cores_busy']} cores, {fs['state_records']:,} stories.state records "
                     f"({fs['state_mb']} MB), queueing latency at full speed p50 {fs['out_latency_s'].get('p50')} s; "
                     f"outputs {fs['outputs_by_topic']}.{where}")
    sr = f.get("set_rate")
    if sr:
        notes.append(f"At {sr['rate']:g} items/s: {sr['state_records_per_item']} stories.state records and "
                     f"{sr['state_kb_per_item']} kB per item; latency by broker timestamp p99 "
                     f"{sr['out_latency_broker_s'].get('p99')} s (the consumer adds little).")
    notes.append("Latencies are measured on this machine from the record timestamp set at send to the moment a "
                 "group-less consumer receives the output (fetch wait 50 ms).")
    what = (f"First {f['items']:,} Reuters items at full speed, median of {f['runs']} run(s), each on a fresh worker "
            f"(unique app id, topic prefix, port); then {sr['items'] if sr else 0} further items at "
            f"{p['rate']:g} items/s on the last worker.")
    return f, rpt.kafka_rows(f), notes, what


RUNNERS = {"dedup": run_dedup, "embeddings": run_embeddings, "clustering": run_clustering,
           "replay": run_replay, "kafka": run_kafka}


# -- the suite ----------------------------------------------------------------------------------


def run_suite(args) -> dict:
    from stream.settings import load as load_settings

    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cfg = load_settings()
    chosen = [s for s in SECTIONS if (not args.only or s in args.only) and s not in (args.skip or [])]
    p = params(args)
    monitor = LoadMonitor().start()
    started = time.time()
    others = busy_others({os.getpid()})
    report: dict = {
        "meta": {
            "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join([".venv/bin/python -m bench.run", *map(shlex.quote, sys.argv[1:])]),
            "quick": args.quick,
            "sections": chosen,
            "params": {k: v for k, v in p.items() if k in chosen},
            "machine": machine_info(),
            "git": git_info(),
            "config": {"backend": cfg.embeddings.backend, "threads": cfg.embeddings.threads,
                       "batch_size": cfg.embeddings.batch_size, "max_tokens": cfg.embeddings.max_tokens},
            "data": str(args.data),
            "others_at_start": others,
        },
        "sections": {},
    }
    report["meta"]["load"] = {"before": round(os.getloadavg()[0], 2)}
    ctx = {"cfg": cfg, "data": Path(args.data)}
    try:
        for i, name in enumerate(chosen, 1):
            t0 = time.time()
            print(f"\n[{i}/{len(chosen)}] {name}: started at {time.strftime('%H:%M:%S')}, suite elapsed "
                  f"{(t0 - started) / 60:.1f} min, load {os.getloadavg()[0]:.2f}", file=sys.stderr, flush=True)
            sec: dict = {"status": "ok"}
            try:
                figures, rows, notes, what = RUNNERS[name](p[name], ctx)
                sec.update(figures=figures, rows=rows, notes=notes, what=what)
            except Exception as exc:  # one broken stage must not hide the others' figures
                from bench.kafka import BenchError

                skipped = isinstance(exc, BenchError) and "no Kafka broker" in str(exc)
                sec.update(status="skipped" if skipped else "error", error=f"{type(exc).__name__}: {exc}",
                           reason=str(exc) if skipped else None,
                           traceback=traceback.format_exc(limit=8))
                print(f"[{i}/{len(chosen)}] {name}: {sec['status']}: {exc}", file=sys.stderr, flush=True)
            sec["seconds"] = round(time.time() - t0, 1)
            sec["load"] = monitor.summary(t0, time.time())
            report["sections"][name] = sec
            print(f"[{i}/{len(chosen)}] {name}: {sec['status']} in {sec['seconds'] / 60:.1f} min", file=sys.stderr,
                  flush=True)
            _write(report, out_dir, started, monitor, partial=True)  # a partial report survives a crash
        if args.profile:
            report["profile"] = profile(ctx, p)
    finally:
        monitor.stop()
    report["meta"]["others_at_end"] = busy_others({os.getpid()})
    report["meta"]["git_end"] = git_info()
    _write(report, out_dir, started, monitor, partial=False)
    return report


def profile(ctx: dict, p: dict) -> dict:
    """cProfile over the replay path: the first N items with embeddings, and every item without."""
    from bench import replay

    n = p["kafka"]["n"]
    out: dict = {"status": "ok", "figures": {}}
    for name, limit, emb in (("with_embeddings", n, True), ("without_embeddings", p["replay"]["limit"], False)):
        what = f"the first {limit:,} items" if limit else "every item"
        print(f"\n[profile] replay of {what} {name.replace('_', ' ')} under cProfile", file=sys.stderr, flush=True)
        try:
            out["figures"][name] = replay.profile(ctx["data"], ctx["cfg"], limit=limit, embeddings=emb,
                                                  out=OUT / "out" / f"replay_profile_{name}.txt")
        except Exception as exc:
            out["figures"][name] = {"error": f"{type(exc).__name__}: {exc}"}
    return out


def _write(report: dict, out_dir: Path, started: float, monitor: LoadMonitor, partial: bool) -> None:
    meta = report["meta"]
    meta["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    meta["duration_s"] = round(time.time() - started, 1)
    load = monitor.summary(started, time.time())
    meta["load"].update({k: load.get(k) for k in ("mean", "max", "busy_cores_mean", "own_cores_mean")})
    meta["load"]["after"] = round(os.getloadavg()[0], 2)
    meta["load"]["samples"] = [{"t": round(s["t"] - started, 1), "load1": round(s["load1"], 2),
                                "busy_cores": round(s["busy_cores"], 2)} for s in monitor.samples]
    meta["partial"] = partial
    others = [o for o in meta.get("others_at_start", []) + meta.get("others_at_end", []) if o["cores"] >= 0.2]
    cores = meta["machine"]["cores"]
    if others or (load.get("busy_cores_mean") or 0) - (load.get("own_cores_mean") or 0) > 0.3:
        names = sorted({o["command"].split()[0].rsplit("/", 1)[-1] + " " + " ".join(o["command"].split()[1:3])
                        for o in others})[:5]
        meta["machine"]["shared_note"] = (
            f"This machine ({cores} cores) was shared with other work during the run: load average "
            f"{load.get('mean')} on average (max {load.get('max')}). Other busy processes seen: "
            f"{'; '.join(names) or 'none sampled'}. Absolute figures are lower than on a quiet machine; "
            f"ratios measured in the same run are more robust.")
    if not partial:
        meta["plots"] = report["plots"] = rpt.plots(report, out_dir)
    else:
        report.setdefault("plots", {})
    (out_dir / "report.json").write_text(json.dumps(report, indent=1, default=str))
    (out_dir / "report.md").write_text(rpt.markdown(report))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller inputs; a few minutes")
    parser.add_argument("--only", action="append", choices=SECTIONS, help="run only this section (repeatable)")
    parser.add_argument("--skip", action="append", choices=SECTIONS, help="skip this section (repeatable)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (median; default 3)")
    parser.add_argument("--kafka-items", type=int, default=None, help="items at full speed (default 3000; quick 500)")
    parser.add_argument("--kafka-runs", type=int, default=None, help="fresh workers at full speed (3; quick 1)")
    parser.add_argument("--rate", type=float, default=20.0, help="items/s for the latency phase (default 20)")
    parser.add_argument("--rate-seconds", type=float, default=None, help="length of the latency phase (60; quick 20)")
    parser.add_argument("--clustering-sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                        help="window sizes, comma separated (default 1000,10000,100000; quick 1000,10000)")
    parser.add_argument("--profile", action="store_true", help="also profile one replay (cProfile) and report top costs")
    parser.add_argument("--data", type=Path, default=DATA, help="Reuters-21578 JSON Lines (.gz)")
    parser.add_argument("--out-dir", type=Path, default=OUT, help="where report.json, report.md and plots go")
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: rewrite report.md and the plots from an existing report.json")
    args = parser.parse_args(argv)
    if args.render:
        out = Path(args.out_dir)
        report = json.loads((out / "report.json").read_text())
        report["plots"] = report["meta"]["plots"] = rpt.plots(report, out)
        (out / "report.md").write_text(rpt.markdown(report))
        print(f"rendered {out / 'report.md'} and {', '.join(report['plots'].values())} from {out / 'report.json'}",
              file=sys.stderr)
        return report
    if not args.data.is_file():
        parser.error(f"{args.data} not found (set COPYDESK_SHARED_DATA)")
    report = run_suite(args)
    out = Path(args.out_dir)
    print(f"\nwrote {out / 'report.json'}, {out / 'report.md'} and {', '.join(report['plots'].values()) or 'no plots'}",
          file=sys.stderr)
    for name, sec in report["sections"].items():
        for r in sec.get("rows", []):
            if r["met"] is not None:
                print(f"  {name:10} {r['measure'][:60]:60} {rpt.fmt(r['value'], r['unit']):>14}  "
                      f"{r['target']:>20}  {'met' if r['met'] else 'MISSED'}")
        if sec["status"] != "ok":
            print(f"  {name:10} {sec['status']}: {sec.get('error')}")
    return report


if __name__ == "__main__":
    main()
