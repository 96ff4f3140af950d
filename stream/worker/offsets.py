"""Each agent's input kept contiguous: records Faust skipped are read again, in order.

The pure logic is :class:`stream.continuity.Continuity`; this is its wiring to Kafka.
When a partition's offsets jump, the records in the hole are read straight from the
broker with a plain consumer and handed to the agent before the record that revealed the
hole. (A seek is no cure: Faust drops re-fetched records below the offsets it has
already delivered.) Faust's consumer would also count the hole as processed
(``Consumer._add_gap``, meant for transaction markers); here it counts only once the
agent has processed what the hole held (the patch: ``stream.worker.workarounds``). Where a partition starts is asked of the broker
(the group's committed offset): Faust's own copy is empty after some rebalances, and a
guard trusting it missed the holes that matter most, right after a partition moved.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field

from faust.types import TP

from stream.worker import metrics
from stream.app import app, cfg
from stream.continuity import Continuity
from stream.worker.workarounds import fill_gap
from stream.kafka import committed_offsets, read_range

log = logging.getLogger(__name__)


@dataclass
class Message:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    timestamp: float  # seconds, as Faust's
    headers: list = field(default_factory=list)

    @property
    def tp(self) -> TP:
        return TP(self.topic, self.partition)


@dataclass(eq=False)
class Record:
    """A record read from a hole: what the agents use of a Faust event."""

    message: Message

    @property
    def value(self):
        return self.message.value


class Guard:
    def __init__(self, agent: str) -> None:
        self.agent = agent
        self.continuity = Continuity()
        self.committed: dict | None = None  # the group's offsets, read once per rebalance

    def reset(self) -> None:
        """After a rebalance every partition starts again from its committed offset."""
        self.continuity = Continuity()
        self.committed = None

    async def check(self, event) -> list:
        """``event``, preceded by the records of any hole before it."""
        tp, offset = event.message.tp, event.message.offset
        if tp not in self.continuity.expected:
            # Asked of the broker: Faust's own copy can be empty after a rebalance.
            if self.committed is None:
                self.committed = await committed_offsets(cfg)
            self.continuity.assigned(tp, await start_of(tp, self.committed))
        start = self.continuity.check(tp, offset)
        if start is None:
            return [event]
        log.warning("%s: %s/%s skipped offsets %d..%d; reading them again",
                    self.agent, tp.topic, tp.partition, start, offset - 1)
        hole = await read_hole(tp, start, offset)
        metrics.REREAD.labels(agent=self.agent).inc(len(hole))
        self.continuity.filled(tp, offset)
        # Faust may commit past the hole: the agent processes what it held before acking.
        await fill_gap(app.consumer, tp, start, offset - 1)
        return hole + [event]


async def start_of(tp, committed: dict) -> int:
    """Where this partition's records start for us: the group's committed offset, or the
    earliest record (the reset policy) when the group has none."""
    if (tp.topic, tp.partition) in committed:
        return committed[(tp.topic, tp.partition)]
    return (await app.consumer.earliest_offsets(tp))[tp]


async def read_hole(tp, start: int, end: int) -> list[Record]:
    """Records ``start`` .. ``end - 1`` of ``tp``, straight from the broker."""
    from aiokafka import TopicPartition

    found = await read_range(cfg, {TopicPartition(tp.topic, tp.partition): (start, end)})
    return [Record(Message(r.topic, r.partition, r.offset, r.key, r.value, r.timestamp / 1000.0, list(r.headers or [])))
            for r in found]


guards: list[Guard] = []


def guard(agent: str) -> Guard:
    g = Guard(agent)
    guards.append(g)
    return g


async def reset_guards(app, partitions, **kwargs) -> None:  # noqa: ARG001 - signal signature
    for g in guards:
        g.reset()


app.on_partitions_revoked.connect(reset_guards)
app.on_partitions_assigned.connect(reset_guards)
