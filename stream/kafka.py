"""Plain Kafka clients (aiokafka) for the CLI and tests: producing feeds, reading outputs."""

from __future__ import annotations

from stream.settings import Settings


def bootstrap(cfg: Settings) -> str:
    """``kafka://a:9092;kafka://b:9092`` (Faust style) -> ``a:9092,b:9092`` (client style)."""
    hosts = [h.strip().removeprefix("kafka://") for h in cfg.kafka.broker.split(";")]
    return ",".join(h for h in hosts if h)


OUTPUT_TOPICS = ("dedup", "duplicates", "deadletter")  # each input lands on exactly one
