"""Real workers for the tests and the bench: ``faust -A stream.app worker`` as a process.

A :class:`Run` is one isolated deployment on a shared broker: its own app id and topic
prefix (so runs never see each other's data), and the ``COPYDESK_*`` environment that
selects them. Each :class:`Worker` of a run gets its own web port, table directory and log,
and counts as started once ``/health`` answers 200.

>>> run = Run("t0001", Path("/tmp/t0001"), extra={"COPYDESK_WEB_BIND": "127.0.0.1"})
>>> run.env["COPYDESK_TOPICS_PREFIX"], run.topic("items")
('t0001.', 't0001.wire.items')
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args, get_origin

import orjson

from stream import kafka, settings
from stream.settings import Settings
from stream.tools.jsonl import keyed

RESERVED_PORTS = frozenset({6066, 6067})  # the default worker and dashboard ports: someone's own
FAST_FAILOVER = {  # a killed worker's partitions move in seconds, not the default 30
    "COPYDESK_KAFKA_SESSION_TIMEOUT_S": "6",
    "COPYDESK_KAFKA_HEARTBEAT_INTERVAL_S": "1",
}
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}  # models from local files only
PROBLEM_MARKS = ("[ERROR]", "[CRITICAL]", "Traceback", "rebalancing", "Error")


class WorkerError(AssertionError):
    """A worker exited, or never became healthy; the message ends with its log's tail."""


def free_ports(n: int) -> list[int]:
    """``n`` distinct ports nothing listens on right now (all held open until chosen), none
    of them a default copydesk port."""
    socks: list[socket.socket] = []
    try:
        while len(socks) < n:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            if s.getsockname()[1] in RESERVED_PORTS:
                s.close()
                continue
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def settings_env(cfg: Settings) -> dict[str, str]:
    """Every setting as its ``COPYDESK_<SECTION>_<KEY>`` variable (constants like ``Literal[1]`` left out)."""
    env = {}
    for section, model in cfg:
        for key, value in model:
            annotation = type(model).model_fields[key].annotation
            if get_origin(annotation) is Literal and not all(isinstance(a, str) for a in get_args(annotation)):
                continue  # a fixed number: the environment cannot say it (strings do not validate as Literal[1])
            env[f"COPYDESK_{section}_{key}".upper()] = str(value)
    return env


def settings_under(env: dict[str, str]) -> Settings:
    """The settings a process started with ``env`` (on top of ours) would read."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return settings.load()
    finally:
        os.environ.clear()
        os.environ.update(saved)


@dataclass
class Run:
    """One isolated copydesk deployment: app id, topic prefix, and the env that selects them."""

    name: str
    home: Path  # worker logs, and table directories unless given
    extra: dict = field(default_factory=dict)  # COPYDESK_* for every worker, over the names
    pinned: dict = field(default_factory=dict)  # COPYDESK_* under the names (the bench pins every setting)
    workers: list[Worker] = field(default_factory=list)

    @classmethod
    def new(cls, home: Path, prefix: str = "t", **fields) -> Run:
        return cls(f"{prefix}{uuid.uuid4().hex[:8]}", home, **fields)

    @property
    def env(self) -> dict[str, str]:
        return {**self.pinned, "COPYDESK_KAFKA_APP_ID": self.name, "COPYDESK_TOPICS_PREFIX": f"{self.name}.",
                **self.extra}

    @property
    def cfg(self) -> Settings:
        return settings_under(self.env)

    def topic(self, key: str) -> str:
        return self.cfg.topics.name(key)

    def worker(self, label: str = "w1", data_dir: Path | None = None, timeout: float = 180) -> Worker:
        """A new worker of this run, started and healthy."""
        w = Worker(self, label, data_dir or self.home / f"tables-{label}")
        self.workers.append(w)
        w.start(timeout)
        return w

    def problems(self, limit: int = 40) -> str:
        """Every worker's ERROR/CRITICAL lines and rebalance warnings: what to read when a test fails."""
        lines = []
        for w in self.workers:
            text = w.log.read_text(errors="replace") if w.log.exists() else ""
            lines += [f"{w.label}: {line[:300]}" for line in text.splitlines() if any(m in line for m in PROBLEM_MARKS)]
        return "\n".join(lines[-limit:]) or "(no errors in the worker logs)"

    def produce(self, lines: Iterable[bytes], rate: float | None = None, **options) -> int:
        """Send JSON lines to the input topic, keyed by uri; ``options`` go to the producer."""

        async def go() -> int:
            producer = kafka.producer(self.cfg, **options)
            await producer.start()
            try:
                return await kafka.send(producer, self.topic("items"), keyed(lines), rate)
            finally:
                await producer.stop()

        return asyncio.run(go())

    def consume(self, keys: Iterable[str], until: Callable[[list], bool] = lambda records: False,
                timeout: float = 120) -> list:
        """Every record on the topics named by ``keys``, from the beginning, until ``until(records)``."""
        return asyncio.run(kafka.read_from_start(self.cfg, keys, until, timeout))

    def delete_topics(self) -> list[str]:
        return asyncio.run(kafka.delete_topics(self.cfg, self.name))


class Worker:
    """``faust -A stream.app worker`` as a real process of a :class:`Run`."""

    def __init__(self, run: Run, label: str, data_dir: Path) -> None:
        self.run, self.label, self.data_dir = run, label, Path(data_dir)
        self.port = free_ports(1)[0]
        self.log = run.home / f"worker-{label}.log"
        self.proc: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, **self.run.env, "COPYDESK_WEB_PORT": str(self.port),
                "COPYDESK_STORE_DATA_DIR": str(self.data_dir), "PYTHONUNBUFFERED": "1", **OFFLINE}

    @property
    def cfg(self) -> Settings:
        return settings_under(self.env)

    def start(self, timeout: float = 180) -> float:
        """Start and wait for /health 200; returns the seconds that took."""
        started = time.monotonic()
        self.spawn()
        self.wait_healthy(timeout)
        return time.monotonic() - started

    def spawn(self) -> None:
        """The process, in a session of its own (signals reach its children), logging to ``log``."""
        faust = Path(sys.executable).parent / "faust"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(faust) if faust.exists() else "faust", "-A", "stream.app", "worker", "-l", "info"],
                cwd=settings.ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise WorkerError(f"worker {self.label} exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                if self.get("/health", timeout=2)[0] == 200:
                    return
            except OSError:  # not listening yet, or 503 (HTTPError is an OSError)
                pass
            time.sleep(0.5)
        raise WorkerError(f"worker {self.label} not healthy after {timeout:.0f}s:\n{self.tail()}")

    def get(self, path: str, timeout: float = 10) -> tuple[int, bytes]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as r:
            return r.status, r.read()

    def get_any(self, path: str) -> tuple[int, dict]:
        """Status and JSON body, errors (503) included."""
        try:
            status, body = self.get(path)
        except urllib.error.HTTPError as err:
            status, body = err.code, err.read()
        return status, orjson.loads(body) if body else {}

    def _signal(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass  # gone already

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final commit, no flush."""
        if self.proc and self.proc.poll() is None:
            self._signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM, and SIGKILL if it has not stopped within ``timeout``; returns the exit code."""
        if self.proc and self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.proc.returncode if self.proc else None

    def tail(self, n: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:]) if self.log.exists() else ""
