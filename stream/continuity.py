"""Offset continuity: notice records the consumer skipped, so they are read again, in order.

Around a rebalance, faust-streaming 0.15 can drop records it fetched for a partition (its
``getmany`` stops at a generation change, streams skip "stale" events) and go on from
later offsets (faust-streaming#216, #606). Offsets of one partition arrive contiguous
(transaction markers aside), so a jump means records may have been skipped.
:class:`Continuity` names the hole; the caller reads it, hands its records to the agent
before the record that revealed it, and says so with :meth:`Continuity.filled`. Reading
a record twice is harmless: every output is idempotent.

>>> c = Continuity()
>>> c.assigned("p", committed=10)
>>> c.check("p", 10), c.check("p", 11)
(None, None)
>>> c.check("p", 15)        # 12..14 never came
12
>>> c.filled("p", 15)       # read them (and 15): on from 16
>>> c.check("p", 16), c.check("p", 12)   # an older record again (a redelivery) is fine
(None, None)
>>> c.check("p", 17)        # ...and does not move the expectation back
"""

from __future__ import annotations

from typing import Hashable


class Continuity:
    def __init__(self) -> None:
        self.expected: dict[Hashable, int | None] = {}  # the next offset each partition should deliver

    def assigned(self, tp: Hashable, committed: int | None) -> None:
        """(Re)gained ``tp``: the first record must be the committed offset."""
        self.expected[tp] = committed

    def revoked(self, tp: Hashable) -> None:
        self.expected.pop(tp, None)

    def check(self, tp: Hashable, offset: int) -> int | None:
        """Record that ``offset`` was delivered; return the first offset of a hole before it."""
        expected = self.expected.get(tp)
        if expected is not None and offset > expected:
            return expected
        # Never back: after a redelivered older record, the next new one is not a hole.
        self.expected[tp] = offset + 1 if expected is None else max(expected, offset + 1)
        return None

    def filled(self, tp: Hashable, through: int) -> None:
        """The hole was read another way: the partition is contiguous through ``through``."""
        self.expected[tp] = through + 1
