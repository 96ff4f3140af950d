"""The desk agent: the stateful decision (dedup + stories), with one consistent view.

It reads the single-partition ``copydesk.prepared`` topic, so exactly one worker owns the
desk at a time. Its state is two Faust tables backed by changelog topics; the in-memory
indexes (LSH, story centroids) are rebuilt from them whenever this worker (re)gains the
partition. Outputs are keyed (uri, story id) and re-sent identically when an item is seen
again after a crash, which makes at-least-once delivery idempotent downstream.
"""

from __future__ import annotations

import logging
import time
import weakref

import faust
import orjson
from faust.streams import _current_event

from stream.worker import handoff as record, metrics
from stream.worker.delivery import delivered, send, send_deadletter
from stream.worker.offsets import Record, guard
from stream.app import app, cfg, limits
from stream.worker.topics import (
    deadletter_topic,
    declare,
    dedup_topic,
    duplicates_topic,
    prepared_topic,
    story_events_topic,
    story_state_topic,
)
from stream.desk import Desk, Outcome, with_item
from stream.limits import topic_config
from stream.wire import Item
from stream.wire.parse import parse

log = logging.getLogger(__name__)

# JSON both ways: the app's default serializer is raw bytes (topics carry records untouched).
# No key/value *types*: Faust would treat them as models (``from_data``) on recovery.
_json = faust.Schema(key_serializer="json", value_serializer="json")
_changelog = {"extra_topic_configs": topic_config(limits)}  # changelog records up to the limit
items_table = app.Table("items", partitions=1, schema=_json, help="Items in the window: verdict, story, output", **_changelog)
stories_table = app.Table("stories", partitions=1, schema=_json, help="Story records: members, centroid, profile", **_changelog)
meta_table = app.Table("desk", partitions=1, schema=_json, help="The desk's own state: its clock", **_changelog)
_desk: Desk | None = None
continuity = guard("decide")


def desk() -> Desk:
    """The desk over this worker's tables, rebuilt after every rebalance."""
    global _desk
    if _desk is None:
        started = time.perf_counter()
        _desk = Desk(cfg, items=items_table, stories=stories_table, meta=meta_table)
        log.info(
            "desk restored: %d items, %d stories in %.2fs",
            len(items_table), len(stories_table), time.perf_counter() - started,
        )
    return _desk


async def forget_desk(app, partitions, **kwargs) -> None:  # noqa: ARG001 - signal signature
    """On any rebalance: the tables are recovered next, and the desk rebuilt from them on first use."""
    global _desk
    _desk = None


app.on_partitions_revoked.connect(forget_desk)
app.on_partitions_assigned.connect(forget_desk)


def unpack(value: bytes) -> tuple[Item, record.Prepared]:
    p = record.unpack(value)
    item = parse(p.raw, fallback_time=p.time, max_item_bytes=cfg.input.max_item_bytes,
                 max_body_chars=cfg.input.max_body_chars, max_nesting=cfg.input.max_nesting)
    if not isinstance(item, Item):  # intake parsed it: a changed parser or a foreign record
        raise ValueError(f"prepared record does not parse: {item.reason} ({item.detail})")
    return item, p


async def publish(event, outcome: Outcome, stories: dict[str, None]) -> list:
    """Send the item's record and story events; note the stories whose state changed."""
    out = outcome.record
    topic = duplicates_topic if outcome.topic == "duplicates" else dedup_topic
    sent = [await send(topic, out["uri"].encode(), orjson.dumps(with_item(out, outcome.item)), event)]
    for story_event in outcome.events:
        sent.append(await send(story_events_topic, story_event["story_id"].encode(), orjson.dumps(story_event), event))
    placement = outcome.placement
    changed = placement.changed if placement else {out["story_id"]} - {None}
    stories.update(dict.fromkeys(sorted(changed)))  # sorted: the same order in every process
    stories.update(dict.fromkeys(sorted(placement.removed) if placement else ()))
    return sent


async def publish_states(event, stories: dict[str, None]) -> list:
    """The latest snapshot of each story a batch touched, once (a tombstone if it is gone)."""
    d = desk()
    return [
        await send(story_state_topic, sid.encode(),
                   orjson.dumps(d.snapshot(sid)) if sid in d.clusterer.stories else None, event)
        for sid in stories
    ]


@app.agent(prepared_topic)
async def decide(stream):
    """Decide in small batches; acknowledge only once every output is on the broker."""
    changelogs = [t.changelog_topic for t in (items_table, stories_table, meta_table)]
    await declare(dedup_topic, duplicates_topic, story_events_topic, story_state_topic, deadletter_topic, *changelogs)
    async for events in stream.noack_take(cfg.worker.batch_size, within=0.01):
        sent: list = []
        stories: dict[str, None] = {}  # ordered set: stories whose snapshot is due
        events = [e for event in events for e in await continuity.check(event)]  # holes filled
        for event in events:
            sent += await decide_one(event, stories)
        if events:
            sent += await publish_states(events[-1], stories)
        await delivered(sent)
        for event in events:
            if not isinstance(event, Record):  # read from a hole: not Faust's to acknowledge
                await stream.ack(event)


async def decide_one(event, stories: dict[str, None]) -> list:
    # Table writes find their partition through Faust's current event, which a batch
    # (noack_take) does not set: set it per event, as Faust's own iteration does.
    _current_event.set(weakref.ref(event))
    started = time.perf_counter()
    try:
        item, p = unpack(event.value)
        received = p.received
        outcome = desk().decide(item, p.signature, p.vector, received=received)
    except Exception as exc:  # a desk bug must not stop the worker, nor lose the item
        return [await reject(event, exc)]
    if not outcome.repeated:
        count(outcome)
    sent = await publish(event, outcome, stories)
    metrics.STAGE.labels(stage="decide").observe(time.perf_counter() - started)
    metrics.STAGE.labels(stage="end_to_end").observe(max(0.0, time.time() - received))
    return sent


async def reject(event, exc: Exception):
    """Dead-letter the original record; rebuild the desk, whose memory may be half-updated."""
    global _desk
    _desk = None
    msg = event.message
    log.exception("desk failed on %s/%s/%s", msg.topic, msg.partition, msg.offset)
    try:
        p = record.unpack(msg.value)
    except Exception:  # not even our own record: keep the bytes as they came
        return await send_deadletter(event, "internal_error", f"{exc!r}")
    return await send_deadletter(event, "internal_error", f"{exc!r}", value=p.raw, key=p.key, source=p.source)


def count(outcome: Outcome) -> None:
    metrics.DECIDED.labels(kind=outcome.record["kind"]).inc()
    if outcome.record.get("dup_kind"):
        metrics.DUPLICATES.labels(kind=outcome.record["dup_kind"]).inc()


@app.timer(10.0)
async def count_stories() -> None:
    """Stories by status, refreshed off the hot path."""
    if _desk is None:
        return
    statuses: dict[str, int] = {}
    for story in list(_desk.clusterer.stories.values()):
        statuses[story.status] = statuses.get(story.status, 0) + 1
    for status, n in statuses.items():
        metrics.STORIES.labels(status=status).set(n)
