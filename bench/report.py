"""Turn the suite's figures into rows with targets, a Markdown report and PNG plots.

Every section's figures stay in ``report.json`` as measured; this module only reads them.
A row is one line of a report table::

    {"measure": ..., "value": 123.4, "unit": "items/s", "baseline": 12.3, "baseline_label": ...,
     "ratio": 10.03, "target": ">= 10x", "met": True, "note": ...}

``met`` is None where there is no target. Timings are never asserted anywhere.
"""

from __future__ import annotations

import math
from pathlib import Path

CODE_PATHS = ("stream/", "embeddings/", "config/", "pyproject.toml", "requirements.lock")

TITLES = {
    "dedup": "1. Duplicate detection (MinHash signature + LSH)",
    "embeddings": "2. Embedding (headline + lead)",
    "clustering": "3. Story clustering decision",
    "replay": "4. Replay end to end (in-process, no Kafka)",
    "kafka": "5. Kafka end to end (real worker and broker)",
}


def row(measure, value, unit="items/s", baseline=None, baseline_label=None, ratio=None, target=None, met=None,
        note=None) -> dict:
    return {"measure": measure, "value": value, "unit": unit, "baseline": baseline, "baseline_label": baseline_label,
            "ratio": ratio, "target": target, "met": met, "note": note}


# -- rows per section ---------------------------------------------------------------------------


def dedup_rows(f: dict) -> list[dict]:
    mem = f.get("memory", {})
    return [
        row("Signature + LSH, micro-batches (replay path)", f["batched_items_per_s"],
            baseline=f["naive_items_per_s"], baseline_label="naive datasketch", ratio=f["ratio"],
            target=">= 10x naive", met=f["ratio"] >= 10),
        row("Signature + LSH, one item at a time (stream path)", f["per_item_items_per_s"],
            baseline=f["naive_items_per_s"], baseline_label="naive datasketch", ratio=f["ratio_per_item"]),
        row("Signature alone, micro-batches", f["batched_signature_items_per_s"],
            baseline=f["naive_signature_items_per_s"], baseline_label="naive datasketch",
            ratio=f["ratio_signature_only"]),
        row("Signature + LSH with the garbage collector on (1 run)", f["batched_items_per_s_gc_on"],
            baseline=f["naive_items_per_s_gc_on"], baseline_label="naive datasketch", ratio=f["ratio_gc_on"]),
        row("Full duplicate window (all rules), per item", f["observe_items_per_s"]),
        row("Memory held by the window per 100k items", mem.get("mb_per_100k_items"), unit="MB",
            note=f"{mem.get('avg_text_kb')} kB of text per item; {mem.get('bytes_per_item_per_text_kb')} B per kB"),
    ]


def embeddings_rows(f: dict, default: str) -> list[dict]:
    b = f["backends"]
    rows = []
    for name in ("torch", "onnx"):
        if name not in b:
            continue
        is_default = name == default
        label = f"{b[name]['name']}{' (default backend)' if is_default else ''}"
        base = b["torch"]["items_per_s"] if name == "onnx" and "torch" in b else None
        rows.append(row(label, b[name]["items_per_s"], baseline=base,
                        baseline_label="torch fp32" if base else None,
                        ratio=f.get("speedup_onnx_vs_torch") if base else None,
                        target=">= 100 items/s" if is_default else None,
                        met=b[name]["items_per_s"] >= 100 if is_default else None,
                        note=f"{b[name].get('items_per_cpu_s', '-')} items per CPU-second"))
    if "cosine_mean" in f:
        rows.append(row("Cosine agreement torch vs ONNX (mean / min)", f["cosine_mean"], unit="cosine",
                        note=f"min {f['cosine_min']}, 1st percentile {f['cosine_p01']}"))
    return rows


def clustering_rows(f: dict) -> list[dict]:
    rows = []
    for s in f["sizes"]:
        rows.append(row(f"place() with {s['window_items']:,} items in the window ({s['stories']:,} stories)",
                        s["index_items_per_s"], baseline=s["scan_items_per_s"], baseline_label="full centroid scan",
                        ratio=s["ratio"],
                        note=f"{s['index_us_per_item']:,.0f} vs {s['scan_us_per_item']:,.0f} us/item; same story "
                             f"{s['agree']:.1%}"))
    if "index_cost_exponent" in f:
        e = f["index_cost_exponent"]
        rows.append(row(f"Cost per item growth, window x{f['window_growth']:g}", f["index_cost_growth"], unit="x",
                        baseline=f["scan_cost_growth"], baseline_label="full centroid scan",
                        target="sub-linear (exponent < 1)", met=e < 1,
                        note=f"exponent {e} (index) vs {f['scan_cost_exponent']} (scan); 1 = linear, 0 = flat"))
    return rows


def replay_rows(f: dict) -> list[dict]:
    rows = []
    w, wo = f.get("with_embeddings"), f["without_embeddings"]
    if w:
        enc = f.get("encoder") or {}
        rows.append(row(f"All {f['items']:,} items with embeddings ({enc.get('backend')})", w["items_per_s"],
                        baseline=wo["items_per_s"], baseline_label="without embeddings",
                        ratio=f.get("ratio_with_vs_without"), target=">= 100 items/s", met=w["items_per_s"] >= 100,
                        note=f"{w.get('encode_share', 0):.0%} of the time in encode ({w.get('encode_items_per_s')} "
                             f"items/s for {w.get('encoded_items')} new items); desk alone "
                             f"{w.get('desk_only_items_per_s')} items/s"))
        if w.get("first_items_per_s"):
            rows.append(row(f"First {f['first']:,} items with embeddings", w["first_items_per_s"],
                            note="reference for the Kafka section"))
    rows.append(row(f"All {f['items']:,} items without embeddings (reference)", wo["items_per_s"],
                    note=f"{wo['stories']:,} stories"))
    return rows


def kafka_rows(f: dict) -> list[dict]:
    rows = []
    ref = f.get("replay_items_per_s")
    ratio = f.get("ratio_vs_replay")
    rows.append(row(f"Sustained, {f['items']:,} items at full speed ({f['backend']})", f["items_per_s"],
                    baseline=ref, baseline_label="replay, same items" if ref else None, ratio=ratio,
                    target=">= 0.85x replay", met=(ratio >= 0.85) if ratio is not None else None,
                    note=f"runs {f['runs_items_per_s']}; {f['items_per_worker_cpu_s']} items per worker CPU-second"))
    sr = f.get("set_rate")
    if sr:
        st, out = sr["state_latency_s"], sr["out_latency_s"]
        rows.append(row(f"Latency produce -> stories.state at {sr['rate']:g} items/s, p99",
                        st.get("p99"), unit="s", target="< 1 s", met=(st.get("p99", math.inf) < 1.0),
                        note=f"p50 {st.get('p50')} s, p95 {st.get('p95')} s, max {st.get('max')} s over {st['n']} "
                             f"items ({sr['missing_state']} never seen)"))
        rows.append(row(f"Latency produce -> wire.dedup/duplicates at {sr['rate']:g} items/s, p99", out.get("p99"),
                        unit="s", note=f"p50 {out.get('p50')} s, p95 {out.get('p95')} s"))
        rows.append(row("Achieved produce rate", sr["achieved_rate"], note=f"for {sr['seconds']:g} s"))
    rows.append(row("Worker peak memory (RSS of its process tree)", f["rss_peak_mb"], unit="MB",
                    note=f"kernel high-water mark {f['vmhwm_mb']} MB"))
    rows.append(row("Worker cold start (model load on first batch)", f["cold_start_s"], unit="s",
                    note=f"worker healthy after {f['start_s']} s"))
    return rows


# -- Markdown -----------------------------------------------------------------------------------


def fmt(value, unit: str | None = None) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        v = float(value)
        if unit == "x" or abs(v) < 10:
            text = f"{v:,.2f}" if abs(v) < 100 else f"{v:,.0f}"
        else:
            text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.1f}"
    else:
        text = str(value)
    return f"{text} {unit}" if unit and unit not in ("x",) else (text + "x" if unit == "x" else text)


def _others(meta: dict, load: dict) -> str:
    busy, own = load.get("busy_cores_mean"), load.get("own_cores_mean")
    text = "not measured"
    if busy is not None and own is not None:
        text = (f"besides this suite's process, {max(busy - own, 0):.2f} cores were busy on average (the Kafka "
                f"broker always, the worker in section 5, and any other jobs on this machine)")
    seen = {o["command"][:60]: o["cores"] for o in meta.get("others_at_start", []) + meta.get("others_at_end", [])}
    if seen:
        text += "; processes using CPU at start/end: " + ", ".join(f"`{c}` ({u} cores)" for c, u in seen.items())
    return text


def verdict(met) -> str:
    return "-" if met is None else ("**met**" if met else "**MISSED**")


def table(rows: list[dict]) -> list[str]:
    out = ["| Measure | Figure | Baseline | Ratio | Target | Met? | Notes |", "|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        base = "-" if r["baseline"] is None else f"{fmt(r['baseline'], r['unit'])} ({r['baseline_label']})"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:,.2f}x"
        out.append(f"| {r['measure']} | {fmt(r['value'], r['unit'])} | {base} | {ratio} | {r['target'] or '-'} | "
                   f"{verdict(r['met'])} | {r['note'] or ''} |")
    return out


def markdown(report: dict) -> str:
    meta, machine = report["meta"], report["meta"]["machine"]
    load = meta.get("load", {})
    lines = [
        "# copydesk benchmark report",
        "",
        f"Run {meta['started']} - {meta['finished']} ({meta['duration_s'] / 60:.1f} min), "
        f"{'quick' if meta['quick'] else 'full'} suite: `{meta['command']}`  ",
        f"Code: commit {meta.get('git', {}).get('commit', '?')[:12]}"
        f"{' with uncommitted changes' if meta.get('git', {}).get('dirty') else ''}; "
        f"embedding backend `{meta['config']['backend']}` ({meta['config']['threads']} threads, "
        f"batch {meta['config']['batch_size']}).",
        "",
        "Every figure is the median of several runs unless it says otherwise, and every ratio compares two "
        "figures measured in this same run. Figures are measured, not asserted: on a busy machine they are "
        "lower, see the load below.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPU | {machine['cpu']} |",
        f"| Cores | {machine['cores']} (usable by this run: {machine['usable_cores']}) |",
        f"| Memory | {machine['memory_gb']} GB |",
        f"| Python / OS | {machine['python']} / {machine['platform']} |",
        f"| Load average (1 min) | before {load.get('before')}, after {load.get('after')}, "
        f"mean {load.get('mean')}, max {load.get('max')} during the run |",
        f"| CPU busy (whole machine) | {load.get('busy_cores_mean')} of {machine['cores']} cores on average; "
        f"this suite's own process {load.get('own_cores_mean')} cores |",
        f"| Other work on the machine | {_others(meta, load)} |",
        "",
    ]
    if machine.get("shared_note"):
        lines += [f"> {machine['shared_note']}", ""]
    start, end = meta.get("git", {}), meta.get("git_end")
    if end and end.get("code") != start.get("code"):
        lines += [f"> **The measured code changed while the suite ran** (files under {', '.join(CODE_PATHS)}; "
                  f"commit {start.get('commit', '?')[:12]} -> {end.get('commit', '?')[:12]}): sections may have "
                  f"measured different code. Re-run on a quiet tree to compare sections.", ""]
    summary = [(name, r) for name, sec in report["sections"].items() for r in sec.get("rows", []) if r["met"] is not None]
    if summary:
        lines += ["## Targets at a glance", "", "| Section | Measure | Figure | Target | Met? |", "|---|---|---:|---|---|"]
        for name, r in summary:
            lines.append(f"| {TITLES[name].split('. ', 1)[1]} | {r['measure']} | {fmt(r['value'], r['unit'])} | "
                         f"{r['target']} | {verdict(r['met'])} |")
        lines.append("")
    for name, sec in report["sections"].items():
        lines += [f"## {TITLES[name]}", ""]
        if sec["status"] != "ok":
            lines += [f"**{sec['status']}**: {sec.get('reason') or sec.get('error', '')}", ""]
            continue
        lines += table(sec["rows"])
        lines += [""]
        sl = sec.get("load", {})
        lines += [f"_{sec.get('what', '')} Took {sec['seconds'] / 60:.1f} min; load average {sl.get('mean')} "
                  f"(max {sl.get('max')}), machine CPU busy {sl.get('busy_cores_mean')} cores of "
                  f"{machine['cores']}._", ""]
        for note in sec.get("notes", []):
            lines.append(f"- {note}")
        if sec.get("notes"):
            lines.append("")
        if name == "clustering":
            lines += ["![cost per item vs window size](clustering.png)", ""]
        if name == "kafka" and report.get("plots", {}).get("latency"):
            lines += ["![latency over time at the set rate](latency.png)", ""]
    prof = report.get("profile")
    if prof and prof.get("status") == "ok":
        lines += ["## Where replay time goes (cProfile, one run each)", ""]
        for name, p in prof["figures"].items():
            if "error" in p:
                lines += [f"{name}: {p['error']}", ""]
                continue
            lines += [f"**{p['items']:,} items {'with' if p['embeddings'] else 'without'} embeddings**: "
                      f"{p['seconds_profiled']} s profiled ({p['items_per_s_under_profiler']} items/s under the "
                      f"profiler, which slows Python code more than native code).", "",
                      "| Own time | Cumulative | Calls | Function |", "|---:|---:|---:|---|"]
            for r in p["by_own_time"][:12]:
                lines.append(f"| {r['own_share']:.1%} | {r['cumulative_share']:.1%} | {r['calls']:,} | "
                             f"`{r['function']}` |")
            lines.append("")
    if report.get("plots", {}).get("throughput"):
        lines += ["## Throughput per stage", "", "![throughput per stage](throughput.png)", ""]
    return "\n".join(lines) + "\n"


# -- plots --------------------------------------------------------------------------------------


def plots(report: dict, out_dir: Path) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made: dict[str, str] = {}
    sections = report["sections"]

    bars: list[tuple[str, float, str]] = []  # (label, items/s, kind)

    def ok(name):
        return sections.get(name, {}).get("status") == "ok"

    if ok("dedup"):
        f = sections["dedup"]["figures"]
        bars += [("Dedup signature+LSH: copydesk", f["batched_items_per_s"], "copydesk"),
                 ("Dedup signature+LSH: naive datasketch", f["naive_items_per_s"], "baseline"),
                 ("Dedup: full window, all rules", f["observe_items_per_s"], "copydesk")]
    if ok("embeddings"):
        for name, b in sections["embeddings"]["figures"]["backends"].items():
            bars.append((f"Embedding: {b['name'].split('/')[-1]}", b["items_per_s"],
                         "baseline" if name == "torch" and "onnx" in sections["embeddings"]["figures"]["backends"]
                         else "copydesk"))
    if ok("clustering"):
        s = sections["clustering"]["figures"]["sizes"][-1]
        bars += [(f"Clustering @{s['window_items']:,}: HNSW index", s["index_items_per_s"], "copydesk"),
                 (f"Clustering @{s['window_items']:,}: full scan", s["scan_items_per_s"], "baseline")]
    if ok("replay"):
        f = sections["replay"]["figures"]
        if f.get("with_embeddings"):
            bars.append(("Replay with embeddings", f["with_embeddings"]["items_per_s"], "copydesk"))
        bars.append(("Replay without embeddings", f["without_embeddings"]["items_per_s"], "reference"))
    if ok("kafka"):
        f = sections["kafka"]["figures"]
        bars.append(("Kafka end to end (full speed)", f["items_per_s"], "copydesk"))
        if f.get("replay_items_per_s"):
            bars.append(("Replay, same items", f["replay_items_per_s"], "baseline"))
    if bars:
        colours = {"copydesk": "#1f77b4", "baseline": "#bbbbbb", "reference": "#9ecae1"}
        fig, ax = plt.subplots(figsize=(9, 0.42 * len(bars) + 1.4))
        ys = range(len(bars))[::-1]
        ax.barh(list(ys), [b[1] for b in bars], color=[colours[b[2]] for b in bars])
        ax.set_yticks(list(ys), [b[0] for b in bars], fontsize=8)
        ax.set_xscale("log")
        ax.set_xlabel("items per second (log scale; grey = baseline)")
        ax.axvline(100, color="#d62728", linestyle=":", linewidth=1)
        ax.text(100, len(bars) - 0.4, " 100 items/s", color="#d62728", fontsize=7, va="bottom")
        for y, b in zip(ys, bars):
            ax.text(b[1], y, f" {b[1]:,.0f}", va="center", fontsize=7)
        ax.set_title("Throughput per stage (median of runs)")
        fig.tight_layout()
        fig.savefig(out_dir / "throughput.png", dpi=110)
        plt.close(fig)
        made["throughput"] = "throughput.png"

    if ok("clustering") and len(sections["clustering"]["figures"]["sizes"]) > 1:
        sizes = sections["clustering"]["figures"]["sizes"]
        fig, ax = plt.subplots(figsize=(6.5, 4))
        xs = [s["window_items"] for s in sizes]
        ax.plot(xs, [s["index_us_per_item"] for s in sizes], "o-", label="HNSW + anchor index (copydesk)")
        ax.plot(xs, [s["scan_us_per_item"] for s in sizes], "s--", color="grey", label="full centroid scan")
        lin = [sizes[0]["index_us_per_item"] * x / xs[0] for x in xs]
        ax.plot(xs, lin, ":", color="#d62728", label="linear growth from the smallest window")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("items in the window")
        ax.set_ylabel("microseconds per place()")
        ax.set_title("Clustering decision cost vs window size")
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out_dir / "clustering.png", dpi=110)
        plt.close(fig)
        made["clustering"] = "clustering.png"

    sr = sections.get("kafka", {}).get("figures", {}).get("set_rate") if ok("kafka") else None
    if sr and sr.get("series"):
        series = sr["series"]
        fig, ax = plt.subplots(figsize=(9, 4))
        ax.plot([s["t"] for s in series if s["state"] is not None],
                [s["state"] for s in series if s["state"] is not None], ".", ms=3,
                label="produce -> stories.state snapshot")
        ax.plot([s["t"] for s in series if s["out"] is not None],
                [s["out"] for s in series if s["out"] is not None], ".", ms=2, alpha=0.6,
                label="produce -> wire.dedup / wire.duplicates")
        ax.axhline(1.0, color="#d62728", linestyle=":", linewidth=1, label="target p99 < 1 s")
        p99 = sr["state_latency_s"].get("p99")
        if p99 is not None:
            ax.axhline(p99, color="#1f77b4", linestyle="--", linewidth=0.8, label=f"measured p99 {p99:.2f} s")
        ax.set_xlabel(f"seconds since the first item (produced at {sr['rate']:g} items/s)")
        ax.set_ylabel("latency (s)")
        ax.set_ylim(bottom=0)
        ax.set_title("End-to-end latency per item at a set rate")
        ax.legend(fontsize=8, loc="upper left")
        fig.tight_layout()
        fig.savefig(out_dir / "latency.png", dpi=110)
        plt.close(fig)
        made["latency"] = "latency.png"
    return made
