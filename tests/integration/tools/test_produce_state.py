"""The CLI's Kafka side against the real broker, with records the test writes (no worker)."""

from __future__ import annotations

import asyncio
import time
import uuid

import orjson
import pytest
from aiokafka import TopicPartition
from aiokafka.admin import RecordsToDelete

from stream import kafka
from stream.kafka import end_offsets, ensure_topics
from stream.settings import load
from stream.tools.produce import follow_outputs, send_feed
from stream.tools.state import read_state

pytestmark = [pytest.mark.kafka, pytest.mark.usefixtures("broker")]


@pytest.fixture
def cfg():
    name = f"tools{uuid.uuid4().hex[:8]}"
    cfg = load(topics={"prefix": f"{name}."}, kafka={"app_id": name})
    yield cfg
    asyncio.run(kafka.delete_topics(cfg, name))


async def send(cfg, records: list[tuple[str, bytes | None, bytes | None, list]]) -> None:
    producer = kafka.producer(cfg)
    await producer.start()
    try:
        for key, k, v, headers in records:
            await producer.send(cfg.topics.name(key), key=k, value=v, headers=headers)
        await producer.flush()
    finally:
        await producer.stop()


def dead(source: str) -> list:
    return [("copydesk.reason", b"not_json"), ("copydesk.source", source.encode())]


def test_wait_counts_each_input_once_not_each_output_record(cfg):
    """A re-sent uri and a redelivery make more output records than inputs."""

    async def go():
        await ensure_topics(cfg)
        start = await end_offsets(cfg)
        await send(cfg, [
            ("dedup", b"ap:a", b"{}", []),
            ("dedup", b"ap:a", b"{}", []),  # the same uri sent again: the decision re-sent
            ("dedup", b"ap:a", b"{}", []),  # ...and redelivered after a crash
            ("duplicates", b"afp:b", b"{}", []),
            ("deadletter", b"x:big", b"{}", dead("wire.items/1/3")),  # too large, keyed by its uri
            ("deadletter", None, b"not json", dead("wire.items/0/7")),  # no key at all
            ("deadletter", None, b"not json", dead("wire.items/0/7")),  # the same input, redelivered
        ])
        early = await follow_outputs(cfg, start, 5, timeout=4, quiet=True)
        started = time.monotonic()
        exact = await follow_outputs(cfg, start, 4, timeout=30, quiet=True)
        return early, exact, time.monotonic() - started

    early, exact, took = asyncio.run(go())
    assert sum(early.values()) == 4  # four inputs: never "accounted for" as five
    assert dict(exact) == {"dedup": 1, "duplicates": 1, "deadletter": 2} and took < 20


def test_a_feed_counts_a_resent_uri_as_one_input_and_each_line_without_one(cfg, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"uri": "ap:a"}\n{"uri": "ap:a", "headline": "again"}\nnot json\n{"uri": 7}\n')

    async def go():
        await ensure_topics(cfg, keys=("items",))
        return await send_feed(cfg, path, quiet=True)

    assert asyncio.run(go()) == (4, 3)


def test_read_state_returns_at_once_when_retention_deleted_every_record(cfg):
    """start offset == end offset > 0: nothing to read, nothing to wait for."""

    async def go():
        await ensure_topics(cfg, keys=("story_state",))
        await send(cfg, [("story_state", f"st-{i}".encode(), orjson.dumps({"id": f"st-{i}"}), [])
                         for i in range(3)])
        tp = TopicPartition(cfg.topics.name("story_state"), 0)
        async with kafka.admin(cfg) as admin:
            assert (await admin.delete_records({tp: RecordsToDelete(3)})) == {tp: 3}
        return await asyncio.wait_for(read_state(cfg), 20)

    assert asyncio.run(go()) == {}
