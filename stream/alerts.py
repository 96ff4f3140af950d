"""Breaking alerts: a story many agencies file on at once, or copy flagged flash or urgent.

A story raises an alert when ``alerts.min_agencies`` distinct agencies file on it within
``alerts.window_minutes``, or when an item in it carries urgency 1..``alerts.max_urgency``
(ninjs: 1 flash, 2 urgent). One alert per story per burst: a burst ends when the story has
been quiet (no copy) for ``alerts.quiet_minutes``. The alert's id is the story id and the
burst's first item time, so an alert raised again (a redelivery, a restart) has the id it
had. State is JSON, one entry per story, in any mapping (a Faust table in the worker).

>>> from stream.settings import Alerts
>>> b = Breaking(Alerts())
>>> b.observe("st-1", "ap:1", "AP", 0.0), b.observe("st-1", "afp:1", "AFP", 60.0)
([], [])
>>> [a["id"] for a in b.observe("st-1", "r:1", "Reuters", 120.0)]
['st-1:breaking:0']
>>> b.observe("st-1", "dpa:1", "dpa", 180.0)   # the same burst: said once
[]
>>> [a["reason"] for a in b.observe("st-1", "ap:9", "AP", 9000.0, urgency=1)]   # quiet, then a flash
['urgency']
"""

from __future__ import annotations

from collections.abc import MutableMapping


class Breaking:
    def __init__(self, cfg, state: MutableMapping[str, dict] | None = None) -> None:
        self.cfg = cfg
        self.state = {} if state is None else state  # story id -> its current burst

    def observe(self, sid: str, uri: str, agency: str | None, time: float, urgency: int | None = None) -> list[dict]:
        """Count an item placed in story ``sid``; the alert it raises, if any (at most one)."""
        window, quiet = self.cfg.window_minutes * 60, self.cfg.quiet_minutes * 60
        burst = self.state.get(sid)
        if burst is None or time - burst["last"] > quiet:
            burst = {"start": time, "last": time, "recent": [], "alerted": None}
        else:
            burst = {**burst, "recent": list(burst["recent"])}
        burst["last"] = max(burst["last"], time)
        if agency:
            burst["recent"].append([time, agency])
        burst["recent"] = [r for r in burst["recent"] if r[0] >= burst["last"] - window]
        agencies = sorted({a for t, a in burst["recent"] if abs(time - t) <= window})
        reason = None
        if urgency is not None and urgency <= self.cfg.max_urgency:
            reason = "urgency"
        elif len(agencies) >= self.cfg.min_agencies:
            reason = "agencies"
        alerts = []
        if reason and not burst["alerted"]:
            burst["alerted"] = f"{sid}:breaking:{burst['start']:.0f}"
            alerts.append({"id": burst["alerted"], "type": "breaking", "story_id": sid, "reason": reason,
                           "uri": uri, "urgency": urgency, "agencies": agencies, "time": time,
                           "burst_start": burst["start"]})
        self.state[sid] = burst
        return alerts

    def sweep(self, now: float) -> list[str]:
        """Forget bursts over by ``now`` (a new one gets a new id anyway); the stories forgotten."""
        quiet = self.cfg.quiet_minutes * 60
        over = sorted(sid for sid, burst in self.state.items() if now - burst["last"] > quiet)
        for sid in over:
            self.state.pop(sid, None)
        return over
