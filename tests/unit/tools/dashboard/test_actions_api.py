"""The dashboard's write side and alerts, without Kafka: POST /api/actions (token, validation,
the record handed to the producer), GET /api/config, the alerts store and GET /api/alerts."""

from __future__ import annotations

import asyncio

import orjson
import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer

from stream import security
from stream.actions import parse_action
from stream.settings import load
from stream.tools.dashboard import server
from stream.tools.dashboard.follow import StoryStore

TOKEN = "s3cret-token"


class FakeSender:
    """Stands in for the Kafka producer: keeps what it was given."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.sent: list[tuple[str, bytes, bytes]] = []
        self.started = self.stopped = False
        self.fail = fail

    async def start(self) -> None:
        self.started = True

    async def send(self, topic: str, key: bytes, value: bytes) -> None:
        if self.fail:
            raise self.fail
        self.sent.append((topic, key, value))

    async def stop(self) -> None:
        self.stopped = True


async def _client(token: str, store: StoryStore | None = None, sender: FakeSender | None = None):
    cfg = load(web={"token": token}, topics={"prefix": "t."})
    sender = sender or FakeSender()
    app = server.make_app(cfg, store=store or StoryStore(), feed=False, sender=sender)
    client = TestClient(TestServer(app))
    await client.start_server()
    client.sender = sender
    return client


@pytest_asyncio.fixture
async def writable():
    c = await _client(TOKEN)
    try:
        yield c
    finally:
        await c.close()


@pytest_asyncio.fixture
async def read_only():
    c = await _client("")
    try:
        yield c
    finally:
        await c.close()


MERGE = {"action": "merge", "story": "st-a", "into": "st-b", "why": "same fire"}


def _auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


# ---------------------------------------------------------------------------------------------
# POST /api/actions


@pytest.mark.asyncio
async def test_no_token_configured_means_read_only(read_only):
    resp = await read_only.post("/api/actions", json=MERGE, headers=_auth("anything"))
    assert resp.status == 403
    assert (await resp.json())["error"] == "read-only: set web.token (COPYDESK_WEB_TOKEN)"
    resp = await read_only.post("/api/actions", json=MERGE, headers=_auth(""))
    assert resp.status == 403
    assert read_only.sender.sent == []
    assert not read_only.sender.started  # no producer without writes
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": "Bearer"},
     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN}],
)
async def test_missing_or_wrong_token_is_401(writable, headers):
    resp = await writable.post("/api/actions", json=MERGE, headers=headers)
    assert resp.status == 401
    body = await resp.json()
    assert "token" in body["error"] and TOKEN not in body["error"]
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert writable.sender.sent == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body, reason",
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "an action is a JSON object"),
        (orjson.dumps({"action": "explode"}), "unknown action 'explode'"),
        (orjson.dumps({"action": "move", "uri": "ap:1"}), "move: missing field 'to'"),
        (orjson.dumps({"action": "merge", "story": "st-a", "into": "st-a"}), "merge: a story cannot merge into itself"),
        (orjson.dumps({"action": "rekind", "uri": "ap:1", "kind": "poetry"}), "rekind: kind 'poetry' is none of"),
        (orjson.dumps({**MERGE, "time": "2016-06-04T13:05:00"}), "has no time zone"),
    ],
)
async def test_a_bad_action_is_400_with_the_reason(writable, body, reason):
    resp = await writable.post("/api/actions", data=body, headers={**_auth(), "Content-Type": "application/json"})
    assert resp.status == 400
    assert reason in (await resp.json())["error"]
    assert writable.sender.sent == []


@pytest.mark.asyncio
async def test_a_good_action_goes_to_desk_actions_keyed_by_its_id(writable):
    resp = await writable.post("/api/actions", json=MERGE, headers=_auth())
    assert resp.status == 202
    answer = await resp.json()
    assert answer["id"].startswith("act-")
    [(topic, key, value)] = writable.sender.sent
    assert topic == "t.desk.actions"
    assert key == answer["id"].encode()
    record = orjson.loads(value)
    assert record["who"] == "dashboard"  # no name given
    assert isinstance(record["time"], float)  # "now" was added, as ISO 8601, and parsed
    again = parse_action(record)  # the worker reads it back as the same action
    assert (again.action, again.story, again.into, again.why, again.id) == ("merge", "st-a", "st-b", "same fire", answer["id"])


@pytest.mark.asyncio
async def test_the_editors_name_time_and_id_are_kept(writable):
    body = {"action": "pin", "story": "st-a", "headline": "Fire in port", "who": "kim",
            "time": "2016-06-04T13:05:00Z", "id": "dash-1"}
    resp = await writable.post("/api/actions", json=body, headers=_auth())
    assert resp.status == 202
    assert (await resp.json())["id"] == "dash-1"
    record = orjson.loads(writable.sender.sent[0][2])
    assert record["who"] == "kim" and record["id"] == "dash-1" and record["time"] == 1465045500.0
    assert writable.sender.sent[0][1] == b"dash-1"
    # unpin: headline null is an action too
    resp = await writable.post("/api/actions", json={"action": "pin", "story": "st-a", "headline": None}, headers=_auth())
    assert resp.status == 202
    assert orjson.loads(writable.sender.sent[1][2])["headline"] is None


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        {"action": "move", "uri": "ap:1", "to": "new"},
        {"action": "move", "uri": "ap:1", "to": "st-b"},
        {"action": "apart", "uri": "ap:1", "with": "st-a"},
        {"action": "rekind", "uri": "ap:1", "kind": "advisory"},
    ],
)
async def test_every_action_of_the_page_is_accepted(writable, body):
    resp = await writable.post("/api/actions", json=body, headers=_auth())
    assert resp.status == 202, await resp.text()
    assert orjson.loads(writable.sender.sent[0][2])["action"] == body["action"]


@pytest.mark.asyncio
async def test_a_broker_that_does_not_take_it_is_503():
    c = await _client(TOKEN, sender=FakeSender(fail=ConnectionError("broker down")))
    try:
        resp = await c.post("/api/actions", json=MERGE, headers=_auth())
        assert resp.status == 503
        assert "desk.actions" in (await resp.json())["error"]
    finally:
        await c.close()


@pytest.mark.asyncio
async def test_an_oversized_body_is_refused(writable):
    resp = await writable.post("/api/actions", data=b"{" + b" " * (server.MAX_ACTION_BYTES + 10) + b"}", headers=_auth())
    assert resp.status == 413
    assert writable.sender.sent == []


@pytest.mark.asyncio
async def test_the_producer_starts_with_the_app_and_stops_with_it():
    sender = FakeSender()
    c = await _client(TOKEN, sender=sender)
    assert sender.started
    await c.close()
    assert sender.stopped


def test_tokens_are_compared_in_constant_time(monkeypatch):
    calls = []
    real = security.hmac.compare_digest  # the one check both web servers use
    monkeypatch.setattr(security.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    cfg = load(web={"token": TOKEN})
    assert server.authorised(cfg, f"Bearer {TOKEN}")
    assert not server.authorised(cfg, "Bearer nope")
    assert calls == [(TOKEN.encode(), TOKEN.encode()), (b"nope", TOKEN.encode())]


# ---------------------------------------------------------------------------------------------
# GET /api/config


@pytest.mark.asyncio
async def test_config_says_whether_writes_are_on_and_never_the_token(writable, read_only):
    body = await (await writable.get("/api/config")).json()
    assert body["writes"] is True and body["read_only_reason"] is None
    assert "advisory" in body["kinds"] and body["actions_topic"] == "t.desk.actions"
    assert TOKEN not in orjson.dumps(body).decode()
    body = await (await read_only.get("/api/config")).json()
    assert body["writes"] is False and "web.token" in body["read_only_reason"]


# ---------------------------------------------------------------------------------------------
# Alerts: the store and GET /api/alerts

BREAKING = {"id": "st-a:breaking:100", "type": "breaking", "story_id": "st-a", "reason": "agencies",
            "agencies": ["AFP", "AP", "Reuters"], "uri": "r:1", "time": 160.0}
SILENT = {"id": "feed:AFP:silent:120", "type": "feed_silent", "agency": "AFP", "time": 500.0, "last": 120.0,
          "silent_s": 380.0, "threshold_s": 300.0}
FEEDS = {"type": "feed_status", "time": 500.0, "agencies": [
    {"agency": "AFP", "last": 120.0, "silent_s": 380.0, "items": 3, "rate_per_hour": 60.0,
     "usual_per_hour": 60.0, "silent": True}]}


def test_alerts_are_kept_by_id_newest_first_and_bounded():
    store = StoryStore(recent_alerts=3)
    sub = store.subscribe()
    assert store.apply_alert(BREAKING["id"].encode(), orjson.dumps(BREAKING))
    assert store.apply_alert(SILENT["id"].encode(), orjson.dumps(SILENT))
    assert not store.apply_alert(BREAKING["id"].encode(), orjson.dumps(BREAKING))  # redelivered: one alert
    assert [a["id"] for a in store.recent_alerts()] == [SILENT["id"], BREAKING["id"]]
    for n in range(3):
        store.apply_alert(None, {"id": f"x{n}", "type": "uses_killed", "story_id": "st-a", "time": 600.0 + n})
    assert [a["id"] for a in store.recent_alerts()] == ["x2", "x1", "x0"]  # the oldest fell off
    assert not store.apply_alert(b"k", b"{nope")
    assert not store.apply_alert(b"k", b"[1]")
    assert not store.apply_alert(None, {"type": "breaking"})  # no id anywhere
    events = []
    while not sub.queue.empty():
        events.append(sub.queue.get_nowait().event)
    assert events == ["reset", "alert", "alert", "alert", "alert", "alert"]


def test_feed_status_is_kept_apart_latest_wins_and_pushed():
    store = StoryStore()
    sub = store.subscribe()
    sub.queue.get_nowait()  # the reset
    assert store.apply_alert(b"feeds", orjson.dumps(FEEDS))
    assert not store.apply_alert(b"feeds", orjson.dumps(FEEDS))
    assert store.recent_alerts() == []
    assert store.feed_status["agencies"][0]["agency"] == "AFP"
    msg = sub.queue.get_nowait()
    assert msg.event == "feeds" and orjson.loads(msg.data) == FEEDS
    reset = orjson.loads(store.reset_message().data)
    assert reset["feeds"] == FEEDS and reset["alerts"] == []


@pytest.mark.asyncio
async def test_api_alerts_from_the_store():
    store = StoryStore()
    c = await _client("", store=store)
    try:
        body = await (await c.get("/api/alerts")).json()
        assert body == {"alerts": [], "feeds": None}
        store.apply_alert(None, BREAKING)
        store.apply_alert(None, SILENT)
        store.apply_alert(b"feeds", FEEDS)
        resp = await c.get("/api/alerts")
        assert resp.status == 200 and resp.headers["X-Content-Type-Options"] == "nosniff"
        body = await resp.json()
        assert [a["type"] for a in body["alerts"]] == ["feed_silent", "breaking"]
        assert body["feeds"]["agencies"][0]["rate_per_hour"] == 60.0
        body = await (await c.get("/api/alerts", params={"limit": "1"})).json()
        assert [a["type"] for a in body["alerts"]] == ["feed_silent"]
    finally:
        await c.close()


@pytest.mark.asyncio
async def test_alerts_reach_the_event_stream():
    store = StoryStore()
    c = await _client("", store=store)
    try:
        resp = await c.get("/events")
        seen = []

        async def until(event):
            while True:
                line = (await asyncio.wait_for(resp.content.readline(), 5)).decode().rstrip("\n")
                if line.startswith("event: "):
                    seen.append(line[7:])
                    if line[7:] == event:
                        return orjson.loads((await resp.content.readline()).decode()[6:])

        reset = await until("reset")
        assert reset["alerts"] == [] and reset["feeds"] is None
        store.apply_alert(None, BREAKING)
        assert (await until("alert"))["story_id"] == "st-a"
        store.apply_alert(b"feeds", FEEDS)
        assert (await until("feeds"))["type"] == "feed_status"
        resp.close()
    finally:
        await c.close()
