"""Decisions do not depend on the process: a replay under two string-hash seeds is identical."""

from __future__ import annotations

import gzip
import itertools
import os
import subprocess
import sys

import pytest

from tests.helpers.paths import ROOT

pytestmark = pytest.mark.model


def test_replay_under_two_hash_seeds_gives_identical_output(shared_data, tmp_path):
    feed = tmp_path / "reuters-1500.jsonl"
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rb") as fh:
        feed.write_bytes(b"".join(itertools.islice(fh, 1500)))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
        subprocess.run([sys.executable, "-m", "stream.tools.cli", "replay", str(feed), "--out", str(out)],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == 1500
