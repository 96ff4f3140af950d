"""The desk agent: the stateful decision (dedup + stories), with one consistent view.

It reads the single-partition ``copydesk.prepared`` topic, so exactly one worker owns the
desk at a time. Its state is four Faust tables backed by changelog topics (items, stories,
members, the desk's clock); the in-memory indexes (LSH, story centroids) are rebuilt from
them whenever this worker (re)gains the partition, and only once the tables are recovered.
A batch's story records and snapshots are written once, however many of its items touched
them. Outputs are keyed (uri, story id) and re-sent identically when an item is seen again
after a crash, which makes at-least-once delivery idempotent downstream.
"""

from __future__ import annotations

import logging
import time
import weakref

import faust
import orjson
from faust.streams import _current_event

from stream.worker import handoff, metrics
from stream.worker.delivery import delivered, send, send_deadletter
from stream.worker.offsets import Record, guard
from stream.app import app, cfg, limits
from stream.worker.topics import (
    alerts_topic,
    deadletter_topic,
    declare,
    dedup_topic,
    duplicates_topic,
    prepared_topic,
    story_events_topic,
    story_state_topic,
)
from stream.actions import ActionError
from stream.desk import Desk, Outcome, with_item
from stream.limits import topic_config

log = logging.getLogger(__name__)

# JSON both ways: the app's default serializer is raw bytes (topics carry records untouched).
# No key/value *types*: Faust would treat them as models (``from_data``) on recovery.
_json = faust.Schema(key_serializer="json", value_serializer="json")
_changelog = {"extra_topic_configs": topic_config(limits)}  # changelog records up to the limit
items_table = app.Table("items", partitions=1, schema=_json, help="Items in the window: verdict, story, output", **_changelog)
stories_table = app.Table("stories", partitions=1, schema=_json, help="Story records: profile, headline, status", **_changelog)
members_table = app.Table("members", partitions=1, schema=_json, help="Story timelines, in chunks", **_changelog)
meta_table = app.Table("desk", partitions=1, schema=_json, help="The desk's own state: its clock", **_changelog)
actions_table = app.Table("actions", partitions=1, schema=_json, help="Editors' rules and the actions applied", **_changelog)
alerts_table = app.Table("alerts", partitions=1, schema=_json, help="Each story's current burst", **_changelog)
feeds_table = app.Table("feeds", partitions=1, schema=_json, help="Each agency's feed: last item, rates", **_changelog)
TABLES = (items_table, stories_table, members_table, meta_table, actions_table, alerts_table, feeds_table)
FEED_STATUS_S = 30.0  # how often the feed table goes to stories.alerts (wall clock)
_desk: Desk | None = None
continuity = guard("decide")


class NotRecovered(RuntimeError):
    """The tables are still being recovered: a desk built now would miss state."""


def desk() -> Desk:
    """The desk over this worker's tables, rebuilt after every rebalance once they are recovered."""
    global _desk
    if _desk is None:
        if not app.tables.recovery.completed.is_set():
            raise NotRecovered("tables are being recovered")
        started = time.perf_counter()
        _desk = Desk(cfg, items=items_table, stories=stories_table, meta=meta_table, members=members_table,
                     actions=actions_table, alerts=alerts_table, feeds=feeds_table)
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


async def publish(event, outcome: Outcome) -> list:
    """Send the item's record, its story events and its alerts."""
    out = outcome.record
    topic = duplicates_topic if outcome.topic == "duplicates" else dedup_topic
    sent = [await send(topic, out["uri"].encode(), orjson.dumps(with_item(out, outcome.item)), event)]
    return sent + await publish_events(event, outcome.events) + await publish_alerts(event, outcome.alerts)


async def publish_events(event, story_events: list[dict]) -> list:
    """Story events (an action's too); a kill that reached a rewrite is also an alert."""
    sent = []
    for e in story_events:
        key = (e.get("story_id") or e["id"]).encode()
        sent.append(await send(story_events_topic, key, orjson.dumps(e), event))
    return sent + await publish_alerts(event, [e for e in story_events if e["type"] == "uses_killed"])


async def publish_alerts(event, alerts: list[dict]) -> list:
    """Keyed by the alert's id: sent again after a crash, it is the same alert."""
    return [await send(alerts_topic, a["id"].encode(), orjson.dumps(a), event) for a in alerts]


async def publish_states(event, stories: list[str]) -> list:
    """The latest snapshot of each story a batch touched, once (a tombstone if it is gone)."""
    d = desk()
    return [
        await send(story_state_topic, sid.encode(),
                   orjson.dumps(d.snapshot(sid)) if sid in d.clusterer.stories else None, event)
        for sid in stories
    ]


@app.agent(prepared_topic)
async def decide(stream):
    """Decide in small batches; acknowledge only once every output is on the broker.

    Each item's state is written with the stories it changed (their bounded records and
    the one member chunk that grew), and the changelogs are flushed before the batch's
    outputs are sent, so that a crash never leaves an output ahead of the state (an event id
    used twice after a restart, an applied merge forgotten). The snapshots on
    ``stories.state`` go once per batch.
    """
    changelogs = [t.changelog_topic for t in TABLES]
    await declare(dedup_topic, duplicates_topic, story_events_topic, story_state_topic, deadletter_topic, alerts_topic,
                  *changelogs)
    async for events in stream.noack_take(cfg.worker.batch_size, within=0.01):
        events = [e for event in events for e in await continuity.check(event)]  # holes filled
        if not events:
            continue
        await app.tables.recovery.completed.wait()  # never build a desk over half the state
        changed: list[str] = []  # stories stored, whose snapshot is due
        results = [(event, decide_one(event, changed)) for event in events]
        # The batch's table writes reach their changelogs before any of its outputs leave:
        # after a crash, what consumers saw is never ahead of the state a new worker restores.
        await app.producer.flush()
        sent: list = []
        for event, result in results:
            sent += await publish_result(event, result)
        sent += await publish_states(events[-1], list(dict.fromkeys(changed)))
        sent += await publish_feeds(events[-1])
        await delivered(sent)
        for event in events:
            if not isinstance(event, Record):  # read from a hole: not Faust's to acknowledge
                await stream.ack(event)


async def publish_result(event, result) -> list:
    if isinstance(result, ActionError):
        return [await send_deadletter(event, "bad_action", str(result), *_action_source(event))]
    if isinstance(result, Exception):
        return [await reject(event, result)]
    if isinstance(result, list):  # an action's events
        return await publish_events(event, result)
    return await publish(event, result)


def _action_source(event) -> tuple[bytes, bytes | None, str]:
    record, source = handoff.unpack_action(event.message.value)
    return record, None, source


def decide_one(event, changed: list[str]) -> Outcome | list[dict] | Exception:
    """The outcome (an action's events), or the exception that refused it or stopped the
    desk (which is then rebuilt)."""
    # Table writes find their partition through Faust's current event, which a batch
    # (noack_take) does not set: set it per event, as Faust's own iteration does.
    _current_event.set(weakref.ref(event))
    if handoff.is_action(event.value):
        return act(event, changed)
    started = time.perf_counter()
    try:
        h = handoff.unpack(event.value)
        outcome = desk().decide(h.item, h.signature, h.vector, received=h.received)
        changed += desk().flush()
    except Exception as exc:  # a desk bug must not stop the worker, nor lose the item
        changed += forget_broken_desk(event)
        return exc
    if not outcome.repeated:
        count(outcome)
    metrics.STAGE.labels(stage="decide").observe(time.perf_counter() - started)
    metrics.STAGE.labels(stage="end_to_end").observe(max(0.0, time.time() - h.received))
    return outcome


def act(event, changed: list[str]) -> list[dict] | Exception:
    record, _ = handoff.unpack_action(event.value)
    try:
        story_events = desk().act(record)
        changed += desk().flush()
    except ActionError as exc:  # refused: unknown story, malformed; the desk is unchanged
        return exc
    except Exception as exc:
        changed += forget_broken_desk(event)
        return exc
    metrics.ACTIONS.labels(action=orjson.loads(record).get("action", "?")).inc()
    return story_events


_feeds_sent = {"at": 0.0}


async def publish_feeds(event) -> list:
    """Silence alerts as the desk's clock passes each agency's threshold, and every
    ``FEED_STATUS_S`` the feed table (key ``feeds``) with the gauges on /metrics."""
    _current_event.set(weakref.ref(event))
    d = desk()
    sent = await publish_alerts(event, d.feeds.check(d.clock.now))
    if time.monotonic() - _feeds_sent["at"] < FEED_STATUS_S or d.clock.now == float("-inf"):
        return sent
    _feeds_sent["at"] = time.monotonic()
    feeds = d.feeds.status(d.clock.now)
    metrics.feeds(feeds)
    status = {"id": "feeds", "type": "feed_status", "time": d.clock.now, "agencies": feeds}
    return sent + [await send(alerts_topic, b"feeds", orjson.dumps(status), event)]


def forget_broken_desk(event) -> list[str]:
    """Store what the batch decided before (its outputs will be sent), then drop the desk,
    whose memory may be half-updated: the next item rebuilds it from the tables."""
    global _desk
    msg = event.message
    log.exception("desk failed on %s/%s/%s", msg.topic, msg.partition, msg.offset)
    stored = _desk.flush() if _desk is not None else []
    _desk = None
    return stored


async def reject(event, exc: Exception):
    """Dead-letter the original record, with the reason."""
    try:
        raw, key, source = handoff.original(event.message.value)
    except Exception:  # not even our own record: keep the bytes as they came
        return await send_deadletter(event, "internal_error", f"{exc!r}")
    return await send_deadletter(event, "internal_error", f"{exc!r}", value=raw, key=key, source=source)


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
