"""Kafka end to end: a real worker, a real broker, Reuters-21578 copy in, records out.

    .venv/bin/python -m bench.kafka [--items 3000] [--runs 3] [--rate 20] [--seconds 60]

Each run starts its own worker (``faust -A stream.app worker``) with a unique app id, topic
prefix, web port and table directory, waits for ``/health`` to answer 200, and warms it up with
a few items (the model loads on the first batch; that cold start is reported on its own). Then:

* **full speed**: the first ``--items`` Reuters items are produced to ``wire.items`` as fast as
  the producer goes; throughput is items / (last output record received - first send), outputs
  being ``wire.dedup``, ``wire.duplicates`` and ``wire.deadletter`` (each input lands on exactly
  one). Median over the runs, each on a fresh worker.
* **set rate** (last run, same worker, next items of the feed): ``--rate`` items/s for
  ``--seconds``; per item, the time from its send (the record timestamp we set) to its record on
  ``wire.dedup``/``wire.duplicates`` and to the first ``stories.state`` snapshot whose timeline
  holds its uri, as received by a group-less consumer on this machine.

The worker's resident memory (VmRSS summed over its process tree, and the kernel's VmHWM peak) is
polled every 0.5 s. Workers are stopped and their topics deleted at the end, also on error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer
from tqdm import tqdm

from bench import profile
from bench.common import save_json
from stream import kafka
from stream.kafka import bootstrap, broker_up  # noqa: F401 - bench.run asks bench.kafka for both
from stream.settings import Settings
from stream.settings import load as load_settings
from stream.tools import harness
from stream.tools import jsonl as feed

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "reuters21578.jsonl.gz"
LOGS = ROOT / "bench" / "out" / "kafka"
WARMUP = 8
CLK = os.sysconf("SC_CLK_TCK")


class BenchError(RuntimeError):
    pass


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    xs = sorted(values)

    def q(p: float) -> float:  # nearest rank
        return xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))]

    return {"n": len(xs), "p50": round(q(50), 4), "p95": round(q(95), 4), "p99": round(q(99), 4),
            "max": round(xs[-1], 4), "mean": round(statistics.fmean(xs), 4)}


# -- the worker ---------------------------------------------------------------------------------


class Worker(harness.Worker):
    """A harness worker with its own run (app id, topics), its tables in a temporary directory,
    and its memory and CPU watched."""

    def __init__(self, base: Settings, log_dir: Path = LOGS) -> None:
        # Every setting pinned: the worker runs what the rest of the suite measured, even if
        # config/copydesk.toml changes while the suite runs.
        run = harness.Run.new(log_dir, prefix="bench-", pinned=harness.settings_env(base))
        super().__init__(run, run.name, Path(tempfile.mkdtemp(prefix=f"copydesk-{run.name}-")))
        self.app_id, self.prefix, self.log_path = run.name, f"{run.name}.", self.log
        self.rss_peak_kb = 0  # VmRSS summed over the process tree, max over polls
        self.hwm_kb = 0  # the kernel's high-water mark of the main process
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None

    def spawn(self) -> None:
        super().spawn()
        self._poller = threading.Thread(target=self._poll, daemon=True)
        self._poller.start()

    def tree(self) -> list[int]:
        """The worker and its descendants."""
        if self.proc is None:
            return []
        parent: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                    parent[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        pids, frontier = [self.proc.pid], [self.proc.pid]
        while frontier:
            kids = [p for p, pp in parent.items() if pp in frontier]
            pids += kids
            frontier = kids
        return pids

    @staticmethod
    def _status(pid: int) -> dict[str, int]:
        out = {}
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    out[key] = int(value.split()[0])
        except OSError:
            pass
        return out

    def _poll(self) -> None:
        ticks, pids = 0, []
        while not self._stop.is_set() and self.proc and self.proc.poll() is None:
            if ticks % 10 == 0:  # rescan the tree every 5 s
                pids = self.tree()
            ticks += 1
            rss = 0
            for pid in pids:
                st = self._status(pid)
                rss += st.get("VmRSS", 0)
                if pid == self.proc.pid:
                    self.hwm_kb = max(self.hwm_kb, st.get("VmHWM", 0))
            self.rss_peak_kb = max(self.rss_peak_kb, rss)
            self._stop.wait(0.5)

    def cpu_seconds(self) -> float:
        """User + system CPU of the worker process (all its threads) so far."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK
        except (OSError, IndexError, ValueError, AttributeError):
            return 0.0

    def stages(self) -> dict[str, tuple[float, float]]:
        """(sum of seconds, count) per stage from the worker's /metrics, or {} if unreadable."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5) as resp:
                text = resp.read().decode()
        except (urllib.error.URLError, OSError):
            return {}
        found: dict[str, list[float]] = {}
        for line in text.splitlines():
            for part, i in (("copydesk_stage_seconds_sum{", 0), ("copydesk_stage_seconds_count{", 1)):
                if line.startswith(part) and 'stage="' in line:
                    stage = line.split('stage="', 1)[1].split('"', 1)[0]
                    found.setdefault(stage, [0.0, 0.0])[i] = float(line.rsplit(" ", 1)[1])
        return {k: (v[0], v[1]) for k, v in found.items()}

    def tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 30.0) -> int | None:
        self._stop.set()
        try:
            return super().stop(timeout)
        finally:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    async def delete_topics(self) -> list[str]:
        return await kafka.delete_topics(self.cfg, self.app_id)


# -- reading the outputs ------------------------------------------------------------------------


class Collector:
    """Consumes the outputs (group-less, from the beginning) and notes when each uri shows up."""

    def __init__(self, cfg: Settings) -> None:
        self.cfg = cfg
        self.names = {cfg.topics.name(k): k for k in ("dedup", "duplicates", "deadletter", "story_state")}
        self.out: dict[str, tuple[float, int]] = {}  # uri -> (received, record timestamp ms)
        self.out_topic: dict[str, str] = {}
        self.state: dict[str, tuple[float, int]] = {}  # uri -> first snapshot holding it in its timeline
        self.state_records = 0
        self.state_bytes = 0
        self.consumer: AIOKafkaConsumer | None = None
        self.task: asyncio.Task | None = None
        self.changed = asyncio.Event()

    async def start(self, wait: float = 60.0) -> None:
        deadline = time.monotonic() + wait
        while True:
            parts = await kafka.partitions(self.cfg, tuple(self.names.values()))
            if {tp.topic for tp in parts} == set(self.names):
                break
            if time.monotonic() > deadline:
                raise BenchError(f"output topics not declared by the worker: have {sorted({p.topic for p in parts})}")
            await asyncio.sleep(0.5)
        self.consumer = kafka.reader(self.cfg, fetch_max_wait_ms=50, max_partition_fetch_bytes=32 << 20,
                               fetch_max_bytes=64 << 20)
        await self.consumer.start()
        self.consumer.assign(parts)
        await kafka.rewind(self.consumer, parts)
        self.task = asyncio.create_task(self._consume())

    async def _consume(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=200)
            now = time.time()
            for tp, records in batch.items():
                kind = self.names[tp.topic]
                for rec in records:
                    if kind == "story_state":
                        self.state_records += 1
                        if rec.value is None:
                            continue
                        self.state_bytes += len(rec.value)
                        for member in orjson.loads(rec.value).get("timeline", ()):
                            uri = member.get("uri")
                            if uri and uri not in self.state:
                                self.state[uri] = (now, rec.timestamp)
                    elif rec.key is not None:
                        uri = rec.key.decode("utf-8", "replace")
                        if uri not in self.out:
                            self.out[uri] = (now, rec.timestamp)
                            self.out_topic[uri] = kind
            if batch:
                self.changed.set()

    async def wait_for(self, uris: list[str], timeout: float, table: str = "out", bar: tqdm | None = None) -> bool:
        seen = getattr(self, table)
        deadline = time.monotonic() + timeout
        done = 0
        while True:
            now_done = sum(1 for u in uris if u in seen)
            if bar is not None and now_done > done:
                bar.update(now_done - done)
            done = now_done
            if done == len(uris):
                return True
            if time.monotonic() > deadline:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=0.5)
            except asyncio.TimeoutError:
                pass

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            try:
                await self.task
            except (asyncio.CancelledError, Exception):
                pass
        if self.consumer:
            await kafka.stop(self.consumer)


# -- feeding ------------------------------------------------------------------------------------


def load_feed(path: Path, n: int, extra: int) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(the first ``n + extra`` lines as (uri, line), warm-up lines).

    Warm-up items are the feed's last items under new uris, dated 30 days before its first
    item: they load the model and open the topics, then leave the duplicate window at once.
    """
    lines = list(feed.lines(path))
    head = [(feed.uri_of(line) or f"line:{i}", line) for i, line in enumerate(lines[: n + extra])]
    first_time = next(orjson.loads(line).get("versioncreated") for _, line in head if b"versioncreated" in line)
    when = datetime.fromisoformat(first_time.replace("Z", "+00:00")) - timedelta(days=30)
    warm = []
    for line in lines[-WARMUP:]:
        obj = orjson.loads(line)
        obj["uri"] = "bench-warmup:" + str(obj.get("uri"))
        obj["versioncreated"] = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        warm.append((obj["uri"], orjson.dumps(obj)))
    return head, warm


async def produce(producer, topic: str, lines, rate: float | None = None, bar: tqdm | None = None) -> dict[str, float]:
    """Send (uri, line) pairs; returns uri -> send time (also the record's timestamp)."""
    sent: dict[str, float] = {}

    def note(key: bytes, when: float) -> None:
        sent[key.decode()] = when
        if bar is not None:
            bar.update()

    await kafka.send(producer, topic, ((uri.encode(), line) for uri, line in lines), rate, note)
    return sent


async def one_run(worker: Worker, head, warm, n: int, rate: float | None, seconds: float, progress: bool,
                  label: str, timeout: float) -> dict:
    cfg = worker.cfg
    result: dict = {"app_id": worker.app_id, "port": worker.port, "log": str(worker.log_path)}
    result["start_s"] = round(await asyncio.to_thread(worker.start), 2)
    await kafka.ensure_topics(cfg)
    collector = Collector(cfg)
    await collector.start()
    producer = kafka.producer(cfg, linger_ms=5)
    await producer.start()
    topic = cfg.topics.name("items")
    try:
        # Warm-up: the model loads on the first batch.
        t0 = time.time()
        await produce(producer, topic, warm)
        if not await collector.wait_for([u for u, _ in warm], 300):
            raise BenchError(f"warm-up items not decided in 300 s:\n{worker.tail()}")
        result["cold_start_s"] = round(max(collector.out[u][0] for u, _ in warm) - t0, 2)
        await asyncio.sleep(1.0)

        # Full speed.
        items = head[:n]
        uris = [u for u, _ in items]
        cpu0, rss_before, stages0 = worker.cpu_seconds(), worker.rss_peak_kb, worker.stages()
        samples = worker.log_path.with_suffix(".profile.txt")
        with profile.sampled(worker.proc.pid, samples):
            with tqdm(total=n, desc=f"{label}: produce", unit="item", file=sys.stderr, disable=not progress,
                      leave=False) as pbar:
                sent = await produce(producer, topic, items, bar=pbar)
            produced_s = time.time() - min(sent.values())
            with tqdm(total=n, desc=f"{label}: outputs", unit="item", file=sys.stderr, disable=not progress) as obar:
                complete = await collector.wait_for(uris, timeout, bar=obar)
        got = [u for u in uris if u in collector.out]
        if not got:
            raise BenchError(f"no outputs within {timeout:.0f} s:\n{worker.tail()}")
        first_send = min(sent.values())
        last_out = max(collector.out[u][0] for u in got)
        await collector.wait_for([u for u in got if collector.out_topic.get(u) != "deadletter"], 30, "state")
        in_state = [u for u in got if u in collector.state]
        cpu = worker.cpu_seconds() - cpu0
        full = {
            "items": n,
            "outputs": len(got),
            "complete": complete,
            "seconds": round(last_out - first_send, 2),
            "items_per_s": round(len(got) / (last_out - first_send), 1),
            "produce_items_per_s": round(n / produced_s, 1) if produced_s > 0 else None,
            "last_state_s": round(max(collector.state[u][0] for u in in_state) - first_send, 2) if in_state else None,
            "out_latency_s": percentiles([collector.out[u][0] - sent[u] for u in got]),
            "worker_cpu_s": round(cpu, 1),
            "items_per_worker_cpu_s": round(len(got) / cpu, 1) if cpu else None,
            "worker_cores_busy": round(cpu / (last_out - first_send), 2),
            "outputs_by_topic": _count(collector.out_topic[u] for u in got),
            "state_records": collector.state_records,
            "state_mb": round(collector.state_bytes / 1e6, 1),
            "rss_peak_mb_before": round(rss_before / 1024, 1),
        }
        full["stages"] = stage_delta(stages0, worker.stages(), len(got))
        full["profile"] = profile.summarise(samples)  # where the worker's busy time went
        result["full_speed"] = full

        # Set rate, on the same (now warm and loaded) worker.
        if rate and seconds > 0:
            count = int(rate * seconds)
            items = head[n : n + count]
            uris = [u for u, _ in items]
            state0, bytes0 = collector.state_records, collector.state_bytes
            with tqdm(total=len(items), desc=f"{label}: {rate:g} items/s", unit="item", file=sys.stderr,
                      disable=not progress) as rbar:
                started = time.time()
                sent = await produce(producer, topic, items, rate=rate, bar=rbar)
                produce_s = time.time() - started
            await collector.wait_for(uris, 60)
            decided = [u for u in uris if collector.out_topic.get(u) in ("dedup", "duplicates")]
            await collector.wait_for(decided, 30, "state")
            t_start = min(sent.values())
            series = []
            for u in uris:
                out = collector.out.get(u)
                st = collector.state.get(u)
                series.append({
                    "t": round(sent[u] - t_start, 3),
                    "out": round(out[0] - sent[u], 4) if out else None,
                    "state": round(st[0] - sent[u], 4) if st else None,
                    "topic": collector.out_topic.get(u),
                })
            result["set_rate"] = {
                "rate": rate,
                "seconds": seconds,
                "items": len(items),
                "achieved_rate": round(len(items) / produce_s, 2) if produce_s else None,
                "out_latency_s": percentiles([s["out"] for s in series if s["out"] is not None]),
                "state_latency_s": percentiles([s["state"] for s in series if s["state"] is not None]),
                "out_latency_broker_s": percentiles(
                    [collector.out[u][1] / 1000 - sent[u] for u in uris if u in collector.out]),
                "missing_out": sum(1 for s in series if s["out"] is None),
                "missing_state": sum(1 for u in decided if u not in collector.state),
                "state_records_per_item": round((collector.state_records - state0) / max(len(items), 1), 2),
                "state_kb_per_item": round((collector.state_bytes - bytes0) / 1e3 / max(len(items), 1), 1),
                "series": series,
            }
        result["rss_peak_mb"] = round(worker.rss_peak_kb / 1024, 1)
        result["vmhwm_mb"] = round(worker.hwm_kb / 1024, 1)
        return result
    finally:
        await producer.stop()
        await collector.stop()


def stage_delta(before: dict, after: dict, items: int) -> dict:
    """Milliseconds per item in the worker's own stage timers (``copydesk_stage_seconds``) over a phase.

    ``decide`` is timed per item (unpack, decide, publish). ``intake`` is timed per batch and
    observed as that batch's time per item, so its mean is per item when batches are full.
    """
    out = {}
    for stage in ("intake", "decide"):
        s0, n0 = before.get(stage, (0.0, 0.0))
        s1, n1 = after.get(stage, (0.0, 0.0))
        if n1 > n0:
            out[f"{stage}_ms_per_item"] = round(1000 * (s1 - s0) / (n1 - n0 if stage == "intake" else items), 2)
            out[f"{stage}_observations"] = int(n1 - n0)
    return out


def _count(values) -> dict:
    out: dict = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def run(n: int = 3000, runs: int = 3, rate: float = 20.0, seconds: float = 60.0, path: Path = DATA,
        cfg: Settings | None = None, progress: bool = True, replay_items_per_s: float | None = None,
        timeout: float | None = None) -> dict:
    """Full-speed throughput (median of ``runs`` fresh workers) and set-rate latency (last run)."""
    base = cfg or load_settings()
    if not broker_up(base):
        raise BenchError(f"no Kafka broker at {bootstrap(base)} (scripts/kafka.sh start)")
    head, warm = load_feed(path, n, int(rate * seconds) if rate else 0)
    n = min(n, len(head))
    timeout = timeout or max(300.0, n / 3)
    result: dict = {"items": n, "runs": runs, "rate": rate, "seconds": seconds,
                    "backend": base.embeddings.backend, "per_run": []}
    for r in range(runs):
        last = r == runs - 1
        worker = Worker(base)
        label = f"kafka run {r + 1}/{runs}"
        try:
            result["per_run"].append(asyncio.run(one_run(
                worker, head, warm, n, rate if last else None, seconds, progress, label, timeout)))
        finally:
            worker.stop()
            try:
                asyncio.run(worker.delete_topics())
            except Exception as exc:  # cleanup must not hide the result or the error
                print(f"bench.kafka: could not delete topics of {worker.app_id}: {exc!r}", file=sys.stderr)
    runs_ = result["per_run"]
    rates = [x["full_speed"]["items_per_s"] for x in runs_]
    result["items_per_s"] = round(statistics.median(rates), 1)
    result["runs_items_per_s"] = rates
    result["cold_start_s"] = round(statistics.median(x["cold_start_s"] for x in runs_), 2)
    result["start_s"] = round(statistics.median(x["start_s"] for x in runs_), 2)
    result["rss_peak_mb"] = max(x["rss_peak_mb"] for x in runs_)
    result["vmhwm_mb"] = max(x["vmhwm_mb"] for x in runs_)
    result["items_per_worker_cpu_s"] = round(statistics.median(
        x["full_speed"]["items_per_worker_cpu_s"] or 0 for x in runs_), 1)
    result["set_rate"] = runs_[-1].get("set_rate")
    if replay_items_per_s:
        result["replay_items_per_s"] = replay_items_per_s
        result["ratio_vs_replay"] = round(result["items_per_s"] / replay_items_per_s, 3)
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.kafka", description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    result = run(args.items, args.runs, args.rate, args.seconds)
    brief = {k: v for k, v in result.items() if k not in ("per_run", "set_rate")}
    if result.get("set_rate"):
        brief["set_rate"] = {k: v for k, v in result["set_rate"].items() if k != "series"}
    print(json.dumps(brief, indent=2))
    save_json(args.json, result)
    return result


if __name__ == "__main__":
    main()
