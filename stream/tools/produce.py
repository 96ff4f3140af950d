"""Send a JSON Lines feed to ``wire.items`` and follow its outputs.

Every input ends on ``wire.dedup``, ``wire.duplicates`` or ``wire.deadletter``, so "accounted
for" is a count over those three from the offsets they had before the feed was sent: of
inputs, not records. A uri sent twice, or delivered again after a crash, makes two output
records, so a uri counts once, and a dead letter without a key once per input record.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from tqdm import tqdm

from stream import deadletter
from stream.tools import jsonl as feed
from stream.kafka import OUTPUT_TOPICS, bootstrap
from stream.settings import Settings


async def ensure_topics(cfg: Settings, keys=("items", *OUTPUT_TOPICS)) -> None:
    """Create topics with their configured partitions if they do not exist yet."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        new = [
            NewTopic(cfg.topics.name(k), cfg.topics.partitions(k), cfg.kafka.replication_factor)
            for k in keys
            if cfg.topics.name(k) not in existing
        ]
        if new:
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:
                pass  # another process won the race; fine
    finally:
        await admin.close()


async def stop(consumer: AIOKafkaConsumer) -> None:
    """Stop a group-less consumer; aiokafka 0.14 leaks a CancelledError from its own
    housekeeping task here, which must not be mistaken for our task being cancelled."""
    try:
        await consumer.stop()
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


async def partitions(cfg: Settings, keys) -> list[TopicPartition]:
    """Every partition of the topics named by ``keys`` (missing topics have none)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
    await admin.start()
    try:
        # Describe only topics that exist: describing a missing one makes a broker with
        # auto-creation create it with default settings (stories.state uncompacted).
        existing = set(await admin.list_topics())
        names = [cfg.topics.name(k) for k in keys if cfg.topics.name(k) in existing]
        described = await admin.describe_topics(names) if names else []
    finally:
        await admin.close()
    return [
        TopicPartition(t["topic"], p["partition"])
        for t in described
        if not t.get("error_code")
        for p in t["partitions"]
    ]


async def end_offsets(cfg: Settings, keys=OUTPUT_TOPICS) -> dict[TopicPartition, int]:
    parts = await partitions(cfg, keys)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap(cfg), enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign(parts)
        return await consumer.end_offsets(parts) if parts else {}
    finally:
        await stop(consumer)


class Sent(NamedTuple):
    records: int
    inputs: int  # what the outputs can account for: distinct uris, plus each line without one


async def send_feed(cfg: Settings, path: Path, rate: float | None = None, quiet: bool = False) -> Sent:
    """Produce each line of ``path`` to the input topic (key = uri)."""
    total = feed.count(path)
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap(cfg), acks="all", linger_ms=5, max_request_size=8_000_000
    )
    await producer.start()
    topic, sent, started = cfg.topics.name("items"), 0, time.monotonic()
    uris, keyless = set(), 0
    try:
        with tqdm(total=total, unit="item", desc="produce", disable=quiet) as bar:
            for line in feed.lines(path):
                uri = feed.uri_of(line)
                await producer.send(topic, value=line, key=uri.encode() if uri else None)
                sent += 1
                if uri:
                    uris.add(uri)
                else:
                    keyless += 1
                bar.update()
                if rate:  # pace against the clock, not per-message sleeps, so rates hold
                    ahead = sent / rate - (time.monotonic() - started)
                    if ahead > 0:
                        await asyncio.sleep(ahead)
            await producer.flush()
    finally:
        await producer.stop()
    return Sent(sent, len(uris) + keyless)


class Ledger:
    """Inputs accounted for, per output topic: each uri once, wherever and however often it
    shows; a dead letter without a key once per input record (its ``copydesk.source``)."""

    def __init__(self) -> None:
        self.seen: set = set()
        self.counts: Counter = Counter()

    def add(self, kind: str, record) -> bool:
        if record.key is not None:
            mark = ("uri", record.key)
        else:
            source = deadletter.reason_of(record.headers).get("source")
            mark = ("source", source) if source else ("record", record.topic, record.partition, record.offset)
        if mark in self.seen:
            return False
        self.seen.add(mark)
        self.counts[kind] += 1
        return True


async def follow_outputs(
    cfg: Settings, start: dict[TopicPartition, int], expected: int, timeout: float, quiet=False
) -> Counter:
    """Count inputs accounted for on the output topics after ``start``, until ``expected``."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap(cfg), enable_auto_commit=False)
    await consumer.start()
    ledger = Ledger()
    counts = ledger.counts
    names = {cfg.topics.name(k): k for k in OUTPUT_TOPICS}
    try:
        parts = list(start)
        consumer.assign(parts)
        for tp, offset in start.items():
            consumer.seek(tp, offset)
        deadline = time.monotonic() + timeout
        with tqdm(total=expected, unit="item", desc="outputs", disable=quiet) as bar:
            while sum(counts.values()) < expected and time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for tp, records in batch.items():
                    bar.update(sum(ledger.add(names[tp.topic], r) for r in records))
    finally:
        await stop(consumer)
    return counts
