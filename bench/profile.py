"""Where a worker's time goes: py-spy samples of its process tree, summed by pipeline stage.

    with sampled(pid, out / "profile.txt"):
        ...  # the work to profile
    summary = summarise(out / "profile.txt")

Each stage's share counts the samples whose stack passes through it (innermost stage wins,
so that decide's time spent in the encoder is the encoder's), of all samples where the worker
was busy (idle samples are left out: py-spy runs with --idle off).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path

# Innermost first: a stack counts for the first stage any of its frames belongs to.
STAGES = [
    ("encode", ("embeddings/",)),
    ("parse", ("stream/wire/",)),
    ("dedup", ("stream/dedup/",)),
    ("stories", ("stream/stories/",)),
    ("desk", ("stream/desk.py", "stream/clock.py")),
    ("json", ("orjson", "json/")),
    ("tables", ("faust/tables/", "faust/stores/", "rocksdict")),
    ("kafka_client", ("aiokafka/", "kafka/")),
    ("faust_streams", ("faust/", "mode/")),
    ("worker_glue", ("stream/worker/",)),
    ("asyncio", ("asyncio/",)),
]


@contextlib.contextmanager
def sampled(pid: int, path: Path, rate: int = 50):
    """Sample ``pid`` and its children with py-spy while the block runs (nothing if absent)."""
    exe = shutil.which("py-spy")
    if exe is None:
        yield None
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [exe, "record", "--pid", str(pid), "--subprocesses", "--nonblocking", "--rate", str(rate),
         "--format", "raw", "--output", str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def stage_of(stack: str) -> str:
    frames = stack.split(";")
    for name, marks in STAGES:
        if any(m in f for f in frames for m in marks):
            return name
    return "other"


def summarise(path: Path, top: int = 12) -> dict:
    """Shares per stage, and the hottest functions by own samples.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.txt"
    >>> _ = p.write_text("run (faust/agents.py:1);decide (stream/desk.py:9) 3\\nrun (faust/agents.py:1) 1\\n")
    >>> summarise(p)["stages"]
    {'desk': 0.75, 'faust_streams': 0.25}
    """
    stages: Counter = Counter()
    own: Counter = Counter()
    total = 0
    if not path.exists():
        return {"samples": 0, "stages": {}, "hottest": []}
    for line in path.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack or not n.isdigit():
            continue
        total += int(n)
        stages[stage_of(stack)] += int(n)
        own[stack.split(";")[-1]] += int(n)
    share = lambda c: round(c / total, 3) if total else 0.0  # noqa: E731
    return {
        "samples": total,
        "stages": {k: share(v) for k, v in stages.most_common()},
        "hottest": [(f, share(v)) for f, v in own.most_common(top)],
    }
