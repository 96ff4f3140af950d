"""The dashboard's write side and alerts against the real local broker (no worker): an action
POSTed with the token lands on desk.actions, and alerts written to stories.alerts show at
/api/alerts. Topics get a unique prefix per test and are deleted afterwards."""

from __future__ import annotations

import asyncio
import time
import uuid

import orjson
import pytest
from aiohttp.test_utils import TestClient, TestServer

from stream import kafka
from stream.actions import parse_action
from stream.settings import load
from stream.tools.dashboard import server
from stream.tools.dashboard.follow import StoryStore

pytestmark = [
    pytest.mark.kafka,
    pytest.mark.asyncio,
    pytest.mark.usefixtures("broker"),  # the real local broker, started if needed
]

TOKEN = "desk-token-" + uuid.uuid4().hex[:6]


async def _until(predicate, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = await predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.3)


async def test_actions_reach_desk_actions_and_alerts_reach_the_api():
    prefix = f"dashact{uuid.uuid4().hex[:8]}."
    cfg = load(topics={"prefix": prefix}, kafka={"app_id": prefix.rstrip(".")}, web={"token": TOKEN})
    app = server.make_app(cfg, store=StoryStore())  # the real feed and the real producer
    client = TestClient(TestServer(app))
    producer = kafka.producer(cfg)
    try:
        await client.start_server()

        # An action, with the token: on desk.actions (one partition), keyed by its id.
        body = {"action": "merge", "story": "st-a", "into": "st-b", "who": "kim", "why": "same fire"}
        resp = await client.post("/api/actions", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert resp.status == 202, await resp.text()
        aid = (await resp.json())["id"]
        assert (await client.post("/api/actions", json=body, headers={"Authorization": "Bearer no"})).status == 401
        records = await kafka.read_from_start(cfg, ["actions"], until=lambda rs: len(rs) >= 1, timeout=60)
        assert [r.key for r in records] == [aid.encode()]
        action = parse_action(records[0].value)
        assert (action.action, action.story, action.into, action.who, action.id) == ("merge", "st-a", "st-b", "kim", aid)
        assert action.time is not None and abs(action.time - time.time()) < 120
        assert [tp.partition for tp in await kafka.partitions(cfg, ["actions"])] == [0]

        # Alerts written to stories.alerts (the worker's topic; here by the test) reach the API.
        await kafka.ensure_topics(cfg, ("story_state", "story_events", "alerts"))
        await producer.start()
        alerts_topic = cfg.topics.name("alerts")
        breaking = {"id": "st-a:breaking:100", "type": "breaking", "story_id": "st-a", "reason": "agencies",
                    "agencies": ["AFP", "AP", "Reuters"], "uri": "r:1", "time": 160.0}
        silent = {"id": "feed:AFP:silent:120", "type": "feed_silent", "agency": "AFP", "time": 500.0,
                  "last": 120.0, "silent_s": 380.0}
        feeds = {"type": "feed_status", "time": 500.0, "agencies": [
            {"agency": "AFP", "last": 120.0, "silent_s": 380.0, "items": 3, "rate_per_hour": 60.0,
             "usual_per_hour": 55.0, "silent": True}]}
        await kafka.send(producer, alerts_topic, [(breaking["id"].encode(), orjson.dumps(breaking)),
                                                  (silent["id"].encode(), orjson.dumps(silent)),
                                                  (b"feeds", orjson.dumps(feeds))])

        async def alerts_shown():
            body = await (await client.get("/api/alerts")).json()
            return body if len(body["alerts"]) == 2 and body["feeds"] else None

        body = await _until(alerts_shown, what="the alerts at /api/alerts")
        assert [a["id"] for a in body["alerts"]] == [silent["id"], breaking["id"]]
        assert body["feeds"]["agencies"][0]["usual_per_hour"] == 55.0
    finally:
        await producer.stop()
        await client.close()
        await kafka.delete_topics(cfg, prefix)
