"""Repeated log lines, rate-limited: a broker outage logs one line, not two hundred thousand.

A message (its logger, level and format string, whatever the arguments) is written at most
once per ``every_s`` seconds; the next one that is written says how many were dropped.

>>> import logging
>>> f = RepeatFilter(every_s=30, clock=iter([0.0, 1.0, 2.0, 40.0]).__next__)
>>> rec = lambda: logging.LogRecord("aiokafka", logging.ERROR, "", 0, "Unable to connect to %s", ("node",), None)
>>> [f.filter(rec()) for _ in range(3)]
[True, False, False]
>>> r = rec(); f.filter(r), r.getMessage()
(True, 'Unable to connect to node [2 more like this suppressed in the last 40 s]')
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class RepeatFilter(logging.Filter):
    def __init__(self, every_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.every_s = every_s
        self.clock = clock
        self.written: dict[tuple, float] = {}  # message key -> when last written
        self.dropped: dict[tuple, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        last = self.written.get(key)
        if last is not None and now - last < self.every_s:
            self.dropped[key] = self.dropped.get(key, 0) + 1
            return False
        if dropped := self.dropped.pop(key, 0):
            record.msg = f"{record.msg} [{dropped} more like this suppressed in the last {now - last:.0f} s]"
        self.written[key] = now
        return True


def install(every_s: float) -> None:
    """Rate-limit every handler of the root logger (those the worker has set up)."""
    if every_s <= 0:
        return
    repeat = RepeatFilter(every_s)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RepeatFilter) for f in handler.filters):
            handler.addFilter(repeat)
