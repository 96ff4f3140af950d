"""Prometheus metrics for ``/metrics``: copydesk's own and Faust's, served by Faust's sensor."""

from __future__ import annotations

from prometheus_client import REGISTRY, Counter, Gauge, Histogram

ITEMS_IN = Counter("copydesk_items_in_total", "Records read from the input topic")
REJECTED = Counter("copydesk_items_rejected_total", "Records sent to the dead letter topic", ["reason"])
DECIDED = Counter("copydesk_items_decided_total", "Items decided by the desk", ["kind"])
DUPLICATES = Counter("copydesk_duplicates_total", "Items judged duplicates or versions", ["kind"])
REREAD = Counter(
    "copydesk_records_reread_total", "Input records the consumer skipped and an agent sought back to read", ["agent"]
)
LAG = Gauge(
    "copydesk_consumer_lag", "Records not yet committed, per input partition this worker holds", ["topic", "partition"]
)
STORIES = Gauge("copydesk_stories", "Stories held by the desk", ["status"])
ACTIONS = Counter("copydesk_actions_applied_total", "Editors' actions the desk applied", ["action"])
FEED_SILENT = Gauge("copydesk_feed_silent_seconds", "Seconds since the agency's last item, by the desk's clock", ["agency"])
FEED_RATE = Gauge("copydesk_feed_items_per_hour", "An agency's item rate: now (recent) and usual (long run)",
                  ["agency", "window"])
STAGE = Histogram(
    "copydesk_stage_seconds",
    "Time spent per stage (intake: parse+fingerprint+embed per batch item; decide; end to end)",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def feeds(status: list[dict]) -> None:
    """Per-agency gauges from :meth:`stream.feeds.FeedHealth.status`."""
    for f in status:
        FEED_SILENT.labels(agency=f["agency"]).set(f["silent_s"])
        for window, key in (("now", "rate_per_hour"), ("usual", "usual_per_hour")):
            if f.get(key) is not None:
                FEED_RATE.labels(agency=f["agency"], window=window).set(f[key])


def install(app) -> None:
    """Faust's Prometheus sensor (serves ``/metrics``), which also serves copydesk's own."""
    from faust.sensors.prometheus import setup_prometheus_sensors

    setup_prometheus_sensors(app, pattern="/metrics", registry=REGISTRY, name_prefix="faust")


def _install() -> None:
    from stream.app import app

    install(app)


_install()  # registered when autodiscovery imports this module, like the agents and pages
