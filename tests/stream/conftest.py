"""Fixtures for the stream layer: the real local broker and real worker processes.

Every test run gets its own app id and topic prefix, and every worker its own web port and
table directory, so runs never see each other's data. Session timeouts are short so that a
killed worker's partitions move in seconds.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from stream.kafka import reader, rewind
from stream.tools.produce import partitions, stop
from stream.settings import load
from tests.conftest import BROKER, ROOT, free_ports

@dataclass
class Run:
    """One isolated copydesk deployment: app id, topic prefix, and the env that selects them."""

    name: str
    tmp: Path
    extra: dict = field(default_factory=dict)
    workers: list = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {
            "COPYDESK_KAFKA_APP_ID": self.name,
            "COPYDESK_TOPICS_PREFIX": f"{self.name}.",
            "COPYDESK_KAFKA_SESSION_TIMEOUT_S": "6",
            "COPYDESK_KAFKA_HEARTBEAT_INTERVAL_S": "1",
            **self.extra,
        }

    @property
    def cfg(self):
        saved = dict(os.environ)
        os.environ.update(self.env)
        try:
            return load()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def topic(self, key: str) -> str:
        return self.cfg.topics.name(key)

    def problems(self, limit: int = 40) -> str:
        """Every worker's ERROR/CRITICAL lines and rebalance warnings: what to read when a test fails."""
        lines = []
        for w in self.workers:
            text = w.log.read_text(errors="replace") if w.log.exists() else ""
            lines += [f"{w.label}: {l[:300]}" for l in text.splitlines()
                      if any(m in l for m in ("[ERROR]", "[CRITICAL]", "Traceback", "rebalancing", "Error"))]
        return "\n".join(lines[-limit:]) or "(no errors in the worker logs)"

    def worker(self, label: str = "w1", data_dir: Path | None = None) -> Worker:
        w = Worker(self, label, data_dir or self.tmp / f"tables-{label}")
        self.workers.append(w)
        return w.start()


class Worker:
    """``faust -A stream.app worker`` as a real process."""

    def __init__(self, run: Run, label: str, data_dir: Path) -> None:
        self.run, self.label, self.data_dir = run, label, data_dir
        self.port = free_ports(1)[0]
        self.log = run.tmp / f"worker-{label}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> Worker:
        env = {
            **os.environ,
            **self.run.env,
            "COPYDESK_WEB_PORT": str(self.port),
            "COPYDESK_STORE_DATA_DIR": str(self.data_dir),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
        faust = Path(sys.executable).parent / "faust"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(faust), "-A", "stream.app", "worker", "-l", "info"], cwd=ROOT, env=env,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"worker {self.label} exited:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"worker {self.label} not healthy after {timeout}s:\n{self.tail()}")

    def get(self, path: str):
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as r:
            return r.status, r.read()

    def get_any(self, path: str) -> tuple[int, dict]:
        """Status and JSON body, errors (503) included."""
        import urllib.error

        try:
            status, body = self.get(path)
        except urllib.error.HTTPError as err:
            status, body = err.code, err.read()
        return status, orjson.loads(body) if body else {}

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final commit, no flush."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def tail(self, n: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:]) if self.log.exists() else ""


@pytest.fixture
def run(broker, tmp_path, request):
    """A fresh deployment for one test; its workers are stopped afterwards."""
    r = Run(f"t{uuid.uuid4().hex[:8]}", tmp_path)
    yield r
    for w in r.workers:
        w.kill()
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        for w in r.workers:
            print(f"--- worker {w.label} log ---\n{w.tail(80)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


# -- Kafka I/O ------------------------------------------------------------------------


def produce(run: Run, lines: Iterable[bytes], rate: float | None = None) -> int:
    from stream.tools.jsonl import uri_of

    async def go() -> int:
        producer = AIOKafkaProducer(bootstrap_servers=BROKER, acks="all", max_request_size=8_000_000)
        await producer.start()
        n, started = 0, time.monotonic()
        try:
            for line in lines:
                uri = uri_of(line)
                await producer.send(run.topic("items"), value=line, key=uri.encode() if uri else None)
                n += 1
                if rate:
                    await asyncio.sleep(max(0.0, n / rate - (time.monotonic() - started)))
            await producer.flush()
        finally:
            await producer.stop()
        return n

    return asyncio.run(go())


def consume(run: Run, keys: Iterable[str], until=lambda records: False, timeout: float = 120) -> list:
    """Every record on the topics named by ``keys``, from the beginning, until ``until(records)``."""

    async def go() -> list:
        cfg = run.cfg
        records: list = []
        deadline = time.monotonic() + timeout
        parts = []
        while not parts and time.monotonic() < deadline:
            parts = await partitions(cfg, list(keys))
            if not parts:
                await asyncio.sleep(0.5)
        consumer = reader(cfg)
        await consumer.start()
        try:
            consumer.assign(parts)
            await rewind(consumer, parts)
            while time.monotonic() < deadline and not until(records):
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    records.extend(batch)
        finally:
            await stop(consumer)
        return records

    return asyncio.run(go())


def decisions(records) -> list[dict]:
    return [orjson.loads(r.value) for r in records if r.value is not None]


def latest_state(run: Run, timeout: float = 30, settle: float = 3.0) -> dict[str, dict]:
    """stories.state as a compacted view: the latest snapshot per story id (tombstones delete)."""
    seen: dict[bytes, bytes | None] = {}
    marks = {"n": -1, "t": time.monotonic()}

    def settled(records) -> bool:  # no new records for `settle` seconds
        if len(records) != marks["n"]:
            marks["n"], marks["t"] = len(records), time.monotonic()
        return time.monotonic() - marks["t"] > settle

    for r in consume(run, ["story_state"], until=settled, timeout=timeout):
        seen[r.key] = r.value
    return {k.decode(): orjson.loads(v) for k, v in seen.items() if v is not None}


def assert_event_ids_identify_events(events: list[dict]) -> None:
    """An id seen twice is the same event sent again (drop it); a story is created once."""
    by_id: dict[str, dict] = {}
    for e in events:
        assert by_id.setdefault(e["id"], e) == e, f"two different events share the id {e['id']}"
    created = Counter(e["story_id"] for e in by_id.values() if e["type"] == "created")
    assert set(created.values()) == {1}
