"""Embedding throughput and agreement: torch fp32 vs ONNX Runtime int8 on Reuters-21578.

    .venv/bin/python -m bench.embeddings [--n 1000] [--runs 3] [--json bench/out/embeddings.json]

Each item's text is ``story_text(headline, paragraphs)`` at the configured token budget, as
the stream embeds it. Items are fed in chunks of ``--chunk`` (a stream sees micro-batches,
not the whole corpus at once); items/s is the median over ``--runs`` timed passes after one
warm-up chunk. Agreement is the cosine between the two backends' vectors for each item.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from embeddings import load_encoder, story_text
from embeddings.text import count_tokens
from stream.settings import Embeddings, load as load_settings
from bench.common import save_json

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578.jsonl.gz"


def reuters_items(path: Path, n: int) -> list[tuple[str, list[str]]]:
    """(headline, paragraphs) of the first ``n`` items with any text."""
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            obj = json.loads(line)
            headline = obj.get("headline") or ""
            paragraphs = [p for p in (obj.get("body_text") or "").split("\n\n") if p.strip()]
            if headline.strip() or paragraphs:
                items.append((headline, paragraphs))
                if len(items) == n:
                    break
    return items


def time_encoder(encoder, texts: list[str], runs: int, chunk: int) -> tuple[list[float], list[float], np.ndarray]:
    """(items/s of each run, items per CPU-second of each run, vectors of the last run).

    CPU seconds (all threads of this process) barely move when other processes share the
    cores, so they tell a slow machine from a busy one.
    """
    encoder.encode(texts[:chunk])  # warm-up: first-call allocations, lazy inits
    rates, cpu_rates, vectors = [], [], None
    for run in range(runs):
        parts = []
        start, cpu = time.perf_counter(), time.process_time()
        for i in tqdm(range(0, len(texts), chunk), desc=f"{encoder.name} run {run + 1}/{runs}", leave=False,
                      file=sys.stderr):
            parts.append(encoder.encode(texts[i : i + chunk]))
        rates.append(len(texts) / (time.perf_counter() - start))
        cpu_rates.append(len(texts) / (time.process_time() - cpu))
        vectors = np.concatenate(parts) if parts else np.zeros((0, encoder.dim), np.float32)
    return rates, cpu_rates, vectors


def run(n: int = 1000, runs: int = 3, chunk: int = 256, data: Path = DATA, cfg: Embeddings | None = None,
        backends: tuple[str, ...] = ("torch", "onnx")) -> dict:
    """Measure each backend; with both, the speed ratio and cosine agreement. Returns a dict.

    ``cfg`` defaults to ``[embeddings]`` of the configuration (file and COPYDESK_* environment).
    """
    cfg = cfg or load_settings().embeddings
    result: dict = {"n": n, "runs": runs, "chunk": chunk, "batch_size": cfg.batch_size, "threads": cfg.threads,
                    "max_tokens": cfg.max_tokens, "backends": {}}
    # The machine may be shared: a load above the thread count means the figures are low.
    result["loadavg_1min_before"] = round(os.getloadavg()[0], 2)
    items, texts, vectors = reuters_items(Path(data), n), None, {}
    for backend in backends:
        start = time.perf_counter()
        encoder = load_encoder(cfg.model_copy(update={"backend": backend}))
        load_s = time.perf_counter() - start
        if texts is None:  # same texts for every backend (the tokenizer is the model's)
            texts = [story_text(h, ps, encoder.tokenizer, encoder.max_tokens) for h, ps in items]
            tokens = [count_tokens(encoder.tokenizer, t) for t in texts]
            result["n"] = len(texts)
            result["tokens_mean"] = round(statistics.fmean(tokens), 1)
            result["tokens_max"] = max(tokens)
        rates, cpu_rates, vectors[backend] = time_encoder(encoder, texts, runs, chunk)
        result["backends"][backend] = {
            "name": encoder.name,
            "items_per_s": round(statistics.median(rates), 1),
            "runs_items_per_s": [round(r, 1) for r in rates],
            "items_per_cpu_s": round(statistics.median(cpu_rates), 1),
            "load_s": round(load_s, 2),
        }
        del encoder
    if "torch" in vectors and "onnx" in vectors:
        cos = (vectors["torch"] * vectors["onnx"]).sum(axis=1)
        result["speedup_onnx_vs_torch"] = round(
            result["backends"]["onnx"]["items_per_s"] / result["backends"]["torch"]["items_per_s"], 2)
        result["cosine_mean"] = round(float(cos.mean()), 4)
        result["cosine_min"] = round(float(cos.min()), 4)
        result["cosine_p01"] = round(float(np.quantile(cos, 0.01)), 4)
    result["loadavg_1min_after"] = round(os.getloadavg()[0], 2)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.embeddings", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="items (first n of Reuters-21578)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chunk", type=int, default=256, help="items per encode() call")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--backend", choices=("torch", "onnx"), action="append", help="default: both")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"{args.data} not found (set COPYDESK_SHARED_DATA)")
    result = run(args.n, args.runs, args.chunk, args.data, backends=tuple(args.backend or ("torch", "onnx")))
    for backend, r in result["backends"].items():
        print(f"{r['name']:28} {r['items_per_s']:7.1f} items/s  (runs {r['runs_items_per_s']}; "
              f"{r['items_per_cpu_s']} items per CPU-second; load {r['load_s']} s)")
    if "speedup_onnx_vs_torch" in result:
        print(f"onnx/torch speed ratio {result['speedup_onnx_vs_torch']}x; cosine torch vs onnx "
              f"mean {result['cosine_mean']} min {result['cosine_min']} p1 {result['cosine_p01']}")
    print(f"{result['n']} items, {result['tokens_mean']} tokens on average (max {result['tokens_max']}), "
          f"batch {result['batch_size']}, {result['threads']} threads, "
          f"load average {result['loadavg_1min_before']} -> {result['loadavg_1min_after']}")
    save_json(args.json, result)


if __name__ == "__main__":
    main()
