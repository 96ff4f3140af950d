"""What ``/health`` says: the broker answers and every input partition makes progress.

Progress is judged the way ops read consumer lag: a partition with records waiting whose
committed offset has not moved for ``stall_s`` is stalled, whatever the reason (an agent
that crashed and lost its batch, a record it cannot get past, a hung send). The monitor is
fed by the worker (committed offsets and end offsets, every few seconds) and is pure.

>>> m = HealthMonitor(stall_s=60, broker_timeout_s=15)
>>> m.broker_answered(30.0); m.offsets(0.0, committed={"wire.items/0": 5}, ends={"wire.items/0": 9})
>>> m.report(30.0, recovered=True)[0]
True
>>> m.broker_answered(61.0); m.offsets(61.0, committed={"wire.items/0": 5}, ends={"wire.items/0": 9})
>>> ok, body = m.report(61.0, recovered=True)
>>> ok, body["problems"]
(False, ['wire.items/0: 4 records waiting, no progress for 61 s'])
>>> m.report(80.0, recovered=True)[1]["problems"][0]
'broker: no answer for 19 s (last error: none)'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class HealthMonitor:
    stall_s: float
    broker_timeout_s: float
    broker_ok_at: float | None = None
    broker_error: str | None = None
    lag: dict[str, int] = field(default_factory=dict)  # partition -> records not yet committed
    _committed: dict[str, int] = field(default_factory=dict)
    _moving_at: dict[str, float] = field(default_factory=dict)  # last caught up or commit moved

    def broker_answered(self, now: float) -> None:
        self.broker_ok_at, self.broker_error = now, None

    def broker_failed(self, error: str) -> None:
        self.broker_error = error

    def offsets(self, now: float, committed: dict[str, int], ends: dict[str, int]) -> None:
        """This worker's input partitions now: committed offsets and end offsets."""
        self.lag = {}
        for tp, end in ends.items():
            done = committed.get(tp, 0)
            self.lag[tp] = max(0, end - done)
            if self.lag[tp] == 0 or self._committed.get(tp) != done or tp not in self._moving_at:
                self._moving_at[tp] = now
            self._committed[tp] = done
        for gone in set(self._moving_at) - set(ends):  # partitions that moved to another worker
            self._moving_at.pop(gone)
            self._committed.pop(gone, None)

    def problems(self, now: float) -> list[str]:
        found = []
        quiet = now - self.broker_ok_at if self.broker_ok_at is not None else None
        if quiet is None or quiet > self.broker_timeout_s:
            since = "never answered" if quiet is None else f"no answer for {quiet:.0f} s"
            found.append(f"broker: {since} (last error: {self.broker_error or 'none'})")
        for tp, lag in sorted(self.lag.items()):
            stuck = now - self._moving_at.get(tp, now)
            if lag and stuck > self.stall_s:
                found.append(f"{tp}: {lag} records waiting, no progress for {stuck:.0f} s")
        return found

    def report(self, now: float, recovered: bool, rebalancing: bool = False) -> tuple[bool, dict]:
        """(healthy, the body of /health)."""
        problems = self.problems(now)
        if not recovered or rebalancing:
            status = "starting"
        else:
            status = "unhealthy" if problems else "ok"
        return status == "ok", {
            "status": status,
            "recovered": recovered,
            "rebalancing": rebalancing,
            "problems": problems,
            "lag": dict(sorted(self.lag.items())),
        }
