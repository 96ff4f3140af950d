"""Offset continuity: notice records the consumer skipped, so they can be read again.

Around a rebalance, faust-streaming 0.15 can drop records it fetched for a partition (its
``getmany`` stops at a generation change, streams skip "stale" events) without seeking
back, then count the hole as done (faust-streaming#216, #606). Our input topics are
written without transactions, so offsets of one partition arrive contiguous: a jump
means records were skipped. :class:`Continuity` sees the jump and names the offset to
seek back to; reading the hole again is safe because every output is idempotent.

>>> c = Continuity()
>>> c.assigned("p", committed=10)
>>> c.check("p", 10), c.check("p", 11)
(None, None)
>>> c.check("p", 15)        # 12..14 never came: seek back to 12
12
>>> c.check("p", 16)        # fetched before the seek: processed, no second seek
>>> c.check("p", 12)        # the hole, read again
>>> c.check("p", 13)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable


@dataclass
class _Partition:
    expected: int | None  # the next offset this partition should deliver
    healing: int | None = None  # seeking back to this offset
    last: int = -1


class Continuity:
    def __init__(self) -> None:
        self.parts: dict[Hashable, _Partition] = {}

    def assigned(self, tp: Hashable, committed: int | None) -> None:
        """(Re)gained ``tp``: the first record must be the committed offset."""
        self.parts[tp] = _Partition(committed)

    def revoked(self, tp: Hashable) -> None:
        self.parts.pop(tp, None)

    def check(self, tp: Hashable, offset: int) -> int | None:
        """Record ``offset`` as delivered; return the offset to seek back to, if records were skipped."""
        part = self.parts.setdefault(tp, _Partition(None))
        went_back = offset <= part.last
        part.last = offset
        if part.healing is not None:
            if not (went_back or offset == part.healing):
                return None  # still what was fetched before the seek
            # Read again from the hole; if it starts past the hole, those offsets hold no
            # records (transaction markers, compaction): accept them as the stream's gaps.
            part.healing = None
        elif part.expected is not None and offset > part.expected:
            part.healing = part.expected
            return part.healing
        part.expected = offset + 1
        return None
