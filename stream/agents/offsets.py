"""Each agent's input kept contiguous: records Faust skipped are sought back and read again.

The pure logic is :class:`stream.continuity.Continuity`; this is its wiring to the consumer.
"""

from __future__ import annotations

import logging

from stream import metrics
from stream.app import app
from stream.continuity import Continuity

log = logging.getLogger(__name__)


class Guard:
    def __init__(self, agent: str) -> None:
        self.agent = agent
        self.continuity = Continuity()

    def reset(self) -> None:
        """After a rebalance every partition starts again from its committed offset."""
        self.continuity = Continuity()

    async def check(self, event) -> None:
        tp, offset = event.message.tp, event.message.offset
        if tp not in self.continuity.parts:
            # The broker's committed offset, as Faust's own seek read it (faust-streaming pinned).
            self.continuity.assigned(tp, app.consumer._committed_offset.get(tp))
        target = self.continuity.check(tp, offset)
        if target is not None:
            metrics.REREAD.labels(agent=self.agent).inc(offset - target)
            log.warning("%s: %s/%s skipped offsets %d..%d; seeking back to read them",
                        self.agent, tp.topic, tp.partition, target, offset - 1)
            await app.consumer.seek(tp, target)


guards: list[Guard] = []


def guard(agent: str) -> Guard:
    g = Guard(agent)
    guards.append(g)
    return g


@app.on_partitions_revoked.connect
async def reset_on_revoke(app, revoked, **kwargs) -> None:  # noqa: ARG001 - signal signature
    for g in guards:
        g.reset()


@app.on_partitions_assigned.connect
async def reset_on_assign(app, assigned, **kwargs) -> None:  # noqa: ARG001 - signal signature
    for g in guards:
        g.reset()
