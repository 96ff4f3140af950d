"""The desk: the whole decision for each item, free of Faust.

For every item, in time order: is it copy we already have (exact, near, a version)? If
not, which story is it (embedding, words, anchors, credits)? If it is a rewrite, whose
copy does it reuse? State lives in two mappings, ``items`` and ``stories`` (plain dicts
in replay, Kafka-backed Faust tables in the worker); the in-memory indexes are rebuilt
from them by :meth:`Desk.restore`.

Duplicates and versions need no embedding, so :meth:`Desk.process` judges a batch first
and embeds only the new copy in it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from stream.dedup import fingerprint
from stream.dedup.verdict import Observation
from stream.dedup.window import DuplicateWindow
from stream.settings import Settings
from stream.stories.cluster import Placement, StoryClusterer
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
        dim: int = 384,
    ) -> None:
        self.cfg = cfg
        self.encode = encode
        self.items = {} if items is None else items
        self.stories = {} if stories is None else stories
        self.window = DuplicateWindow(cfg.dedup)
        self.clusterer = StoryClusterer(cfg.stories, dim)
        # Uris that left the window, oldest first: still known (as decided) until remember_s.
        self.retired: deque[tuple[float, str]] = deque()
        self.remember_s = max(cfg.dedup.remember_hours, cfg.dedup.window_hours) * 3600.0
        self.newest = float("-inf")
        self.restore()

    def restore(self) -> None:
        """Rebuild the duplicate window and the story indexes from the state mappings."""
        items = dict(self.items.items())  # one pass over the table
        if not items and not len(self.stories):
            return
        stale = self.window.restore(e["dedup"] for e in items.values() if e.get("dedup"))
        self.clusterer.restore(dict(self.stories.items()), {uri: e.get("cluster", {}) for uri, e in items.items()})
        self.retired.extend(sorted((e["out"]["time"], uri) for uri, e in items.items() if "dedup" not in e))
        self.newest = max((e["out"]["time"] for e in items.values()), default=self.newest)
        self.retire(stale)  # aged out while nobody was deciding

    # -- deciding --------------------------------------------------------------------

    def process(self, items: Sequence[Item]) -> list[Outcome]:
        """Decide a batch in order, embedding only the items that are new copy."""
        signatures = fingerprint.item_signatures(items, self.cfg.dedup) if items else []
        judged, seen = [], set()
        for item, sig in zip(items, signatures):
            # The same uri twice in one batch: the second is a repeat of the first's decision.
            judged.append((item, None if item.uri in seen else self.judge(item, sig)))
            seen.add(item.uri)
        need = [item for item, o in judged if o is not None and self._needs_vector(item, o.verdict)]
        vectors = dict(zip((i.uri for i in need), self._embed(need)))
        return [
            self.repeat(item) if obs is None else self.place(item, obs, vectors.get(item.uri))
            for item, obs in judged
        ]

    def decide(self, item: Item, signature: np.ndarray | None = None, vector: np.ndarray | None = None) -> Outcome:
        """One item (the stream's path): ``vector`` was computed upstream, or is computed here."""
        observation = self.judge(item, signature)
        if observation is None:
            return self.repeat(item)
        if vector is None and self._needs_vector(item, observation.verdict):
            vector = self._embed([item])[0]
        return self.place(item, observation, vector)

    def judge(self, item: Item, signature: np.ndarray | None = None) -> Observation | None:
        """The duplicate window's observation, or None when this uri was already decided."""
        if item.uri in self.items and not self._kills_itself(item):
            return None
        if signature is None:
            signature = fingerprint.item_signature(item, self.cfg.dedup)
        return self.window.observe(item, signature)

    def _kills_itself(self, item: Item) -> bool:
        """A kill sent under the uri of the item it kills is news, not a repeat."""
        return item.is_kill and self.items[item.uri]["out"]["kind"] != "kill"

    def repeat(self, item: Item) -> Outcome:
        state = self.items[item.uri]
        return Outcome(item, state["out"], repeated=True, events=state.get("events", []))

    def place(self, item: Item, observation: Observation, vector: np.ndarray | None) -> Outcome:
        verdict = observation.verdict
        placement = self.clusterer.place(
            item, vector, dup_of=verdict.dup_of, dup_kind=verdict.kind, retracts=verdict.retracts
        )
        # Items that left the window are retired only now: a kill still needed its target.
        self.newest = max(self.newest, item.time)
        self.retire(observation.evicted)
        record = output_record(item, verdict, placement)
        self._save(item.uri, record, placement)
        return Outcome(item, record, placement, events=placement.events)

    def retire(self, uris: Sequence[str]) -> None:
        """Items out of the window: keep only their decision, and that until ``remember_s``.

        The decision is what makes a redelivery (after a crash or a rebalance) a repeat
        instead of new copy; a fast replay of an archive moves the window in seconds.
        """
        for uri in uris:
            self.clusterer.forget(uri)
            entry = self.items.get(uri)
            if entry is not None:
                self.items[uri] = {"out": entry["out"], "events": entry.get("events", [])}
                self.retired.append((entry["out"]["time"], uri))
        horizon = self.newest - self.remember_s
        while self.retired and self.retired[0][0] < horizon:
            _, uri = self.retired.popleft()
            entry = self.items.get(uri)
            if entry is not None and "dedup" not in entry:  # not decided again since
                self.items.pop(uri, None)

    def _needs_vector(self, item: Item, verdict) -> bool:
        return verdict.kind is None and not item.is_kill

    def _embed(self, items: Sequence[Item]) -> list[np.ndarray | None]:
        if not items or self.encode is None:
            return [None] * len(items)
        return list(self.encode(items))

    def _save(self, uri: str, record: dict, placement: Placement) -> None:
        state = {"out": record, "events": placement.events, "cluster": self.clusterer.item_state(uri)}
        if uri in self.window:
            state["dedup"] = self.window.entry(uri)
        self.items[uri] = state
        for sid in placement.changed:
            if sid in self.clusterer.stories:
                self.stories[sid] = self.clusterer.stories[sid].to_record()
        for sid in placement.removed:
            self.stories.pop(sid, None)

    # -- reading ---------------------------------------------------------------------

    def snapshot(self, sid: str) -> dict:
        return self.clusterer.snapshot(sid)

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
    record["item"] = item.raw
    return record
