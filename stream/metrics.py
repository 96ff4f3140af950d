"""Prometheus metrics for ``/metrics``: copydesk's own, Faust's, and consumer lag."""

from __future__ import annotations

from prometheus_client import REGISTRY, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily

ITEMS_IN = Counter("copydesk_items_in_total", "Records read from the input topic")
REJECTED = Counter("copydesk_items_rejected_total", "Records sent to the dead letter topic", ["reason"])
DECIDED = Counter("copydesk_items_decided_total", "Items decided by the desk", ["kind"])
DUPLICATES = Counter("copydesk_duplicates_total", "Items judged duplicates or versions", ["kind"])
REREAD = Counter(
    "copydesk_records_reread_total", "Input records the consumer skipped and an agent sought back to read", ["agent"]
)
STORIES = Gauge("copydesk_stories", "Stories held by the desk", ["status"])
STAGE = Histogram(
    "copydesk_stage_seconds",
    "Time spent per stage (intake: parse+fingerprint+embed per batch item; decide; end to end)",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


class LagCollector:
    """Consumer lag per partition: end offset minus committed offset, read at scrape time."""

    def __init__(self, app) -> None:
        self.app = app

    def collect(self):
        lag = GaugeMetricFamily(
            "copydesk_consumer_lag", "Records not yet committed, per input partition", labels=["topic", "partition"]
        )
        monitor = self.app.monitor
        for tp, end in dict(getattr(monitor, "tp_end_offsets", {})).items():
            committed = getattr(monitor, "tp_committed_offsets", {}).get(tp, 0)
            lag.add_metric([tp.topic, str(tp.partition)], max(0, end - committed))
        yield lag


def install(app) -> None:
    """Faust's Prometheus sensor (serves ``/metrics``) plus our lag collector."""
    from faust.sensors.prometheus import setup_prometheus_sensors

    setup_prometheus_sensors(app, pattern="/metrics", registry=REGISTRY, name_prefix="faust")
    REGISTRY.register(LagCollector(app))
