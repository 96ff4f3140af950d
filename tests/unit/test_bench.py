"""The benchmark suite's pure parts on tiny inputs: they run and the report has its shape.

No Kafka, no model, and no timing is asserted: only that figures exist, are positive where they
are rates, and that the report (JSON, Markdown, plots) is put together from them.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from bench import clustering, report
from bench import replay as bench_replay
from bench import run as suite

ROW_KEYS = {"measure", "value", "unit", "baseline", "baseline_label", "ratio", "target", "met", "note"}


@pytest.fixture(scope="module")
def reuters(shared_data):
    return shared_data / "reuters21578.jsonl.gz"


@pytest.fixture(scope="module")
def templates(reuters):
    from bench.dedup import load_items

    items, _ = load_items(reuters, limit=300)
    return items


def test_scan_index_finds_the_exact_nearest_centroids():
    rng = np.random.default_rng(1)
    vecs = rng.standard_normal((50, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ix = clustering.ScanIndex(8)
    for i, v in enumerate(vecs):
        ix.put(f"s{i}", v, {f"@a{i % 5}"})
    ix.drop("s3")
    q = vecs[3] + 0.01
    truth = [f"s{i}" for i in np.argsort(-(vecs @ q)) if i != 3][:5]
    assert ix.search(q, (), k=5) == truth
    assert "s10" in ix.search(None, {"@a0"}, k=20)  # anchors as in StoryIndex
    assert len(ix) == 49


def test_clustering_bench_on_a_tiny_window(templates):
    f = clustering.run(sizes=(100, 200), runs=3, probes=30, templates=templates, progress=False)
    assert [s["window_items"] for s in f["sizes"]] == [100, 200]
    for s in f["sizes"]:
        assert s["probes"] == 30 and s["stories"] > 1
        assert s["index_items_per_s"] > 0 and s["scan_items_per_s"] > 0
        assert len(s["runs_index_items_per_s"]) == 3
        assert s["ratio"] == pytest.approx(s["index_items_per_s"] / s["scan_items_per_s"], rel=0.01)
        assert 0 <= s["agree"] <= 1 and 0 <= s["window_as_generated"] <= 1
    assert f["window_growth"] == 2.0 and "index_cost_exponent" in f
    rows = report.clustering_rows(f)
    assert all(set(r) == ROW_KEYS for r in rows)
    assert rows[-1]["met"] in (True, False)  # the growth row carries the sub-linear target


def test_replay_bench_without_embeddings(reuters):
    f = bench_replay.run(reuters, runs=3, limit=150, first=100, embeddings=False, progress=False)
    assert f["items"] == 150 and "with_embeddings" not in f
    wo = f["without_embeddings"]
    assert wo["items_per_s"] > 0 and len(wo["runs_items_per_s"]) == 3 and wo["first_items_per_s"] > 0
    assert report.replay_rows(f)[-1]["value"] == wo["items_per_s"]


def test_replay_bench_counts_encoder_time(reuters):
    calls = []

    def encode(items):  # a stand-in model: deterministic unit vectors
        calls.append(len(items))
        v = np.ones((len(items), 384), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    f = bench_replay.run(reuters, runs=3, limit=100, first=50, progress=False, encode=encode)
    w = f["with_embeddings"]
    assert w["encoded_items"] > 0 and 0 <= w["encode_share"] <= 1 and sum(calls) >= w["encoded_items"]
    rows = report.replay_rows(f)
    assert rows[0]["target"] == ">= 100 items/s" and rows[0]["ratio"] == f["ratio_with_vs_without"]


def test_suite_writes_the_report(tmp_path, reuters, monkeypatch):
    """The whole suite with its heavy sections replaced by canned figures: JSON, Markdown and plots."""
    monkeypatch.setattr(suite, "busy_others", lambda *a, **k: [])
    canned = {
        "dedup": {"items": 10, "loader": "x", "runs": 3, "num_perm": 128, "shingle_size": 3,
                  "lsh_bands_rows": [9, 13], "items_with_lsh_candidates": {}, "batched_items_per_s": 1000.0,
                  "naive_items_per_s": 90.0, "ratio": 11.11, "per_item_items_per_s": 500.0, "ratio_per_item": 5.56,
                  "batched_signature_items_per_s": 5000.0, "naive_signature_items_per_s": 100.0,
                  "ratio_signature_only": 50.0, "batched_items_per_s_gc_on": 900.0, "naive_items_per_s_gc_on": 80.0,
                  "ratio_gc_on": 11.25, "observe_items_per_s": 700.0,
                  "memory": {"mb_per_100k_items": 150.0, "avg_text_kb": 0.8, "bytes_per_item_per_text_kb": 2000}},
        "embeddings": {"n": 10, "runs": 3, "chunk": 256, "batch_size": 32, "threads": 2, "tokens_mean": 90,
                       "tokens_max": 128, "loadavg_1min_before": 1, "loadavg_1min_after": 1,
                       "backends": {"torch": {"name": "m/torch-fp32", "items_per_s": 40.0, "runs_items_per_s": [40],
                                              "load_s": 1},
                                    "onnx": {"name": "m/onnx-int8", "items_per_s": 90.0, "runs_items_per_s": [90],
                                             "load_s": 1}},
                       "speedup_onnx_vs_torch": 2.25, "cosine_mean": 0.99, "cosine_min": 0.98, "cosine_p01": 0.985},
        "kafka": {"items": 50, "runs": 1, "backend": "torch", "items_per_s": 30.0, "runs_items_per_s": [30.0],
                  "items_per_worker_cpu_s": 20.0, "replay_items_per_s": 35.0, "ratio_vs_replay": 0.857,
                  "rss_peak_mb": 1000.0, "vmhwm_mb": 1010.0, "cold_start_s": 4.0, "start_s": 3.0,
                  "per_run": [{"app_id": "bench-x", "full_speed": {
                      "items_per_s": 30.0, "seconds": 1.7, "worker_cores_busy": 1.0, "state_records": 60,
                      "state_mb": 0.1, "out_latency_s": {"p50": 0.5}, "outputs_by_topic": {"dedup": 50}}}],
                  "set_rate": {"rate": 20.0, "seconds": 2.0, "items": 3, "achieved_rate": 20.0,
                               "state_latency_s": {"n": 3, "p50": 0.2, "p95": 0.3, "p99": 0.3, "max": 0.3},
                               "out_latency_s": {"n": 3, "p50": 0.1, "p95": 0.2, "p99": 0.2, "max": 0.2},
                               "out_latency_broker_s": {"p99": 0.2}, "missing_state": 0,
                               "state_records_per_item": 1.0, "state_kb_per_item": 0.5,
                               "series": [{"t": 0.0, "out": 0.1, "state": 0.2}, {"t": 0.05, "out": 0.2, "state": 0.3},
                                          {"t": 0.1, "out": None, "state": None}]}},
    }

    def fake(name, rows):
        def runner(p, ctx):
            return canned[name], rows(canned[name]), ["a note"], "what."
        return runner

    monkeypatch.setitem(suite.RUNNERS, "dedup", fake("dedup", report.dedup_rows))
    monkeypatch.setitem(suite.RUNNERS, "embeddings", fake("embeddings", lambda f: report.embeddings_rows(f, "torch")))
    monkeypatch.setitem(suite.RUNNERS, "kafka", fake("kafka", report.kafka_rows))
    real_clustering = suite.run_clustering

    def small_clustering(p, ctx):
        return real_clustering({"sizes": (100, 200), "runs": 3}, ctx)

    monkeypatch.setitem(suite.RUNNERS, "clustering", small_clustering)
    monkeypatch.setitem(suite.RUNNERS, "replay", lambda p, ctx: _replay_without_model(reuters, ctx))
    out = suite.main(["--out-dir", str(tmp_path), "--data", str(reuters)])

    data = json.loads((tmp_path / "report.json").read_text())
    assert set(data["sections"]) == set(suite.SECTIONS)
    for name, sec in data["sections"].items():
        assert sec["status"] == "ok", (name, sec.get("traceback"))
        assert sec["rows"] and all(set(r) == ROW_KEYS for r in sec["rows"])
        assert {"seconds", "load", "figures", "notes"} <= set(sec)
    meta = data["meta"]
    assert meta["machine"]["cores"] >= 1 and "before" in meta["load"] and "after" in meta["load"]
    assert meta["partial"] is False
    targets = {r["target"] for sec in data["sections"].values() for r in sec["rows"] if r["target"]}
    assert {">= 10x naive", ">= 100 items/s", "sub-linear (exponent < 1)", ">= 0.85x replay", "< 1 s"} <= targets
    assert set(out["plots"]) == {"throughput", "clustering", "latency"}
    for png in out["plots"].values():
        assert (tmp_path / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = (tmp_path / "report.md").read_text()
    for title in report.TITLES.values():
        assert f"## {title}" in md
    assert "| Measure | Figure | Baseline | Ratio | Target | Met? | Notes |" in md
    assert "## Machine" in md and "Targets at a glance" in md and "![latency" in md

    (tmp_path / "report.md").unlink()
    suite.main(["--render", "--out-dir", str(tmp_path)])  # re-rendered from report.json alone
    assert (tmp_path / "report.md").read_text() == md


def test_a_failing_section_is_reported_and_the_others_still_run(tmp_path, reuters, monkeypatch):
    monkeypatch.setattr(suite, "busy_others", lambda *a, **k: [])

    def boom(p, ctx):
        raise RuntimeError("boom")

    monkeypatch.setitem(suite.RUNNERS, "dedup", boom)
    monkeypatch.setitem(suite.RUNNERS, "replay", lambda p, ctx: _replay_without_model(reuters, ctx))
    suite.main(["--out-dir", str(tmp_path), "--data", str(reuters), "--only", "dedup", "--only", "replay"])
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["sections"]["dedup"]["status"] == "error" and "boom" in data["sections"]["dedup"]["error"]
    assert data["sections"]["replay"]["status"] == "ok"
    assert "**error**" in (tmp_path / "report.md").read_text()


def _replay_without_model(path, ctx):
    f = bench_replay.run(path, cfg=ctx["cfg"], runs=3, limit=120, first=60, embeddings=False, progress=False)
    return f, report.replay_rows(f), [], "what."


def test_replay_profile_reports_top_costs(reuters, tmp_path):
    p = bench_replay.profile(reuters, limit=100, embeddings=False, top=5, out=tmp_path / "prof.txt")
    assert p["items"] == 100 and len(p["by_own_time"]) == 5 and len(p["by_cumulative_time"]) == 5
    assert {"function", "calls", "own_s", "cumulative_s", "own_share"} <= set(p["by_own_time"][0])
    assert (tmp_path / "prof.txt").read_text()


def test_kafka_worker_gets_the_suites_settings_and_its_own_names(monkeypatch):
    """No worker is started: only what it would be started with."""
    from bench import kafka
    from stream.settings import Settings, load
    from stream.tools.harness import RESERVED_PORTS

    base = load()
    w = kafka.Worker(base)
    try:
        env = w.env
        assert env["COPYDESK_KAFKA_APP_ID"] == w.app_id and env["COPYDESK_TOPICS_PREFIX"] == w.prefix
        assert int(env["COPYDESK_WEB_PORT"]) == w.port and w.port not in RESERVED_PORTS
        assert env["COPYDESK_STORE_DATA_DIR"] == str(w.data_dir)
        assert env["COPYDESK_EMBEDDINGS_BACKEND"] == base.embeddings.backend
        for key, value in env.items():
            if key.startswith("COPYDESK_"):
                monkeypatch.setenv(key, value)
        named = {"kafka": {"app_id": w.app_id}, "topics": {"prefix": w.prefix}, "web": {"port": w.port},
                 "store": {"data_dir": w.data_dir}}
        suite = base.model_copy(update={k: getattr(base, k).model_copy(update=v) for k, v in named.items()})
        assert Settings() == w.cfg == suite  # the worker reads back exactly the suite's settings
    finally:
        w.stop()
    assert not w.data_dir.exists()
    assert kafka.percentiles([0.1 * i for i in range(1, 101)])["p99"] == pytest.approx(9.9)
