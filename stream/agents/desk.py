"""The desk agent: the stateful decision (dedup + stories), with one consistent view.

It reads the single-partition ``copydesk.prepared`` topic, so exactly one worker owns the
desk at a time. Its state is two Faust tables backed by changelog topics; the in-memory
indexes (LSH, story centroids) are rebuilt from them whenever this worker (re)gains the
partition. Outputs are keyed (uri, story id) and re-sent identically when an item is seen
again after a crash, which makes at-least-once delivery idempotent downstream.
"""

from __future__ import annotations

import base64
import logging
import time

import faust
import numpy as np
import orjson

from stream import metrics
from stream.app import (
    app,
    cfg,
    declare,
    dedup_topic,
    duplicates_topic,
    prepared_topic,
    story_events_topic,
    story_state_topic,
)
from stream.dedup import fingerprint
from stream.desk import Desk, Outcome
from stream.wire import Item
from stream.wire.parse import parse

log = logging.getLogger(__name__)

# JSON both ways: the app's default serializer is raw bytes (topics carry records untouched).
# No key/value *types*: Faust would treat them as models (``from_data``) on recovery.
_json = faust.Schema(key_serializer="json", value_serializer="json")
items_table = app.Table("items", partitions=1, schema=_json, help="Items in the window: verdict, story, output")
stories_table = app.Table("stories", partitions=1, schema=_json, help="Story records: members, centroid, profile")
_desk: Desk | None = None


def desk() -> Desk:
    """The desk over this worker's tables, rebuilt after every rebalance."""
    global _desk
    if _desk is None:
        started = time.perf_counter()
        _desk = Desk(cfg, items=items_table, stories=stories_table)
        log.info(
            "desk restored: %d items, %d stories in %.2fs",
            len(items_table), len(stories_table), time.perf_counter() - started,
        )
    return _desk


@app.on_partitions_revoked.connect
async def forget_desk_on_revoke(app, revoked, **kwargs) -> None:  # noqa: ARG001 - signal signature
    global _desk
    _desk = None


@app.on_partitions_assigned.connect
async def forget_desk_on_assign(app, assigned, **kwargs) -> None:  # noqa: ARG001 - signal signature
    global _desk
    _desk = None  # tables are recovered next; the desk is rebuilt from them on first use


def unpack(value: bytes) -> tuple[Item, np.ndarray, np.ndarray | None, float]:
    record = orjson.loads(value)
    item = parse(record["raw"], fallback_time=record["time"], max_item_bytes=cfg.input.max_item_bytes,
                 max_body_chars=cfg.input.max_body_chars)
    sig = fingerprint.from_bytes(base64.b64decode(record["sig"]))
    vec = np.frombuffer(base64.b64decode(record["vec"]), dtype=np.float32) if record.get("vec") else None
    return item, sig, vec, record.get("received") or time.time()


async def publish(outcome: Outcome, d: Desk) -> None:
    record = outcome.record
    topic = duplicates_topic if outcome.topic == "duplicates" else dedup_topic
    await topic.send(key=record["uri"].encode(), value=orjson.dumps(record))
    for event in outcome.events:
        await story_events_topic.send(key=event["story_id"].encode(), value=orjson.dumps(event))
    placement = outcome.placement
    changed = placement.changed if placement else {record["story_id"]} - {None}
    for sid in changed:
        if sid in d.clusterer.stories:
            await story_state_topic.send(key=sid.encode(), value=orjson.dumps(d.snapshot(sid)))
    for sid in placement.removed if placement else ():
        await story_state_topic.send(key=sid.encode(), value=None)


@app.agent(prepared_topic)
async def decide(stream):
    await declare(dedup_topic, duplicates_topic, story_events_topic, story_state_topic)
    async for value in stream:
        started = time.perf_counter()
        item, sig, vec, received = unpack(value)
        d = desk()
        outcome = d.decide(item, sig, vec)
        if not outcome.repeated:
            count(outcome)
        await publish(outcome, d)
        metrics.STAGE.labels(stage="decide").observe(time.perf_counter() - started)
        metrics.STAGE.labels(stage="end_to_end").observe(max(0.0, time.time() - received))


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
