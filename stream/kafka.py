"""Plain Kafka clients (aiokafka) for the CLI, the worker and tests.

``ensure_limits``: topics that already exist take what the worker sends. The worker creates
its topics with the derived record limit (``stream.limits``), but a topic made earlier
(another tool, an older copydesk, the broker's 1 MB default) keeps its own. A record the
broker refuses would stop the worker, so before the agents send anything the limit of
every topic they write is raised where it is lower; where it cannot be (no permission),
start-up stops naming the topic and the keys.
"""

from __future__ import annotations

import logging
import os

from stream.settings import Settings

log = logging.getLogger(__name__)


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


KEY = "max.message.bytes"
DYNAMIC_TOPIC_CONFIG = 1  # DescribeConfigs config_source: set on the topic itself
UNKNOWN_TOPIC = 3


async def ensure_limits(cfg: Settings, names: list[str], needed: int) -> None:
    """Raise ``max.message.bytes`` to ``needed`` on each existing topic in ``names``."""
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg))
    await admin.start()
    try:
        low = await _too_low(admin, names, needed)
        for name, (current, dynamic) in low.items():
            await _raise(admin, name, dynamic, needed)
            log.warning("raised %s of topic %s from %s to %d (input.max_item_bytes = %d)",
                        KEY, name, current, needed, cfg.input.max_item_bytes)
    except Exception as exc:
        log.critical(
            "topic %s is below the %d bytes copydesk sends (4 x input.max_item_bytes = %d) and "
            "could not be raised (%r): raise it on the broker, or lower input.max_item_bytes "
            "(COPYDESK_INPUT_MAX_ITEM_BYTES)", KEY, needed, cfg.input.max_item_bytes, exc,
        )
        logging.shutdown()
        os._exit(78)  # EX_CONFIG: a restart cannot help
    finally:
        await admin.close()


async def _too_low(admin, names: list[str], needed: int) -> dict[str, tuple[str, dict]]:
    """{topic: (its limit, its own settings)} for existing topics below ``needed``."""
    from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

    resources = [ConfigResource(ConfigResourceType.TOPIC, n) for n in names]
    low = {}
    for response in await admin.describe_configs(resources) if resources else []:
        for error, message, _, name, entries in response.resources:
            if error == UNKNOWN_TOPIC:
                continue  # not created yet: Faust creates it with our settings
            if error:
                raise RuntimeError(f"describe {name}: error {error} {message}")
            values = {e[0]: e[1] for e in entries}
            if int(values.get(KEY) or 0) < needed:
                dynamic = {e[0]: e[1] for e in entries if e[3] == DYNAMIC_TOPIC_CONFIG}
                low[name] = (values.get(KEY), dynamic)
    return low


async def _raise(admin, name: str, dynamic: dict, needed: int) -> None:
    # AlterConfigs replaces a topic's whole set: keep what it had (compaction, retention).
    from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

    configs = {**dynamic, KEY: str(needed)}
    for response in await admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, name, configs)]):
        for error, message, *_ in response.resources:
            if error:
                raise RuntimeError(f"alter {name}: error {error} {message}")
