"""The desk: the whole decision for each item, free of Faust.

For every item, in time order: is it copy we already have (exact, near, a version)? If
not, which story is it (embedding, words, anchors, credits)? If it is a rewrite, whose
copy does it reuse? State lives in mappings (plain dicts in replay, Kafka-backed Faust tables in the worker):
``items`` (one entry per decided item), ``stories`` (a bounded record per story),
``members`` (each story's timeline in chunks) and ``meta`` (the desk's clock); and for
the desk's editors and alerts, ``actions`` (editors' rules and the actions applied, see
:meth:`Desk.act`), ``alerts`` (each story's current burst, :mod:`stream.alerts`) and
``feeds`` (each agency's pace, :mod:`stream.feeds`). The in-memory indexes are rebuilt
from them by :meth:`Desk.restore`. Stories and clock are written by :meth:`Desk.flush`,
once per batch however many of its items (or actions) touched them.

State ages by :class:`~stream.clock.DeskClock`, never by one item's date, and an item dated
after it was received is taken as issued when it was received.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import orjson

from stream import editor
from stream.actions import Action, parse_action
from stream.alerts import Breaking
from stream.clock import DeskClock
from stream.dedup import fingerprint
from stream.dedup.verdict import Observation
from stream.dedup.window import DuplicateWindow
from stream.feeds import FeedHealth
from stream.settings import Settings
from stream.stories.cluster import Placement, StoryClusterer
from stream.stories.constraints import Constraints
from stream.stories.story import CHUNK, chunk_key, member_chunks
from stream.wire import Item

Encode = Callable[[Sequence[Item]], np.ndarray]


@dataclass
class Outcome:
    """One item's decision, and the record published for it (``record``)."""

    item: Item
    record: dict
    placement: Placement | None = None
    repeated: bool = False  # the same uri was decided before: nothing changed
    events: list[dict] = field(default_factory=list)  # story events it caused (again, if repeated)
    alerts: list[dict] = field(default_factory=list)  # breaking alerts it raised (again, if repeated)

    @property
    def topic(self) -> str:
        """Which output: new copy and versions go to the feed, duplicates to the audit."""
        return "duplicates" if self.record.get("dup_kind") in ("exact", "near") else "dedup"


class Desk:
    def __init__(
        self,
        cfg: Settings,
        encode: Encode | None = None,
        items: MutableMapping[str, dict] | None = None,
        stories: MutableMapping[str, dict] | None = None,
        meta: MutableMapping[str, dict] | None = None,
        model=None,
        members: MutableMapping[str, list] | None = None,
        actions: MutableMapping[str, dict] | None = None,
        alerts: MutableMapping[str, dict] | None = None,
        feeds: MutableMapping[str, dict] | None = None,
    ) -> None:
        self.cfg = cfg
        self.encode = encode
        self.items = {} if items is None else items
        self.stories = {} if stories is None else stories
        self.members = {} if members is None else members  # "<story id>/<chunk>" -> members
        self.meta = {} if meta is None else meta  # the desk's own state: its clock
        self.chunks: dict[str, int] = {}  # story id -> member chunks stored
        self.dirty: set[str] = set()  # stories changed since the last flush
        self.window = DuplicateWindow(cfg.dedup)
        self.clusterer = StoryClusterer(cfg.stories, model)  # model: the configured one by default
        self.actions = {} if actions is None else actions  # "item/<uri>": rules, "action/<id>": applied
        self.rules = self.clusterer.rules = Constraints(self.actions)
        self.breaking = Breaking(cfg.alerts, {} if alerts is None else alerts)
        self.feeds = FeedHealth(cfg.feeds, {} if feeds is None else feeds)  # the worker calls feeds.check(clock.now)
        self.clock = DeskClock.from_record(self.meta.get("clock"))
        # Uris that left the window, by when they were decided: known until remember_s.
        self.retired: deque[tuple[float, str]] = deque()
        self.remember_s = max(cfg.dedup.remember_hours, cfg.dedup.window_hours) * 3600.0
        self.restore()

    def restore(self) -> None:
        """Rebuild the duplicate window and the story indexes from the state mappings."""
        self.rules.restore()
        items = dict(self.items.items())  # one pass over the table
        if not items and not len(self.stories):
            return
        stale = self.window.restore(e["dedup"] for e in items.values() if e.get("dedup"))
        self.window.newest = max(self.window.newest, self.clock.now)
        self.clusterer.restore(
            dict(self.stories.items()), {uri: e.get("cluster", {}) for uri, e in items.items()}, self.clock.now,
            self._stored_members(),
        )
        self.retired.extend(sorted((decided_at(e), uri) for uri, e in items.items() if "dedup" not in e))
        self.retire(stale)  # aged out while nobody was deciding

    def _stored_members(self) -> dict[str, list[dict]]:
        chunks: dict[str, list[tuple[int, list]]] = {}
        for key, members in self.members.items():
            sid, _, n = key.rpartition("/")
            chunks.setdefault(sid, []).append((int(n), members))
        out = {}
        for sid, parts in chunks.items():
            parts.sort()
            self.chunks[sid] = len(parts)
            out[sid] = [m for _, ms in parts for m in ms]
        return out

    # -- deciding --------------------------------------------------------------------

    def process(self, items: Sequence[Item], before: Callable[[], None] | None = None) -> list[Outcome]:
        """Decide a batch in order (replay's path), as the stream decides it item by item;
        ``before`` is called before each item (replay applies the actions due then).

        Every item the desk has not decided gets a vector, as intake gives every item one:
        whether a version still finds its story is only known when it is placed.
        """
        signatures = fingerprint.item_signatures(items, self.cfg.dedup) if items else []
        need = list({i.uri: i for i in items if not i.is_kill and i.uri not in self.items}.values())
        vectors = dict(zip((i.uri for i in need), self._embed(need)))
        outcomes = []
        for item, sig in zip(items, signatures):
            if before is not None:
                before()
            outcomes.append(self.decide(item, sig, vectors.get(item.uri)))
        self.flush()
        return outcomes

    def decide(
        self,
        item: Item,
        signature: np.ndarray | None = None,
        vector: np.ndarray | None = None,
        received: float | None = None,
    ) -> Outcome:
        """One item (the stream's path): ``vector`` was computed upstream, or is computed here.
        Call :meth:`flush` after a batch of them to store the stories they changed.

        ``received`` is when the item reached us (the Kafka record's time): an item dated
        later than that, beyond ``input.max_clock_skew_s``, is taken as issued then.
        """
        if item.uri in self.items and not self._kills_itself(item):
            return self.repeat(item)
        sent = _correct_time(item, received, self.cfg.input.max_clock_skew_s)
        now = self.clock.observe(item.time)
        if signature is None:
            signature = fingerprint.item_signature(item, self.cfg.dedup)
        observation = self.window.observe(item, signature, now=now)
        if vector is None and self._needs_vector(item, observation.verdict):
            vector = self._embed([item])[0]
        return self.place(item, observation, vector, sent)

    def _kills_itself(self, item: Item) -> bool:
        """A kill sent under the uri of the item it kills is news, not a repeat."""
        return item.is_kill and self.items[item.uri]["out"]["kind"] != "kill"

    def repeat(self, item: Item) -> Outcome:
        state = self.items[item.uri]
        return Outcome(item, state["out"], repeated=True, events=state.get("events", []), alerts=state.get("alerts", []))

    def place(self, item: Item, observation: Observation, vector: np.ndarray | None, sent: float | None = None) -> Outcome:
        verdict = observation.verdict
        placement = self.clusterer.place(
            item, vector, dup_of=verdict.dup_of, dup_kind=verdict.kind, retracts=verdict.retracts,
            now=self.clock.now, matched=verdict.matched,
        )
        # Items that left the window are retired only now: a kill still needed its target.
        self.retire(observation.evicted)
        record = output_record(item, verdict, placement)
        if sent is not None:
            record["time_sent"] = sent  # the item's own date, later than it was received
        alerts = self.feeds.observe(item.agency, item.time) if item.is_agency else []
        if placement.story_id and not item.is_kill:
            sid = self.clusterer.resolve(placement.story_id) or placement.story_id
            alerts += self.breaking.observe(sid, item.uri, item.agency if item.is_agency else None, item.time, item.urgency)
        self._save(item.uri, record, placement, alerts)
        return Outcome(item, record, placement, events=placement.events, alerts=alerts)

    def retire(self, uris: Sequence[str]) -> None:
        """Items out of the window: keep only their decision, and that until ``remember_s``.

        The decision is what makes a redelivery (after a crash or a rebalance) a repeat
        instead of new copy; a fast replay of an archive moves the window in seconds.
        """
        for uri in uris:
            self.clusterer.forget(uri)
            entry = self.items.get(uri)
            if entry is not None:
                self.items[uri] = {"out": entry["out"], "events": entry.get("events", []), "at": decided_at(entry)}
                self.retired.append((decided_at(entry), uri))
        horizon = self.clock.now - self.remember_s
        while self.retired and self.retired[0][0] < horizon:
            _, uri = self.retired.popleft()
            entry = self.items.get(uri)
            if entry is not None and "dedup" not in entry:  # not decided again since
                self.items.pop(uri, None)

    def _needs_vector(self, item: Item, verdict) -> bool:
        """New copy; or copy an editor named (it may not follow its root)."""
        named = self.rules.of(item.uri) or (verdict.matched and self.rules.of(verdict.matched))
        return not item.is_kill and (verdict.kind is None or bool(named))

    def _embed(self, items: Sequence[Item]) -> list[np.ndarray | None]:
        if not items or self.encode is None:
            return [None] * len(items)
        return list(self.encode(items))

    def _save(self, uri: str, record: dict, placement: Placement, alerts: list[dict] = ()) -> None:
        # "at": when the desk decided it, by its clock; what remember_hours counts from.
        at = max(self.clock.now, record["time"])
        state = {"out": record, "events": placement.events, "cluster": self.clusterer.item_state(uri), "at": at}
        if placement.why:
            state["why"] = placement.why  # what `copydesk explain` prints
        if alerts:
            state["alerts"] = list(alerts)
        if uri in self.window:
            state["dedup"] = self.window.entry(uri)
        self.items[uri] = state
        self.dirty |= placement.changed | placement.removed

    def flush(self) -> list[str]:
        """Store every story changed since the last flush (record and changed member chunks)
        and the clock; return their ids, in order (purged ones included)."""
        changed = sorted(self.dirty)
        for sid in changed:
            story = self.clusterer.stories.get(sid)
            stored = self.chunks.get(sid, 0)
            if story is None:  # purged
                self.stories.pop(sid, None)
                for c in range(stored):
                    self.members.pop(chunk_key(sid, c), None)
                self.chunks.pop(sid, None)
                continue
            for c, members in member_chunks(story).items():
                self.members[chunk_key(sid, c)] = members
            now = -(-len(story.members) // CHUNK)
            for c in range(now, stored):  # a merged story gave its members away
                self.members.pop(chunk_key(sid, c), None)
            self.chunks[sid] = now
            story.changed_from = None
            self.stories[sid] = story.to_record()
        self.meta["clock"] = self.clock.to_record()
        self.dirty.clear()
        return changed

    # -- editors ---------------------------------------------------------------------

    def act(self, action: Action | dict | str | bytes) -> list[dict]:
        """Apply one editor action (a record is parsed first); its story events, the first
        an ``action`` event. Raise :class:`~stream.actions.ActionError` with the reason for a
        bad record or one naming an unknown story. The same action (id) again changes
        nothing and returns the same events. Call :meth:`flush` after, as after deciding.
        """
        action = action if isinstance(action, Action) else parse_action(action)
        logged = self.actions.get("action/" + action.id)
        if logged is not None:
            return logged["events"]
        self.clusterer.now = max(self.clusterer.now, self.clock.now)
        placement = editor.apply(self.clusterer, self.rules, action)
        self.actions["action/" + action.id] = {"action": action.to_record(), "events": placement.events,
                                               "at": self.clock.now if self.clock.now != float("-inf") else None}
        self._refresh(action, placement)
        self.dirty |= placement.changed | placement.removed
        return placement.events

    def _refresh(self, action: Action, placement: Placement) -> None:
        """Items whose story (or kind) an action changed: their stored decision says so."""
        uris = {e["uri"] for e in placement.events if e["type"] == "item_moved"}
        uris |= {m for e in placement.events if e["type"] == "item_moved" for m in e["moved"]}
        if action.action == "rekind" and action.uri in self.items:
            uris.add(action.uri)
        for uri in sorted(uris):
            entry = self.items.get(uri)
            if entry is None:
                continue
            out = {**entry["out"], "story_id": self.clusterer.story_of(uri) or entry["out"]["story_id"]}
            if action.action == "rekind" and uri == action.uri:
                out["copy_kind"] = action.kind
            entry = {**entry, "out": out}
            if "cluster" in entry:
                entry["cluster"] = self.clusterer.item_state(uri)
            self.items[uri] = entry

    # -- reading ---------------------------------------------------------------------

    def snapshot(self, sid: str, full: bool = False) -> dict:
        return self.clusterer.snapshot(sid, full)

    def active_stories(self) -> list[str]:
        return [sid for sid, s in self.clusterer.stories.items() if s.status != "merged"]


def output_record(item: Item, verdict, placement: Placement) -> dict:
    """The record downstream services read on ``wire.dedup`` / ``wire.duplicates``."""
    kind = {"exact": "duplicate", "near": "duplicate", "version": "revision"}.get(verdict.kind, "item")
    if item.is_kill:
        kind = "kill"
    record = {
        "uri": item.uri,
        "kind": kind,
        "story_id": placement.story_id or None,
        "dup_of": verdict.dup_of,
        "dup_kind": verdict.kind,
        "similarity": round(float(verdict.similarity), 4),
        "provenance": placement.provenance,
        "member": placement.kind,
        "copy_kind": item.kind,
        "agency": item.agency,
        "holder": item.holder,
        "credits": list(item.credits),
        "language": item.language,
        "headline": item.headline,
        "time": item.time,
    }
    if verdict.revision is not None:
        record["revision"] = verdict.revision.to_dict()
    if verdict.retracts:
        record["retracts"] = verdict.retracts
    return record


def with_item(record: dict, item: Item) -> dict:
    """The published record: ``record`` with the item as it was sent, byte for byte.

    Kept out of the desk's state (a changelog record per item) and added when sending.
    """
    return {**record, "item": orjson.Fragment(item.source) if item.source else item.raw}


def decided_at(entry: dict) -> float:
    """When an ``items`` entry was decided, by the desk's clock (older entries: item time)."""
    return entry.get("at", entry["out"]["time"])


def _correct_time(item: Item, received: float | None, skew_s: float) -> float | None:
    """Take an item dated after it was received as issued then; its own date, if changed."""
    if received is None or item.time <= received + skew_s:
        return None
    sent, item.time = item.time, float(received)
    return sent
