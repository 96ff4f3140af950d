"""Plain Kafka clients (aiokafka): the one place copydesk talks to the broker outside Faust,
for the CLI, the dashboard, the worker's own reads, the bench and tests.

Reading is group-less (``reader``): tools never join the workers' group or commit. Topics
are listed before they are described (``partitions``): a metadata request naming a missing
topic makes a broker with ``auto.create.topics.enable`` (the local one) create it with
default settings, and a ``stories.state`` made that way would not be compacted.

``ensure_limits``: topics that already exist take what the worker sends. The worker creates
its topics with the derived record limit (``stream.limits``), but a topic made earlier
(another tool, an older copydesk, the broker's 1 MB default) keeps its own. A record the
broker refuses would stop the worker, so before the agents send anything the limit of
every topic they write is raised where it is lower; where it cannot be (no permission),
start-up stops naming the topic and the keys.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import TopicAlreadyExistsError

from stream.settings import Settings

log = logging.getLogger(__name__)

OUTPUT_TOPICS = ("dedup", "duplicates", "deadletter")  # each input lands on one of them
REQUEST_BYTES = 8_000_000  # what tools may send: a too-large item must reach intake to be dead-lettered


def bootstrap(cfg: Settings) -> str:
    """``kafka://a:9092;kafka://b:9092`` (Faust style) -> ``a:9092,b:9092`` (client style)."""
    hosts = [h.strip().removeprefix("kafka://") for h in cfg.kafka.broker.split(";")]
    return ",".join(h for h in hosts if h)


def broker_up(cfg: Settings, timeout: float = 1.0) -> bool:
    """Whether the first broker accepts a connection (no Kafka request: nothing is created)."""
    host, _, port = bootstrap(cfg).split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout):
            return True
    except OSError:
        return False


# -- admin ------------------------------------------------------------------------------


@asynccontextmanager
async def admin(cfg: Settings, **options) -> AsyncIterator[AIOKafkaAdminClient]:
    client = AIOKafkaAdminClient(bootstrap_servers=bootstrap(cfg), **options)
    try:
        await client.start()
        yield client
    finally:
        await client.close()


async def committed_offsets(cfg: Settings) -> dict:
    """The consumer group's committed offsets, from the broker: {(topic, partition): offset}."""
    async with admin(cfg) as client:
        offsets = await client.list_consumer_group_offsets(cfg.kafka.app_id)
    return {(tp.topic, tp.partition): meta.offset for tp, meta in offsets.items() if meta.offset >= 0}


async def ensure_topics(cfg: Settings, keys: Iterable[str] = ("items", *OUTPUT_TOPICS)) -> None:
    """Create the topics named by ``keys`` with their configured partitions, if missing."""
    async with admin(cfg) as client:
        existing = set(await client.list_topics())
        new = [NewTopic(cfg.topics.name(k), cfg.topics.partitions(k), cfg.kafka.replication_factor)
               for k in keys if cfg.topics.name(k) not in existing]
        if new:
            try:
                await client.create_topics(new)
            except TopicAlreadyExistsError:
                pass  # another process won the race; fine


async def topics(cfg: Settings, prefix: str) -> list[str]:
    async with admin(cfg) as client:
        return sorted(t for t in await client.list_topics() if t.startswith(prefix))


async def delete_topics(cfg: Settings, prefix: str) -> list[str]:
    """Delete a run's topics: those starting with ``prefix`` (its app id also starts its
    changelogs, ``<app id>-<table>-changelog``). Returns their names."""
    if not prefix:
        raise ValueError("delete_topics needs a prefix: it would delete every topic")
    names = await topics(cfg, prefix)
    if names:
        async with admin(cfg) as client:
            await client.delete_topics(names)
    return names


async def partitions_by_key(cfg: Settings, keys: Iterable[str]) -> dict[str, list[TopicPartition]]:
    """The partitions of each topic named by ``keys``, in order; a missing topic has none."""
    names = {cfg.topics.name(k): k for k in keys}
    async with admin(cfg, request_timeout_ms=10_000) as client:
        present = [name for name in await client.list_topics() if name in names]  # listed first: see above
        described = await client.describe_topics(present) if present else []
    found: dict[str, list[TopicPartition]] = {k: [] for k in names.values()}
    for t in described:
        if not t.get("error_code") and t["topic"] in names:
            found[names[t["topic"]]] = sorted(
                (TopicPartition(t["topic"], p["partition"]) for p in t["partitions"]), key=lambda tp: tp.partition)
    return found


async def partitions(cfg: Settings, keys: Iterable[str]) -> list[TopicPartition]:
    """Every partition of the topics named by ``keys`` (missing topics have none)."""
    return [tp for parts in (await partitions_by_key(cfg, keys)).values() for tp in parts]


# -- reading ----------------------------------------------------------------------------


def reader(cfg: Settings, **options) -> AIOKafkaConsumer:
    """A group-less consumer for reading topics from wherever we seek (CLI, dashboard, tests)."""
    options.setdefault("auto_offset_reset", "earliest")
    return AIOKafkaConsumer(bootstrap_servers=bootstrap(cfg), group_id=None, enable_auto_commit=False, **options)


async def rewind(consumer: AIOKafkaConsumer, parts) -> dict[TopicPartition, int]:
    """Seek ``parts`` to their first offsets, explicitly; returns them.

    ``seek_to_beginning`` only asks for a reset, which a group-less consumer in aiokafka 0.14
    can resolve with its default policy instead: position() came back at the end.
    """
    starts = await consumer.beginning_offsets(list(parts)) if parts else {}
    for tp, offset in starts.items():
        consumer.seek(tp, offset)
    return starts


async def stop(consumer: AIOKafkaConsumer) -> None:
    """Stop a group-less consumer; aiokafka 0.14 leaks a CancelledError from its own
    housekeeping task here, which must not be mistaken for our task being cancelled."""
    try:
        await consumer.stop()
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise


async def end_offsets(cfg: Settings, keys: Iterable[str] = OUTPUT_TOPICS) -> dict[TopicPartition, int]:
    parts = await partitions(cfg, keys)
    if not parts:
        return {}
    consumer = reader(cfg)
    await consumer.start()
    try:
        consumer.assign(parts)
        return await consumer.end_offsets(parts)
    finally:
        await stop(consumer)


async def read_range(cfg: Settings, spans: dict[TopicPartition, tuple[int, int]]) -> list:
    """The records of each partition from ``start`` to before ``end``, straight from the broker."""
    todo = {tp for tp, (start, end) in spans.items() if end > start}  # start == end > 0: retention took all
    if not todo:
        return []
    consumer = reader(cfg)
    await consumer.start()
    records: list = []
    try:
        consumer.assign(list(todo))
        for tp in todo:
            consumer.seek(tp, spans[tp][0])
        while todo:
            for tp, batch in (await consumer.getmany(*todo, timeout_ms=1000)).items():
                records += [r for r in batch if r.offset < spans[tp][1]]
            # Every partition's position, not only those that answered: one may have nothing left.
            todo = {tp for tp in todo if await consumer.position(tp) < spans[tp][1]}
    finally:
        await stop(consumer)
    return records


async def read_to_end(cfg: Settings, keys: Iterable[str]) -> list:
    """Every record of the topics named by ``keys``, from their first offsets to their ends now."""
    parts = await partitions(cfg, keys)
    if not parts:
        return []
    consumer = reader(cfg)
    await consumer.start()
    try:
        consumer.assign(parts)
        starts, ends = await consumer.beginning_offsets(parts), await consumer.end_offsets(parts)
    finally:
        await stop(consumer)
    return await read_range(cfg, {tp: (starts[tp], ends[tp]) for tp in parts})


async def read_from_start(cfg: Settings, keys: Iterable[str], until: Callable[[list], bool] = lambda records: False,
                          timeout: float = 120, **options) -> list:
    """Every record on the topics named by ``keys``, from the beginning, until ``until(records)``
    or ``timeout`` (waiting for the topics to exist, within the same time)."""
    keys, records, deadline = list(keys), [], time.monotonic() + timeout
    parts = await partitions(cfg, keys)
    while not parts and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        parts = await partitions(cfg, keys)
    consumer = reader(cfg, **options)
    await consumer.start()
    try:
        consumer.assign(parts)
        await rewind(consumer, parts)
        while time.monotonic() < deadline and not until(records):
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
    finally:
        await stop(consumer)
    return records


# -- writing ----------------------------------------------------------------------------


def producer(cfg: Settings, **options) -> AIOKafkaProducer:
    """A producer whose sends are confirmed by every replica (start it, stop it)."""
    return AIOKafkaProducer(bootstrap_servers=bootstrap(cfg), **{"acks": "all", "max_request_size": REQUEST_BYTES, **options})


async def send(client: AIOKafkaProducer, topic: str, records: Iterable[tuple[bytes | None, bytes]],
               rate: float | None = None, sent: Callable[[bytes | None, float], None] | None = None) -> int:
    """Send ``(key, value)`` pairs, at ``rate`` a second if given, and flush; returns the count.

    Each record's timestamp is its send time, which ``sent(key, time)`` is told. The rate is
    paced against the clock, not by sleeps per record, so it holds.
    """
    n, started = 0, time.monotonic()
    for key, value in records:
        now = time.time()
        await client.send(topic, value=value, key=key, timestamp_ms=int(now * 1000))
        n += 1
        if sent:
            sent(key, now)
        if rate and (ahead := n / rate - (time.monotonic() - started)) > 0:
            await asyncio.sleep(ahead)
    await client.flush()
    return n


# -- record limits ----------------------------------------------------------------------

KEY = "max.message.bytes"
DYNAMIC_TOPIC_CONFIG = 1  # DescribeConfigs config_source: set on the topic itself
UNKNOWN_TOPIC = 3


async def ensure_limits(cfg: Settings, names: list[str], needed: int) -> None:
    """Raise ``max.message.bytes`` to ``needed`` on each existing topic in ``names``."""
    async with admin(cfg) as client:  # a broker that does not answer raises: a restart can help
        try:
            for name, (current, dynamic) in (await _too_low(client, names, needed)).items():
                await _raise(client, name, dynamic, needed)
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


async def _too_low(client, names: list[str], needed: int) -> dict[str, tuple[str, dict]]:
    """{topic: (its limit, its own settings)} for existing topics below ``needed``."""
    resources = [ConfigResource(ConfigResourceType.TOPIC, n) for n in names]
    low = {}
    for response in await client.describe_configs(resources) if resources else []:
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


async def _raise(client, name: str, dynamic: dict, needed: int) -> None:
    # AlterConfigs replaces a topic's whole set: keep what it had (compaction, retention).
    configs = {**dynamic, KEY: str(needed)}
    for response in await client.alter_configs([ConfigResource(ConfigResourceType.TOPIC, name, configs)]):
        for error, message, *_ in response.resources:
            if error:
                raise RuntimeError(f"alter {name}: error {error} {message}")
