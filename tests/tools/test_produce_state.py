"""The CLI's Kafka side against the real broker, with records the test writes (no worker)."""

from __future__ import annotations

import asyncio
import uuid

import orjson
import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, RecordsToDelete

from stream.kafka import bootstrap
from stream.settings import load
from stream.tools.produce import ensure_topics
from stream.tools.state import read_state

pytestmark = [pytest.mark.kafka, pytest.mark.usefixtures("broker")]


@pytest.fixture
def cfg():
    name = f"tools{uuid.uuid4().hex[:8]}"
    cfg = load(topics={"prefix": f"{name}."}, kafka={"app_id": name})
    yield cfg

    async def clean() -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
        await admin.start()
        try:
            mine = [t for t in await admin.list_topics() if t.startswith(name)]
            if mine:
                await admin.delete_topics(mine)
        finally:
            await admin.close()

    asyncio.run(clean())


async def send(cfg, records: list[tuple[str, bytes | None, bytes | None, list]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap(cfg), acks="all")
    await producer.start()
    try:
        for key, k, v, headers in records:
            await producer.send(cfg.topics.name(key), key=k, value=v, headers=headers)
        await producer.flush()
    finally:
        await producer.stop()


def test_read_state_returns_at_once_when_retention_deleted_every_record(cfg):
    """start offset == end offset > 0: nothing to read, nothing to wait for."""

    async def go():
        await ensure_topics(cfg, keys=("story_state",))
        await send(cfg, [("story_state", f"st-{i}".encode(), orjson.dumps({"id": f"st-{i}"}), [])
                         for i in range(3)])
        tp = TopicPartition(cfg.topics.name("story_state"), 0)
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
        await admin.start()
        try:
            assert (await admin.delete_records({tp: RecordsToDelete(3)})) == {tp: 3}
        finally:
            await admin.close()
        return await asyncio.wait_for(read_state(cfg), 20)

    assert asyncio.run(go()) == {}
