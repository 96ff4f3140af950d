"""``scripts/kafka.sh`` for real: a local KRaft broker started, probed and stopped by the script.

Every test gets its own broker home (``COPYDESK_BROKER_HOME`` under ``tmp_path``) and free ports,
and runs the script from outside the repo, so a broker a developer (or ``scripts/test.sh``) runs
on 9092 is never touched. The jars are shared with the developer's ``.kafka/lib``
(``COPYDESK_BROKER_LIB``): they are resolved once, by the first test that needs them.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers.paths import free_ports

from tests.helpers.paths import ROOT
SCRIPT = ROOT / "scripts" / "kafka.sh"
SHARED_LIB = Path(os.environ.get("COPYDESK_BROKER_LIB") or ROOT / ".kafka" / "lib")


def _have_java() -> bool:
    java_home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (java_home and Path(java_home, "bin", "java").exists()))


pytestmark = [
    pytest.mark.kafka,
    pytest.mark.skipif(not _have_java(), reason="no java on PATH (Kafka needs Java 17+)"),
    pytest.mark.skipif(
        not shutil.which("mvn") and not (SHARED_LIB / ".pom.sha256").exists(),
        reason="no Maven to resolve Kafka's jars, and none resolved yet",
    ),
]


def pid_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return not re.search(r"^State:\s+[ZX]", state, re.M)


@dataclass
class Run:
    rc: int
    out: str  # stdout and stderr, in that order
    seconds: float


@dataclass
class Home:
    """One broker home: its directory, ports and the environment the script runs with."""

    path: Path
    port: int
    controller_port: int
    cwd: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.path / "broker.pid"

    def env(self, **overrides: str) -> dict[str, str]:
        # A developer's own COPYDESK_KAFKA_* settings must not leak into the tests.
        env = {k: v for k, v in os.environ.items() if not k.startswith("COPYDESK_BROKER_")}
        env.update(
            COPYDESK_BROKER_HOME=str(self.path),
            COPYDESK_BROKER_LIB=str(SHARED_LIB),
            COPYDESK_BROKER_PORT=str(self.port),
            COPYDESK_BROKER_CONTROLLER_PORT=str(self.controller_port),
        )
        env.update(self.extra_env)
        env.update(overrides)
        return env

    def run(self, *args: str, timeout: float = 180, **env: str) -> Run:
        started = time.monotonic()
        proc = subprocess.run(
            [str(SCRIPT), *args],
            cwd=self.cwd,  # not the repo: the script must find its files by itself
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Run(proc.returncode, proc.stdout + proc.stderr, time.monotonic() - started)

    def broker_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def start(self) -> Run:
        run = self.run("start")
        assert run.rc == 0, run.out
        return run


@pytest.fixture(scope="session")
def jars() -> Path:
    """Kafka's jars in the shared lib dir, resolved with Maven on first use."""
    home = Path(os.environ.get("TMPDIR", "/tmp"))
    proc = subprocess.run(
        [str(SCRIPT), "fetch"],
        cwd=home,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("COPYDESK_BROKER_")},
            "COPYDESK_BROKER_LIB": str(SHARED_LIB),
        },
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return SHARED_LIB


@pytest.fixture
def home(tmp_path: Path):
    port, controller_port = free_ports(2)
    work = tmp_path / "elsewhere"
    work.mkdir()
    h = Home(tmp_path / "kafka-home", port, controller_port, cwd=work)
    yield h
    # Never leave a broker behind, whatever the test did.
    if h.path.exists():
        h.run("stop", timeout=60)
    pid = h.broker_pid()
    if pid and pid_alive(pid):
        os.kill(pid, signal.SIGKILL)


def listening_addresses(port: int) -> list[str]:
    """Local addresses of the TCP listeners on ``port`` (from ss)."""
    out = subprocess.run(["ss", "-Hltn"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        local = line.split()[3]
        addr, _, p = local.rpartition(":")
        if p == str(port):
            found.append(addr)
    return found


# --- no broker needed ----------------------------------------------------------------------


def test_status_when_stopped(home: Home):
    run = home.run("status")
    assert run.rc == 3, run.out
    assert "stopped" in run.out


def test_unknown_command_prints_usage(home: Home):
    run = home.run("restart")
    assert run.rc == 2
    assert "usage: scripts/kafka.sh start | stop | status" in run.out


def test_stale_pid_file_is_cleaned_up(home: Home):
    dead = subprocess.Popen(["true"])
    dead.wait()
    home.path.mkdir(parents=True)
    home.pid_file.write_text(f"{dead.pid}\n")
    run = home.run("status")
    assert run.rc == 3, run.out
    assert "stale pid file" in run.out
    assert not home.pid_file.exists()


@pytest.mark.parametrize("which", ["port", "controller_port"])
def test_port_in_use_is_a_clear_quick_error(home: Home, which: str):
    busy = getattr(home, which)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", busy))
        listener.listen()
        run = home.run("start", timeout=60)
    assert run.rc != 0, run.out
    assert run.seconds < 15, f"took {run.seconds:.1f} s"
    assert f"port {busy} is already in use" in run.out
    if shutil.which("ss"):  # names the process holding it (this pytest)
        assert f"pid {os.getpid()}" in run.out, run.out
    assert not home.pid_file.exists()


def test_data_dir_locked_by_another_process(home: Home):
    # Kafka locks <data>/.lock with fcntl while it runs; hold that lock the same way.
    data = home.path / "data"
    data.mkdir(parents=True)
    with open(data / ".lock", "a") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        run = home.run("start", timeout=60)
    assert run.rc != 0, run.out
    assert "is locked by another process" in run.out
    assert f"pid {os.getpid()}" in run.out
    assert not home.pid_file.exists()


# --- a real broker -------------------------------------------------------------------------


def test_lifecycle_start_status_stop_reset(home: Home, jars: Path):
    run = home.start()
    print(run.out)
    assert f"ready at {home.address}" in run.out
    ready = re.search(r"ready ([0-9.]+) s after launch", run.out)
    rss = re.search(r"RSS (\d+) MB", run.out)
    assert ready and rss, run.out
    assert 0 < float(ready.group(1)) < 90
    assert int(rss.group(1)) > 50
    assert "formatting KRaft storage" in run.out  # a new home is formatted once
    pid = home.broker_pid()
    assert pid and pid_alive(pid)

    if shutil.which("ss"):  # loopback only, both listeners
        for port in (home.port, home.controller_port):
            addrs = listening_addresses(port)
            assert addrs and set(addrs) <= {"127.0.0.1", "[::ffff:127.0.0.1]"}, addrs

    run = home.run("status")
    assert run.rc == 0, run.out
    assert f"running: pid {pid} at {home.address}" in run.out

    run = home.run("start")
    assert run.rc == 0, run.out
    assert "already running" in run.out
    assert run.seconds < 10
    assert home.broker_pid() == pid

    run = home.run("logs", "5")
    assert run.rc == 0 and run.out.count("\n") == 5, run.out

    run = home.run("stop", timeout=90)
    assert run.rc == 0, run.out
    assert "stopped in" in run.out
    assert not pid_alive(pid)
    assert not home.pid_file.exists()

    run = home.run("stop")
    assert run.rc == 0, run.out
    assert "not running" in run.out

    run = home.run("status")
    assert run.rc == 3, run.out

    cluster_id = (home.path / "cluster.id").read_text()
    run = home.run("reset")
    assert run.rc == 0, run.out
    assert not (home.path / "data").exists()
    assert (home.path / "cluster.id").read_text() == cluster_id  # kept across resets
    assert any(SHARED_LIB.glob("kafka_2.13-*.jar"))  # jars kept


def test_jvm_exiting_during_start_fails_at_once(home: Home, jars: Path):
    # A heap the JVM cannot reserve: the JVM dies right away, before Kafka logs anything.
    run = home.run("start", timeout=120, COPYDESK_BROKER_HEAP="1000000g")
    assert run.rc != 0, run.out
    assert "exited during start-up" in run.out
    assert "Could not reserve enough space" in run.out  # the JVM's own words, from kafka.out
    assert run.seconds < 45, f"took {run.seconds:.1f} s"
    assert not home.pid_file.exists()


def test_start_timeout_stops_the_broker(home: Home, jars: Path):
    run = home.run("start", timeout=120, COPYDESK_BROKER_START_TIMEOUT="0")
    assert run.rc != 0, run.out
    assert "not ready within 0 s" in run.out
    assert not home.pid_file.exists()
    assert home.run("status").rc == 3


# --- a real client -------------------------------------------------------------------------


async def _produce(address: str, topic: str, messages: list[tuple[bytes, bytes]]) -> None:
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=address, acks="all")
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


async def _consume(address: str, topic: str, group: str, n: int) -> list[tuple[bytes, bytes]]:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=address,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        got: list[tuple[bytes, bytes]] = []
        deadline = time.monotonic() + 60
        while len(got) < n and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                got.extend((r.key, r.value) for r in records)
        await consumer.commit()
        return got
    finally:
        await consumer.stop()


def test_produce_consume_round_trip_with_aiokafka(home: Home, jars: Path):
    pytest.importorskip("aiokafka")
    home.start()
    topic = "copydesk.test.roundtrip"  # created on first use (auto.create.topics.enable)
    messages = [(f"k{i}".encode(), f"wire item {i}".encode()) for i in range(3)]

    asyncio.run(_produce(home.address, topic, messages))
    assert asyncio.run(_consume(home.address, topic, "g1", len(messages))) == messages

    # Data survives a restart, and the storage is not formatted again.
    assert home.run("stop", timeout=90).rc == 0
    run = home.start()
    assert "formatting" not in run.out
    assert asyncio.run(_consume(home.address, topic, "g2", len(messages))) == messages
