"""Feed health: when each agency last filed, how fast it files against its usual pace,
and an alert when it has gone silent.

Per agency: the last item time, and two moving averages (EWMA) of the gap between its
items, a fast one (its rate now) and a slow one (its usual rate). :meth:`FeedHealth.check`
is evaluated against the desk's clock: an agency silent longer than its threshold
(``feeds.silence_minutes``, or its own in ``feeds.agency_silence_minutes``) raises one
``feed_silent`` alert per silence, with a stable id (agency and last item time), and a
``feed_resumed`` one when it files again. State is JSON, one entry per agency.

>>> from stream.settings import Feeds
>>> f = FeedHealth(Feeds(agency_silence_minutes={"AFP": 5}))
>>> for t in (0, 60, 120):
...     _ = f.observe("AFP", float(t))
>>> f.check(200.0), [a["id"] for a in f.check(500.0)], f.check(900.0)
([], ['feed:AFP:silent:120'], [])
>>> [a["type"] for a in f.observe("AFP", 950.0)], round(f.status(950.0)[0]["usual_per_hour"])
(['feed_resumed'], 37)
"""

from __future__ import annotations

from collections.abc import MutableMapping

FAST, SLOW = 0.3, 0.05  # EWMA weights of the latest gap: the rate now, the usual rate
MIN_GAP = 1.0  # seconds: items filed at the same second still count as a pace


class FeedHealth:
    def __init__(self, cfg, state: MutableMapping[str, dict] | None = None) -> None:
        self.cfg = cfg
        self.state = {} if state is None else state  # agency -> its record

    def threshold(self, agency: str) -> float:
        """Seconds of silence that make an alert for ``agency``."""
        return 60 * self.cfg.agency_silence_minutes.get(agency, self.cfg.silence_minutes)

    def observe(self, agency: str | None, time: float) -> list[dict]:
        """Count one item from ``agency``; a ``feed_resumed`` alert if it had been called silent."""
        if not agency:
            return []
        feed = dict(self.state.get(agency) or {"last": time, "items": 0, "fast": None, "slow": None, "silent": None})
        if feed["items"] and time > feed["last"]:
            gap = max(MIN_GAP, time - feed["last"])
            feed["fast"] = gap if feed["fast"] is None else (1 - FAST) * feed["fast"] + FAST * gap
            feed["slow"] = gap if feed["slow"] is None else (1 - SLOW) * feed["slow"] + SLOW * gap
        out = []
        if feed["silent"] is not None and time > feed["last"]:
            out.append({"id": f"feed:{agency}:resumed:{time:.0f}", "type": "feed_resumed", "agency": agency,
                        "time": time, "silent_s": time - feed["last"]})
            feed["silent"] = None
        feed["last"], feed["items"] = max(feed["last"], time), feed["items"] + 1
        self.state[agency] = feed
        return out

    def check(self, now: float) -> list[dict]:
        """Alerts for the agencies that went silent by ``now`` (each silence once)."""
        out = []
        for agency in sorted(self.state):
            feed = self.state[agency]
            silent = now - feed["last"]
            if silent > self.threshold(agency) and feed.get("silent") is None:
                out.append({"id": f"feed:{agency}:silent:{feed['last']:.0f}", "type": "feed_silent", "agency": agency,
                            "time": now, "last": feed["last"], "silent_s": silent,
                            "threshold_s": self.threshold(agency)})
                self.state[agency] = {**feed, "silent": now}
        return out

    def status(self, now: float) -> list[dict]:
        """Per agency: last item, silence so far, items per hour now and usually."""
        def per_hour(gap):
            return None if not gap else round(3600.0 / gap, 2)

        return [{"agency": a, "last": f["last"], "silent_s": max(0.0, now - f["last"]), "items": f["items"],
                 "rate_per_hour": per_hour(f["fast"]), "usual_per_hour": per_hour(f["slow"]),
                 "silent": f.get("silent") is not None}
                for a, f in sorted(self.state.items())]
