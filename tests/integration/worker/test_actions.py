"""Editors' actions, alerts and explanations on a real worker, broker and model.

Actions go through the worker's ``POST /actions`` (with the token) or the CLI, onto
``desk.actions``, and stand across a SIGKILL and a restart on an empty table directory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request

import orjson
import pytest

from tests.helpers.desk import FIRE, STRIKE, at
from tests.helpers.worker import decisions, latest_state

pytestmark = [pytest.mark.kafka, pytest.mark.model]

TOKEN = "s3cret-desk-token"
OUTPUTS = ["dedup", "duplicates"]


def line(uri: str, text: tuple[str, str], minutes: float, holder: str = "AP", **fields) -> bytes:
    return orjson.dumps({"uri": uri, "headline": text[0], "body_text": text[1], "versioncreated": at(minutes),
                         "copyrightholder": holder, "language": "en", **fields})


def post(worker, doc, token: str | None = TOKEN) -> tuple[int, dict]:
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    req = urllib.request.Request(f"http://127.0.0.1:{worker.port}/actions", data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def decided(run, uris: list[str], timeout: float = 240) -> dict[str, dict]:
    want = set(uris)
    records = decisions(run.consume(OUTPUTS, until=lambda rs: want <= {orjson.loads(r.value)["uri"] for r in rs if r.value},
                                    timeout=timeout))
    return {r["uri"]: r for r in records}


def events_of(run, until, timeout: float = 60) -> list[dict]:
    return [orjson.loads(r.value) for r in run.consume(["story_events"], until=lambda rs: until(
        [orjson.loads(r.value) for r in rs]), timeout=timeout)]


@pytest.fixture
def desk_run(run):
    run.extra["COPYDESK_WEB_TOKEN"] = TOKEN
    return run


def test_the_write_side_needs_the_token_and_says_why_it_refuses(run, tmp_path):
    closed = run.worker("read-only")  # no web.token: nothing may act
    status, body = post(closed, {"action": "pin", "story": "st-1", "headline": "x", "who": "ed"})
    assert status == 403 and "web.token" in body["error"]
    closed.kill()
    run.extra["COPYDESK_WEB_TOKEN"] = TOKEN
    w = run.worker("open", data_dir=tmp_path / "open")
    assert post(w, {"action": "pin", "story": "st-1", "headline": "x", "who": "ed"}, token=None)[0] == 401
    assert post(w, {"action": "pin", "story": "st-1", "headline": "x", "who": "ed"}, token="guess")[0] == 401
    status, body = post(w, {"action": "merge", "story": "st-1", "who": "ed"})
    assert status == 400 and "into" in body["error"]
    assert post(w, b"{not json")[0] == 400
    status, body = post(w, {"action": "pin", "story": "st-nosuch", "headline": "Pinned", "who": "ed"})
    assert status == 202  # well-formed: on desk.actions; the desk refuses the unknown story
    dead = run.consume(["deadletter"], until=lambda rs: len(rs) >= 1, timeout=60)
    headers = dict(dead[0].headers)
    assert headers["copydesk.reason"] == b"bad_action" and b"st-nosuch" in headers["copydesk.detail"]
    assert w.get("/health")[0] == 200  # and the worker goes on


def test_apart_and_a_merge_stand_across_a_crash_and_an_empty_table_directory(desk_run, tmp_path):
    run = desk_run
    first = run.worker("before")
    run.produce([line("ap:strike:1", STRIKE, 0), line("afp:fire:1", FIRE, 5, holder="AFP")])
    out = decided(run, ["ap:strike:1", "afp:fire:1"])
    strike, fire = out["ap:strike:1"]["story_id"], out["afp:fire:1"]["story_id"]
    assert strike != fire
    # A near-identical later item, kept apart before it exists; and the CLI merges the two stories.
    assert post(first, {"action": "apart", "uri": "reuters:strike:9", "with": "ap:strike:1", "who": "ed"})[0] == 202
    cli = subprocess.run([sys.executable, "-m", "stream.tools.cli", "story", "--who", "ed", "--why", "test",
                          "--url", f"http://127.0.0.1:{first.port}", "merge", fire, strike],
                         capture_output=True, text=True, env=first.env, timeout=60)
    assert cli.returncode == 0, cli.stderr
    merged = events_of(run, lambda es: any(e["type"] == "merged" for e in es))
    audit = [e for e in merged if e["type"] == "action"]
    assert {a["action"] for a in audit} >= {"merge", "apart"} and all(a["who"] == "ed" for a in audit)
    first.kill()  # SIGKILL: nothing flushed

    second = run.worker("after", data_dir=tmp_path / "empty-tables")  # state only from the changelogs
    run.produce([line("reuters:strike:9", STRIKE, 30, holder="Reuters")])
    later = decided(run, ["reuters:strike:9"])["reuters:strike:9"]
    assert later["story_id"] not in (strike, fire)  # apart held against near-identical copy
    state = latest_state(run)
    assert state[fire]["status"] == "merged" and state[fire]["merged_into"] == strike
    status, body = second.get(f"/stories/{fire}")
    assert status == 200 and orjson.loads(body)["id"] == strike  # the merged id redirects
    status, body = second.get("/explain?uri=reuters%3Astrike%3A9")
    why = orjson.loads(body)["why"]
    assert status == 200 and "editor" in json.dumps(why)


def test_a_breaking_alert_fires_once_across_a_redelivery(desk_run, tmp_path):
    run = desk_run
    first = run.worker("before")
    burst = [line("ap:strike:1", STRIKE, 0), line("afp:strike:1", STRIKE, 4, holder="AFP"),
             line("reuters:strike:1", STRIKE, 8, holder="Reuters")]
    run.produce(burst)
    decided(run, ["ap:strike:1", "afp:strike:1", "reuters:strike:1"])
    alerts = run.consume(["alerts"], until=lambda rs: any(b"breaking" in r.value for r in rs if r.value), timeout=60)
    first.kill()
    # The same records again (as after a crash before their offsets were committed), on a new worker.
    run.produce(burst)
    run.worker("after", data_dir=tmp_path / "empty-tables")
    run.produce([line("dpa:strike:1", STRIKE, 12, holder="dpa")])  # the same burst goes on
    decided(run, ["dpa:strike:1"])
    alerts = [orjson.loads(r.value) for r in run.consume(["alerts"], timeout=10) if r.value]
    breaking = {a["id"] for a in alerts if a["type"] == "breaking"}
    assert len(breaking) == 1, alerts
