"""The dashboard's view of the story topics: a snapshot store fed by a group-less consumer.

``stories.state`` is compacted (key = story id, value = the story snapshot, null = purged),
so reading it from the beginning gives every live story; the store keeps the latest value
per key. ``stories.events`` is append-only; the store keeps the last few hundred as the
desk's activity list. ``stories.alerts`` is append-only too: the store keeps the latest
alerts (``breaking``, ``feed_silent``, ``feed_resumed``, ``uses_killed``; one per alert id)
and the latest ``feed_status`` record (feed health per agency, key ``feeds``). Every change
is fanned out to the SSE subscribers as a ready-made message, serialised once.

The consumer has no group id (``assign``, not ``subscribe``): dashboards never join the
workers' group and never commit offsets, so any number of them can watch.

>>> store = StoryStore()
>>> store.apply_state(b"s1", b'{"id": "s1", "headline": "Quake", "updated": 5, "timeline": []}')
True
>>> [s["headline"] for s in store.query()]
['Quake']
>>> store.apply_state(b"s1", None)
True
>>> store.query()
[]
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition

from stream.kafka import partitions_by_key, reader, rewind, stop
from stream.settings import Settings

log = logging.getLogger(__name__)

RECENT_EVENTS = 300  # activity kept (and read back from stories.events at start)
RECENT_ALERTS = 200  # alerts kept (and read back from stories.alerts at start)
FEED_STATUS = "feed_status"  # the alert record type that carries feed health, not an alert
RESET_ACTIVITY = 100  # activity sent to a client when it (re)connects
SUBSCRIBER_QUEUE = 1000  # messages a slow client may lag behind before it is cut off
MAX_HEADLINES = 100  # distinct timeline headlines kept in a story summary (search)
HIDDEN = frozenset({"merged"})  # statuses left out of the story list


# ---------------------------------------------------------------------------------------------
# Messages and subscribers


@dataclass(frozen=True)
class Message:
    """One server-sent event, encoded once for every subscriber."""

    event: str
    data: bytes  # JSON, one line (orjson never emits raw newlines)

    def encode(self) -> bytes:
        return b"event: " + self.event.encode() + b"\ndata: " + self.data + b"\n\n"


def message(event: str, payload: Any) -> Message:
    return Message(event, orjson.dumps(payload))


class Subscriber:
    """One SSE client: a bounded queue. A client that falls ``maxsize`` messages behind is
    closed (``None`` ends its stream); its browser reconnects and starts from a fresh reset,
    which costs less than buffering without bound."""

    def __init__(self, maxsize: int = SUBSCRIBER_QUEUE) -> None:
        self.queue: asyncio.Queue[Message | None] = asyncio.Queue(maxsize + 1)  # +1: room for None
        self.maxsize = maxsize
        self.closed = False

    def put(self, msg: Message) -> None:
        if self.closed:
            return
        if self.queue.qsize() >= self.maxsize:
            self.close()
            return
        self.queue.put_nowait(msg)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)

    async def get(self) -> Message | None:
        return await self.queue.get()


# ---------------------------------------------------------------------------------------------
# The store


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def summary(snapshot: dict) -> dict:
    """A story for the list: the snapshot without timeline and provenance, plus what the
    list shows and searches (``headlines``: distinct timeline headlines; ``latest``: the
    newest member)."""
    out = {k: v for k, v in snapshot.items() if k not in ("timeline", "provenance")}
    timeline = snapshot.get("timeline")
    members = [m for m in timeline if isinstance(m, dict)] if isinstance(timeline, list) else []
    seen, headlines = {_text(snapshot.get("headline"))}, []
    for m in members:
        h = _text(m.get("headline"))
        if h and h not in seen and len(headlines) < MAX_HEADLINES:
            seen.add(h)
            headlines.append(h)
    out["headlines"] = headlines
    if members:
        last = max(reversed(members), key=lambda m: _number(m.get("time")))  # ties: the later one
        out["latest"] = {k: last.get(k) for k in ("time", "agency", "kind", "headline")}
    else:
        out["latest"] = None
    return out


def _words(q: str | None) -> list[str]:
    return (q or "").lower().split()


def _searchable(s: dict) -> str:
    return "\n".join([_text(s.get("headline")), *(_text(h) for h in s.get("headlines", ()))]).lower()


def _agencies(s: dict) -> set[str]:
    names = [*(s.get("agencies") or ()), *(s.get("publishers") or ())]
    return {n.lower() for n in names if isinstance(n, str)}


class StoryStore:
    """Latest snapshot per story id, the recent activity, and the SSE subscribers.

    Every stored snapshot gets ``rev``, the store's change counter when it last changed:
    a client that hears about a story twice (API reply and SSE push) keeps the higher rev.
    """

    def __init__(self, recent_events: int = RECENT_EVENTS, recent_alerts: int = RECENT_ALERTS) -> None:
        self.stories: dict[str, dict] = {}  # id -> snapshot (with "rev")
        self.summaries: dict[str, dict] = {}  # id -> summary (with "rev")
        self._raw: dict[str, bytes] = {}  # id -> the record as read, to skip re-reads
        self.activity: deque[dict] = deque(maxlen=recent_events)
        self.alerts: OrderedDict[str, dict] = OrderedDict()  # alert id -> alert, oldest first
        self.max_alerts = recent_alerts
        self.feed_status: dict | None = None  # the latest feed_status record
        self.subscribers: set[Subscriber] = set()
        self.rev = 0
        # state: starting | connecting | waiting (no topic yet) | loading | live | reconnecting
        self.status: dict = {"state": "starting", "loaded": False, "error": None, "detail": None}

    # -- applying records ------------------------------------------------------------------

    def apply_state(self, key: bytes | str | None, value: bytes | dict | None) -> bool:
        """Apply one ``stories.state`` record; return whether the story list changed."""
        if isinstance(value, (bytes, bytearray, memoryview)):
            raw = bytes(value)
            try:
                snap = orjson.loads(raw)
            except orjson.JSONDecodeError:
                log.warning("stories.state: skipping a record that is not JSON (key %r)", key)
                return False
        elif value is None:
            raw, snap = None, None
        else:
            snap = value
            raw = orjson.dumps(value)
        sid = key.decode("utf-8", "replace") if isinstance(key, (bytes, bytearray)) else key
        if snap is not None and not isinstance(snap, dict):
            log.warning("stories.state: skipping a record that is not an object (key %r)", sid)
            return False
        sid = sid or (snap or {}).get("id")
        if not isinstance(sid, str) or not sid:
            return False
        if snap is None:  # tombstone: the story was purged
            if sid not in self.stories:
                return False
            del self.stories[sid], self.summaries[sid], self._raw[sid]
            self.rev += 1
            self.publish(message("removed", {"id": sid, "rev": self.rev}))
            return True
        if self._raw.get(sid) == raw:
            return False  # the same record again (a re-read after reconnecting)
        self.rev += 1
        snap = dict(snap, id=sid, rev=self.rev)
        self.stories[sid], self._raw[sid] = snap, raw
        self.summaries[sid] = summary(snap)
        self.publish(message("story", snap))
        return True

    def apply_event(self, value: bytes | dict | None) -> None:
        """Apply one ``stories.events`` record: remember it and push it to the clients."""
        if isinstance(value, (bytes, bytearray, memoryview)):
            try:
                value = orjson.loads(bytes(value))
            except orjson.JSONDecodeError:
                log.warning("stories.events: skipping a record that is not JSON")
                return
        if not isinstance(value, dict):
            return
        self.activity.append(value)
        self.publish(message("activity", value))

    def apply_alert(self, key: bytes | str | None, value: bytes | dict | None) -> bool:
        """Apply one ``stories.alerts`` record: an alert (kept by id; the same id again
        replaces it in place, a redelivery is no new alert) or the feed health
        (``feed_status``, the latest wins). Return whether anything changed."""
        if isinstance(value, (bytes, bytearray, memoryview)):
            try:
                value = orjson.loads(bytes(value))
            except orjson.JSONDecodeError:
                log.warning("stories.alerts: skipping a record that is not JSON (key %r)", key)
                return False
        if not isinstance(value, dict):
            return False
        if value.get("type") == FEED_STATUS:
            if value == self.feed_status:
                return False
            self.feed_status = value
            self.publish(message("feeds", value))
            return True
        aid = value.get("id")
        if not isinstance(aid, str) or not aid:
            aid = key.decode("utf-8", "replace") if isinstance(key, (bytes, bytearray)) else key
        if not isinstance(aid, str) or not aid or not isinstance(value.get("type"), str):
            return False
        value = {**value, "id": aid}
        if self.alerts.get(aid) == value:
            return False
        self.alerts[aid] = value
        while len(self.alerts) > self.max_alerts:
            self.alerts.popitem(last=False)
        self.publish(message("alert", value))
        return True

    def recent_alerts(self) -> list[dict]:
        """The alerts kept, newest first (by alert time, then arrival)."""
        rows = list(self.alerts.values())
        order = {id(a): n for n, a in enumerate(rows)}
        return sorted(rows, key=lambda a: (_number(a.get("time")), order[id(a)]), reverse=True)

    def set_status(self, **status) -> None:
        """The consumer's state for /health and the page's connection indicator."""
        new = {**self.status, **status}
        if new != self.status:
            self.status = new
            self.publish(message("status", new))

    # -- reading ---------------------------------------------------------------------------

    def resolve(self, sid: str) -> str | None:
        """Follow merges to the surviving story (as the worker's own API does)."""
        seen = 0
        while sid in self.stories and seen < 100:
            into = self.stories[sid].get("merged_into")
            if not isinstance(into, str) or into not in self.stories:
                break
            sid, seen = into, seen + 1
        return sid if sid in self.stories else None

    def get(self, sid: str) -> dict | None:
        found = self.resolve(sid)
        return self.stories[found] if found else None

    def query(
        self,
        agency: str | None = None,
        q: str | None = None,
        status: str | None = None,
    ) -> list[dict]:
        """Summaries, newest activity first; ``agency`` matches agencies and publishers,
        ``q`` needs every word in the headline or a timeline headline (case-insensitive)."""
        words = _words(q)
        agency = (agency or "").lower()
        rows = []
        for s in self.summaries.values():
            if status:
                if s.get("status") != status:
                    continue
            elif s.get("status") in HIDDEN:
                continue
            if agency and agency not in _agencies(s):
                continue
            if words:
                text = _searchable(s)
                if not all(w in text for w in words):
                    continue
            rows.append(s)
        rows.sort(key=lambda s: (_number(s.get("updated")), s.get("rev", 0)), reverse=True)
        return rows

    def agencies(self) -> dict[str, list[str]]:
        """Every agency and publisher with stories in the list (the page's filter)."""
        agencies: set[str] = set()
        publishers: set[str] = set()
        for s in self.summaries.values():
            if s.get("status") in HIDDEN:
                continue
            agencies.update(a for a in s.get("agencies") or () if isinstance(a, str))
            publishers.update(p for p in s.get("publishers") or () if isinstance(p, str))
        return {"agencies": sorted(agencies, key=str.lower), "publishers": sorted(publishers - agencies, key=str.lower)}

    # -- subscribers -----------------------------------------------------------------------

    def subscribe(self, maxsize: int = SUBSCRIBER_QUEUE) -> Subscriber:
        """A new client: its first message is a ``reset`` with the whole list, taken in the
        same step as the subscription, so no change can fall between the two."""
        sub = Subscriber(maxsize)
        sub.queue.put_nowait(self.reset_message())
        self.subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    def reset_message(self) -> Message:
        return message(
            "reset",
            {
                "rev": self.rev,
                "status": self.status,
                "stories": self.query(),
                "activity": list(self.activity)[-RESET_ACTIVITY:],
                "alerts": self.recent_alerts(),
                "feeds": self.feed_status,
            },
        )

    def publish(self, msg: Message) -> None:
        for sub in list(self.subscribers):
            sub.put(msg)
            if sub.closed:
                self.subscribers.discard(sub)

    def close_all(self) -> None:
        """Server shutdown: end every open stream."""
        for sub in list(self.subscribers):
            sub.close()
        self.subscribers.clear()


# ---------------------------------------------------------------------------------------------
# The Kafka side


def describe(exc: BaseException) -> str:
    """``KafkaConnectionError: Unable to bootstrap ...`` (aiokafka's messages name their class)."""
    text, name = str(exc), type(exc).__name__
    return text if text.startswith(name) else f"{name}: {text}" if text else name


class _Rediscover(Exception):
    """A topic that was missing has appeared: start a new session to assign it."""


@dataclass
class Feed:
    """Reads ``stories.state`` (from the beginning) and tails ``stories.events`` and
    ``stories.alerts`` (from a little before their ends) into a store,
    for as long as it runs, retrying while the broker or the topics are not there yet."""

    cfg: Settings
    store: StoryStore
    retry_s: float = 2.0
    max_retry_s: float = 30.0
    recheck_s: float = 10.0
    positions: dict[TopicPartition, int] = field(default_factory=dict)

    async def run(self) -> None:
        delay = self.retry_s
        while True:
            try:
                await self.session()
                delay = self.retry_s  # a session ends without error only to rediscover topics
            except _Rediscover:
                delay = self.retry_s
                continue
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - broker down, timeouts: log, wait, retry
                error = describe(exc)
                log.warning("dashboard feed: %s (retrying in %.1fs)", error, delay)
                self.store.set_status(state="reconnecting", error=error, detail=None)
                await asyncio.sleep(delay)
                delay = min(self.max_retry_s, delay * 2)

    async def session(self) -> None:
        cfg, store = self.cfg, self.store
        state_name = cfg.topics.name("story_state")
        if store.status.get("state") in ("starting", "reconnecting"):
            store.set_status(state="connecting")
        parts = await partitions_by_key(cfg, ("story_state", "story_events", "alerts"))
        if not parts["story_state"]:
            store.set_status(state="waiting", error=None, detail=f"topic {state_name} does not exist yet")
            await asyncio.sleep(self.retry_s)
            return
        state_parts, event_parts, alert_parts = parts["story_state"], parts["story_events"], parts["alerts"]
        consumer = reader(cfg)
        try:
            await consumer.start()
            consumer.assign(state_parts + event_parts + alert_parts)
            fresh = [tp for tp in state_parts if tp not in self.positions]
            if fresh:
                await rewind(consumer, fresh)
            await self._seek_tail(consumer, event_parts, self.store.activity.maxlen)
            await self._seek_tail(consumer, alert_parts, self.store.max_alerts)
            for tp in state_parts + event_parts + alert_parts:
                if tp in self.positions:
                    consumer.seek(tp, self.positions[tp])
            target = await consumer.end_offsets(state_parts) if not store.status.get("loaded") else {}
            if target:
                store.set_status(state="loading", error=None, detail=None)
            missing = tuple(k for k, p in (("story_events", event_parts), ("alerts", alert_parts)) if not p)
            await self._consume(consumer, state_name, target, missing)
        finally:
            await stop(consumer)

    async def _seek_tail(self, consumer: AIOKafkaConsumer, parts: list[TopicPartition], back: int) -> None:
        """New event and alert partitions start a little before their end: the recent ones."""
        fresh = [tp for tp in parts if tp not in self.positions]
        if not fresh:
            return
        ends = await consumer.end_offsets(fresh)
        starts = await consumer.beginning_offsets(fresh)
        for tp in fresh:
            consumer.seek(tp, max(starts[tp], ends[tp] - back))

    async def _consume(self, consumer, state_name: str, target: dict, missing: tuple[str, ...] = ()) -> None:
        store = self.store
        alerts_name = self.cfg.topics.name("alerts")
        checked = time.monotonic()
        if not target:
            store.set_status(state="live", loaded=True, error=None, detail=None)
        while True:
            batch = await consumer.getmany(timeout_ms=1000, max_records=1000)
            for tp, records in batch.items():
                for record in records:
                    try:
                        if tp.topic == state_name:
                            store.apply_state(record.key, record.value)
                        elif tp.topic == alerts_name:
                            store.apply_alert(record.key, record.value)
                        else:
                            store.apply_event(record.value)
                    except Exception:  # noqa: BLE001 - one odd record must not stop the desk
                        log.exception("dashboard feed: skipping %s/%d@%d", tp.topic, tp.partition, record.offset)
                self.positions[tp] = records[-1].offset + 1
            if target:
                done = [await consumer.position(tp) >= end for tp, end in target.items()]
                if all(done):
                    target = {}
                    log.info("dashboard feed: loaded %d stories from %s", len(store.stories), state_name)
                    store.set_status(state="live", loaded=True, error=None, detail=None)
            if missing and time.monotonic() - checked > self.recheck_s:
                checked = time.monotonic()
                parts = await partitions_by_key(self.cfg, missing)
                if any(parts.values()):
                    raise _Rediscover()
