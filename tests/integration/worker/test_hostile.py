"""Hostile records against a real worker on the real broker: none stalls, stops or poisons it."""

from __future__ import annotations

import gzip
import itertools
import random
import time
from collections import Counter

import orjson
import pytest

from stream import deadletter
from stream.tools.jsonl import uri_of
from tests.helpers.worker import assert_event_ids_identify_events, decisions

pytestmark = [pytest.mark.kafka, pytest.mark.model]

OUTPUTS = ["dedup", "duplicates", "deadletter"]
SENTENCE = "Port workers in Rotterdam walked out on Monday over pay, the union said. "


def sized(uri: str, size: int, char: str | None = None) -> bytes:
    """An item whose JSON is exactly ``size`` bytes: news sentences, or one character repeated."""
    base = orjson.dumps({"uri": uri, "headline": f"Strike {uri}", "body_text": ""})
    unit = char or SENTENCE
    per = len(orjson.dumps(unit)) - 2  # JSON bytes per unit ('"' is two: \\")
    body = unit * ((size - len(base)) // per)
    line = orjson.dumps({"uri": uri, "headline": f"Strike {uri}", "body_text": body})
    return line + b" " * (size - len(line))  # JSON allows trailing space: exact size


def reuters(shared_data, n: int, start: int = 0) -> list[bytes]:
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rb") as fh:
        return [line.rstrip(b"\n") for line in itertools.islice(fh, start, start + n)]


def redated(line: bytes, uri: str, when: str) -> bytes:
    return orjson.dumps({**orjson.loads(line), "uri": uri, "versioncreated": when})


def produce_gzip(run, lines: list[bytes]) -> None:
    """Send with gzip: a record can then be far larger on the wire's far side than on the broker."""
    run.produce(lines, compression_type="gzip", max_request_size=64_000_000)


def by_topic(run, records) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in records:
        out.setdefault(r.topic.removeprefix(f"{run.name}."), []).append(r)
    return out


def test_a_probe_of_hostile_records_leaves_every_input_accounted_for_and_the_worker_running(run, shared_data):
    worker = run.worker()
    good = reuters(shared_data, 700)
    malformed = [b"not json", b"[1, 2]", b'{"headline": "no uri"}', b'{"uri": "x:empty"}', b'"a string"',
                 b'{"uri": "x:utf8", "headline": "caf\xe9"}', b"{", b'{"uri": 7, "headline": "number uri"}']
    malformed = [malformed[i % len(malformed)] + b" " * (i // len(malformed)) for i in range(250)]
    limit = run.cfg.input.max_item_bytes
    decided_sizes = {"x:under": sized("x:under", limit - 10_000),  # just under the item limit
                     "x:quotes-under": sized("x:quotes-under", 800_097, '"')}  # JSON escaping doubles it
    refused_sizes = {"x:over": sized("x:over", limit + 40_000),  # too_large, dead-lettered whole
                     "x:quotes-over": sized("x:quotes-over", limit + 100, '"'),
                     "x:gzip-2mb": sized("x:gzip-2mb", 2_000_000)}
    huge = sized("x:gzip-50mb", 50_000_000)  # over any record: cut, its size in a header
    deep = b'{"uri": "x:deep", "headline": "Deep", "a": ' + b"[" * 500 + b"]" * 500 + b"}"
    bigint = b'{"uri": "x:bigint", "headline": "Port strike ends", "seq": 1180591620717411303424}'
    dated = [redated(good[5], "x:future", "9999-12-31T23:59:59Z"), redated(good[6], "x:past", "0001-01-01T00:00:00Z")]
    feed = good[:350] + [bigint, *dated, *decided_sizes.values(), *refused_sizes.values(), huge, deep]
    feed += good[350:] + [good[0], good[1]]  # two uris delivered again, after the far dates
    rng = random.Random(11)
    for bad in malformed:
        feed.insert(rng.randrange(len(feed) + 1), bad)
    produce_gzip(run, feed)
    expect_decided = {uri_of(l) for l in good + [bigint, *dated]} | set(decided_sizes)
    expect_dead = len(malformed) + len(refused_sizes) + 2

    def done(records):
        t = by_topic(run, records)
        seen = {orjson.loads(r.value)["uri"] for k in ("wire.dedup", "wire.duplicates") for r in t.get(k, [])}
        return len(t.get("wire.deadletter", [])) >= expect_dead and expect_decided <= seen

    topics = by_topic(run, run.consume(OUTPUTS, until=done, timeout=400))
    out = topics.get("wire.dedup", []) + topics.get("wire.duplicates", [])
    decided = {d["uri"]: d for d in decisions(out)}
    assert expect_decided <= set(decided), f"undecided: {sorted(expect_decided - set(decided))[:20]}\n{run.problems()}"
    dead = {(r.key or b"").decode("latin-1"): r for r in topics["wire.deadletter"]}
    reasons = Counter(deadletter.reason_of(r.headers)["reason"] for r in topics["wire.deadletter"])
    assert reasons.total() == expect_dead and reasons["too_large"] == 4 and reasons["too_deep"] == 1

    # Sizes: under a limit decided, over it dead-lettered with the reason; never a stall.
    for uri, line in refused_sizes.items():
        assert deadletter.reason_of(dead[uri].headers)["reason"] == "too_large"
        assert dead[uri].value == line  # whole: it fits a dead letter
    cut = deadletter.reason_of(dead["x:gzip-50mb"].headers)
    assert cut["truncated"] == "true" and cut["original_size"] == str(len(huge))
    assert huge.startswith(dead["x:gzip-50mb"].value)
    # Deep nesting: rejected at intake, with its own key, bytes and source.
    reason = deadletter.reason_of(dead["x:deep"].headers)
    assert reason["reason"] == "too_deep" and dead["x:deep"].value == deep
    assert reason["source"].startswith(run.topic("items") + "/")
    # A big integer passes through byte for byte.
    assert bigint in next(r.value for r in out if orjson.loads(r.value)["uri"] == "x:bigint")
    # Far dates move nothing: each uri decided once; no event dated by the 9999 clock.
    per_uri: dict[str, set] = {}
    for d in decisions(out):
        per_uri.setdefault(d["uri"], set()).add((d["story_id"], d["dup_of"], d["dup_kind"]))
    assert all(len(v) == 1 for v in per_uri.values()), "a uri was decided twice"
    assert decided["x:future"]["time"] < 1e10 and decided["x:future"]["time_sent"] > 1e11
    events = [orjson.loads(r.value) for r in run.consume(["story_events"], until=lambda r: False, timeout=8)]
    assert events and max(e["time"] for e in events) < 1e10
    assert_event_ids_identify_events(events)
    # The worker still runs and says it is healthy.
    assert worker.proc.poll() is None
    status, body = worker.get_any("/health")
    assert status == 200, body


def test_the_worker_web_surface_sends_security_headers_and_hides_faust_pages(run):
    worker = run.worker()
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{worker.port}/health", timeout=10) as r:
        headers = r.headers
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    for page in ("/router/", "/table/items/", "/graph/"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{worker.port}{page}", timeout=10)
        assert err.value.code == 404 and err.value.headers["X-Frame-Options"] == "DENY"


def test_health_says_when_intake_is_stalled(run, shared_data):
    """A real stall (a failpoint holds intake at one record): /health turns 503 and says where."""
    lines = reuters(shared_data, 20)
    run.extra.update({"COPYDESK_FAILPOINT_STALL_URI": uri_of(lines[10]), "COPYDESK_HEALTH_STALL_S": "8",
                      "COPYDESK_HEALTH_CHECK_INTERVAL_S": "1", "COPYDESK_TOPICS_ITEMS_PARTITIONS": "1"})
    worker = run.worker()
    run.produce(lines)
    deadline, body = time.monotonic() + 60, {}
    while time.monotonic() < deadline:
        status, body = worker.get_any("/health")
        if status == 503 and body.get("problems"):
            break
        time.sleep(1)
    assert status == 503 and body["status"] == "unhealthy", body
    assert any(p.startswith(run.topic("items") + "/0:") and "no progress" in p for p in body["problems"])
    assert body["lag"][run.topic("items") + "/0"] > 0


@pytest.fixture
def own_broker(tmp_path):
    """A broker of this test's own (it is stopped mid-test): its home, ports and the shared jars."""
    import os
    import subprocess

    from tests.helpers.paths import ROOT, free_ports

    port, controller = free_ports(2)
    env = {**os.environ, "COPYDESK_BROKER_HOME": str(tmp_path / "kafka"), "COPYDESK_BROKER_LIB": str(ROOT / ".kafka" / "lib"),
           "COPYDESK_BROKER_PORT": str(port), "COPYDESK_BROKER_CONTROLLER_PORT": str(controller)}
    script = str(ROOT / "scripts" / "kafka.sh")

    def control(action: str) -> None:
        subprocess.run([script, action], env=env, check=True, capture_output=True, timeout=120)

    control("start")
    yield port, control
    control("stop")


def test_health_and_the_log_through_a_broker_outage(run, shared_data, own_broker):
    port, control = own_broker
    run.extra.update({"COPYDESK_KAFKA_BROKER": f"kafka://127.0.0.1:{port}", "COPYDESK_HEALTH_CHECK_INTERVAL_S": "1",
                      "COPYDESK_HEALTH_BROKER_TIMEOUT_S": "5"})
    worker = run.worker()
    lines = reuters(shared_data, 60)
    produce_gzip(run, lines[:30])
    run.consume(["dedup", "duplicates"], until=lambda r: len(r) >= 30, timeout=120)

    control("stop")
    before = worker.log.stat().st_size
    outage_started = time.monotonic()
    status, body = 200, {}
    while time.monotonic() - outage_started < 25:
        status, body = worker.get_any("/health")
        time.sleep(1)
    grown = worker.log.stat().st_size - before
    errors = sum("ERROR" in l for l in worker.log.read_text(errors="replace").splitlines())
    assert status == 503 and any(p.startswith("broker:") for p in body["problems"]), body
    assert grown < 500_000 and errors < 500, f"{grown} bytes, {errors} ERROR lines in a 25 s outage"

    control("start")
    produce_gzip(run, lines[30:])
    records = decisions(run.consume(["dedup", "duplicates"], until=lambda r: len(r) >= 60, timeout=180))
    assert {r["uri"] for r in records} == {uri_of(l) for l in lines}, run.problems()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and worker.get_any("/health")[0] != 200:
        time.sleep(1)
    assert worker.get_any("/health")[0] == 200 and worker.proc.poll() is None
