"""bench.dedup runs and returns its figures (a small slice of Reuters-21578)."""

from __future__ import annotations

from bench import dedup as bench


def test_run_returns_the_figures(shared_data):
    figures = bench.run(limit=300, runs=1, progress=False, path=shared_data / "reuters21578.jsonl.gz")
    assert figures["items"] == 300
    assert figures["copydesk_items_per_s"] > 0 and figures["naive_items_per_s"] > 0
    assert figures["ratio"] == round(figures["copydesk_items_per_s"] / figures["naive_items_per_s"], 2)
    assert figures["memory"]["items_held"] == 300 and figures["memory"]["mb_per_100k_items"] > 0
