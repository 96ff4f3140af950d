"""Plain Kafka clients (aiokafka) for the CLI and tests: producing feeds, reading outputs."""

from __future__ import annotations

from stream.settings import Settings


def bootstrap(cfg: Settings) -> str:
    """``kafka://a:9092;kafka://b:9092`` (Faust style) -> ``a:9092,b:9092`` (client style)."""
    hosts = [h.strip().removeprefix("kafka://") for h in cfg.kafka.broker.split(";")]
    return ",".join(h for h in hosts if h)


async def committed_offsets(cfg: Settings) -> dict:
    """The consumer group's committed offsets, from the broker: {(topic, partition): offset}."""
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(cfg.kafka.app_id)
    finally:
        await admin.close()
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


OUTPUT_TOPICS = ("dedup", "duplicates", "deadletter")  # each input lands on exactly one


def reader(cfg: Settings, **options):
    """A group-less consumer for reading topics from wherever we seek (CLI, dashboard, tests)."""
    from aiokafka import AIOKafkaConsumer

    options.setdefault("auto_offset_reset", "earliest")
    return AIOKafkaConsumer(bootstrap_servers=bootstrap(cfg), group_id=None, enable_auto_commit=False, **options)


async def rewind(consumer, parts) -> None:
    """Seek ``parts`` to their first offsets, explicitly.

    ``seek_to_beginning`` only asks for a reset, which a group-less consumer in aiokafka 0.14
    can resolve with its default policy instead: position() came back at the end.
    """
    if parts:
        for tp, offset in (await consumer.beginning_offsets(list(parts))).items():
            consumer.seek(tp, offset)
