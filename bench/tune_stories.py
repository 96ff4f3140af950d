"""Tune story clustering on ECB+ (and only there): grid over join threshold and weights.

    .venv/bin/python -m bench.tune_stories [--data ../shared/data/ecbplus.jsonl.gz]

Vectors are computed once and reused, so each grid point costs one clustering pass.
Prints the best settings by B-cubed F1 and how flat the optimum is: prefer a setting in a
broad plateau over a sharp peak, since real agency feeds are not ECB+.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from tqdm import tqdm

from stream import settings
from stream.evaluate import score_replay
from stream.replay import encoder_for, replay

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ecbplus.jsonl.gz"


def cached(encode):
    memo: dict[str, object] = {}

    def encode_cached(items):
        missing = [i for i in items if i.uri not in memo]
        if missing:
            memo.update(zip((i.uri for i in missing), encode(missing)))
        return [memo[i.uri] for i in items]

    return encode_cached


def grid():
    for threshold, emb, lex, anchors in itertools.product(
        (0.35, 0.4, 0.45, 0.5, 0.55, 0.6), (0.4, 0.55, 0.7), (0.1, 0.2, 0.3), (0.1, 0.15, 0.25)
    ):
        yield {"join_threshold": threshold, "weight_embedding": emb, "weight_lexical": lex, "weight_anchors": anchors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    base = settings.load()
    encode = cached(encoder_for(base))
    replay(args.data, base, encode=encode, progress=True, keep=False)  # fill the cache once
    results = []
    for point in tqdm(list(grid()), desc="grid"):
        cfg = base.model_copy(update={"stories": base.stories.model_copy(update=point)})
        scores = score_replay(replay(args.data, cfg, encode=encode, progress=False).lines)["stories"]
        results.append((scores["bcubed_f1"], point, scores))
    results.sort(key=lambda r: r[0], reverse=True)
    print("best 10 by B-cubed F1:")
    for f1, point, s in results[:10]:
        print(f"  F1={f1:.3f} P={s['bcubed_precision']:.3f} R={s['bcubed_recall']:.3f} ARI={s['ari']:.3f} {point}")
    current = next((r for r in results if r[1] == {k: getattr(base.stories, k) for k in r[1]}), None)
    if current:
        print(f"configured: F1={current[0]:.3f} {current[1]}")


if __name__ == "__main__":
    main()
