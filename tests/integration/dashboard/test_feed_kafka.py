"""The dashboard feed against the real local broker, with records written by the test (no worker).

Topics get a unique prefix per test and are deleted afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid

import orjson
import pytest

from stream.tools.dashboard.follow import Feed, StoryStore
from stream import kafka
from stream.settings import load

from tests.helpers.snapshots import member, snapshot



pytestmark = [
    pytest.mark.kafka,
    pytest.mark.asyncio,
    pytest.mark.usefixtures("broker"),  # the real local broker, started if needed
]


async def _until(predicate, timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.1)


async def test_feed_waits_for_topics_reads_state_from_the_beginning_and_follows(quake, markets):
    prefix = f"dashfeed{uuid.uuid4().hex[:8]}."
    cfg = load(topics={"prefix": prefix}, kafka={"app_id": prefix.rstrip(".")})
    store = StoryStore()
    task = asyncio.create_task(Feed(cfg, store, retry_s=0.3).run())
    producer = kafka.producer(cfg)
    try:
        # Before the worker: the feed waits, and does not create the topics by asking for them
        # (a stories.state auto-created by the broker would not be compacted).
        await _until(lambda: store.status.get("state") == "waiting", what="the feed to wait for topics")
        await asyncio.sleep(1.0)
        assert await kafka.topics(cfg, prefix) == []
        assert not store.status["loaded"]

        await kafka.ensure_topics(cfg, keys=("story_state", "story_events"))
        await producer.start()
        state, events = cfg.topics.name("story_state"), cfg.topics.name("story_events")
        await producer.send_and_wait(state, key=b"st-quake", value=orjson.dumps(quake))
        await producer.send_and_wait(state, key=b"st-markets", value=orjson.dumps(markets))
        await producer.send_and_wait(state, key=b"st-markets", value=None)  # purged
        await producer.send_and_wait(events, key=b"st-quake", value=orjson.dumps({"type": "created", "story_id": "st-quake"}))

        await _until(lambda: store.status.get("loaded"), what="the feed to load stories.state")
        await _until(lambda: len(store.activity) == 1, what="the event")
        assert [s["id"] for s in store.query()] == ["st-quake"]
        assert store.status["state"] == "live"

        # Live: a new snapshot reaches a subscriber as a full story.
        sub = store.subscribe()
        assert (await sub.get()).event == "reset"
        grown = snapshot("st-quake", "Quake kills 11", quake["timeline"] + [member("afp:q9", 2000.0, "AFP")])
        await producer.send_and_wait(state, key=b"st-quake", value=orjson.dumps(grown))
        msg = await asyncio.wait_for(sub.get(), 30)
        assert msg.event == "story"
        assert orjson.loads(msg.data)["headline"] == "Quake kills 11"
        assert store.get("st-quake")["counts"]["items"] == 5
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await producer.stop()
        await kafka.delete_topics(cfg, prefix)
