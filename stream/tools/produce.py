"""Send a JSON Lines feed to ``wire.items`` and follow its outputs.

Every input ends on ``wire.dedup``, ``wire.duplicates`` or ``wire.deadletter``, so "accounted
for" is a count over those three from the offsets they had before the feed was sent: of
inputs, not records. A uri sent twice, or delivered again after a crash, makes two output
records, so a uri counts once, and a dead letter without a key once per input record.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from aiokafka import TopicPartition
from tqdm import tqdm

from stream import deadletter, kafka
from stream.settings import Settings
from stream.tools import jsonl as feed


class Sent(NamedTuple):
    records: int
    inputs: int  # what the outputs can account for: distinct uris, plus each line without one


async def send_feed(cfg: Settings, path: Path, rate: float | None = None, quiet: bool = False) -> Sent:
    """Produce each line of ``path`` to the input topic (key = uri)."""
    uris: set[bytes] = set()
    keyless = 0
    producer = kafka.producer(cfg, linger_ms=5)
    await producer.start()
    try:
        with tqdm(total=feed.count(path), unit="item", desc="produce", disable=quiet) as bar:

            def sent(key: bytes | None, _when: float) -> None:
                nonlocal keyless
                if key:
                    uris.add(key)
                else:
                    keyless += 1
                bar.update()

            n = await kafka.send(producer, cfg.topics.name("items"), feed.keyed(feed.lines(path)), rate, sent)
    finally:
        await producer.stop()
    return Sent(n, len(uris) + keyless)


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
    ledger = Ledger()
    names = {cfg.topics.name(k): k for k in kafka.OUTPUT_TOPICS}
    consumer = kafka.reader(cfg)
    await consumer.start()
    try:
        consumer.assign(list(start))
        for tp, offset in start.items():
            consumer.seek(tp, offset)
        deadline = time.monotonic() + timeout
        with tqdm(total=expected, unit="item", desc="outputs", disable=quiet) as bar:
            while sum(ledger.counts.values()) < expected and time.monotonic() < deadline:
                for tp, records in (await consumer.getmany(timeout_ms=500)).items():
                    bar.update(sum(ledger.add(names[tp.topic], r) for r in records))
    finally:
        await kafka.stop(consumer)
    return ledger.counts
