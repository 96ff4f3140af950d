"""The desk's clock: what "now" is for ageing state, robust to any one item's date.

The duplicate window, the remembered uris and the story lifecycle all age by the feed's
own time (a replay of 1987 wire runs in 1987). Taking the newest item time as "now" lets
one item dated 9999-12-31 close every story and empty the window. So "now" is the
``QUORUM``-th latest of the last ``SPAN`` item times: it only moves when most recent items
agree, and it never goes back. Until ``QUORUM`` items have been seen it is -inf (nothing
ages out).

>>> clock = DeskClock()
>>> [clock.observe(t) for t in (1.0, 2.0, 3.0, 4.0)][-1]
-inf
>>> clock.observe(5.0)
1.0
>>> clock.observe(253402300799.0)    # 9999-12-31T23:59:59Z moves nothing
2.0
>>> clock.observe(7.0), DeskClock.from_record(clock.to_record()).now
(3.0, 3.0)
"""

from __future__ import annotations

from collections import deque

SPAN = 9
QUORUM = 5  # a majority of SPAN: four wrong dates in a row cannot move the clock


class DeskClock:
    def __init__(self, recent: list[float] | None = None, now: float = float("-inf")) -> None:
        self.recent: deque[float] = deque(recent or (), maxlen=SPAN)
        self.now = now

    def observe(self, time: float) -> float:
        """Count a newly decided item's time; return the clock after it."""
        self.recent.append(time)
        if len(self.recent) >= QUORUM:
            self.now = max(self.now, sorted(self.recent)[-QUORUM])
        return self.now

    def to_record(self) -> dict:
        return {"recent": list(self.recent), "now": self.now if self.now != float("-inf") else None}

    @classmethod
    def from_record(cls, record: dict | None) -> DeskClock:
        if not record:
            return cls()
        now = record.get("now")
        return cls(record.get("recent"), float("-inf") if now is None else now)
