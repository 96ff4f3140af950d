"""Online story clustering: one pass over items in time order.

A new piece of copy is scored against the active stories the index proposes and joins
the best one scoring at least ``join_threshold``, or founds a story. Duplicates and
versions follow their canonical item with no scoring. The score is a weighted mean of the
signals that apply to the item:

- embedding: cosine of the item's vector to the story centroid (meaning);
- lexical: IDF-weighted cosine of content words (wording);
- anchors: IDF-weighted share of the item's numbers and names the story holds (facts,
  and language independent);
- credits: share of the agencies the item credits that have copy in the story within
  ``credit_hours`` (a rewrite credited "(AP, AFP)" is drawn to the AP+AFP story).

Time only discounts: a story quiet for a long while scores a little lower.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from stream.settings import Stories as StoriesConfig
from stream.stories import lexical
from stream.stories.attribute import provenance
from stream.stories.index import StoryIndex
from stream.stories.story import DUPLICATE, KILL, NEW, REWRITE, VERSION, Story
from stream.wire import Item
from stream.wire.extract import strip_version_markers

CREDIT_HOURS = 12.0
TIME_DISCOUNT = 0.2  # at most this share of the score is lost to a long silence


def display_headline(headline: str) -> str:
    """A story's headline without the wire's handling ("UPDATE 1-", "URGENT:", "CORRECTED-")."""
    return strip_version_markers(headline) or headline


def credited(item: Item) -> set[str]:
    """Agencies the item credits other than its own issuer ("BEIRUT (AP) -" on AP copy is no credit)."""
    return set(item.credits) - {item.agency} if item.is_agency else set(item.credits)


@dataclass
class Placement:
    """Where an item went and what that changed."""

    story_id: str
    kind: str
    score: float | None = None
    provenance: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # story ids whose record changed
    removed: set[str] = field(default_factory=set)  # story ids purged from state


@dataclass
class Source:
    """What attribution needs to remember of an agency item."""

    uri: str
    agency: str | None
    time: float
    norm_paragraphs: tuple[str, ...]


class StoryClusterer:
    def __init__(self, cfg: StoriesConfig, dim: int = 384) -> None:
        self.cfg = cfg
        self.stories: dict[str, Story] = {}
        self.index = StoryIndex(dim)
        self.df = lexical.DocFreq()
        self.home: dict[str, str] = {}  # item uri -> story id (at placement)
        self.keys: dict[str, set[str]] = {}  # item uri -> its df keys, to forget it exactly
        self.sources: dict[str, Source] = {}  # agency copy, for attribution
        self.clock: list[tuple[float, str]] = []  # (updated, story id) heap for closing
        self.now = 0.0

    # -- lookups ---------------------------------------------------------------------

    def resolve(self, sid: str | None) -> str | None:
        """Follow merges to the story that holds ``sid``'s items now."""
        seen = 0
        while sid and sid in self.stories and self.stories[sid].merged_into and seen < 100:
            sid, seen = self.stories[sid].merged_into, seen + 1
        return sid

    def story_of(self, uri: str) -> str | None:
        return self.resolve(self.home.get(uri))

    # -- placing items ---------------------------------------------------------------

    def place(
        self,
        item: Item,
        vector: np.ndarray | None,
        dup_of: str | None = None,
        dup_kind: str | None = None,
        retracts: str | None = None,
        now: float | None = None,
    ) -> Placement:
        """Place ``item``; ``now`` is the clock stories age by (default: the newest item time)."""
        self.now = max(self.now, item.time if now is None else now)
        placement = Placement(story_id="", kind=NEW)
        self._sweep(placement)
        home = self.story_of(retracts or dup_of) if (retracts or dup_of) else None
        if home and self.stories[home].status == "closed":
            self._reopen(home)
        if item.is_kill:
            placement.kind = KILL  # a kill of copy we never saw founds nothing
            if home:
                self._join(self.stories[home], item, placement)
                self._retract(self.stories[home], retracts or dup_of, placement)
        elif dup_kind and home:
            placement.kind = VERSION if dup_kind == "version" else DUPLICATE
            self._join(self.stories[home], item, placement, dup_of=dup_of)
            if placement.kind == VERSION:
                self._maybe_new_headline(self.stories[home], item, dup_of, placement)
        else:
            self._place_new_copy(item, vector, placement)
        self.home[item.uri] = placement.story_id
        return placement

    def _place_new_copy(self, item: Item, vector, placement: Placement) -> None:
        terms, anchors = lexical.terms(item), lexical.anchors(item)
        self.keys[item.uri] = set(terms) | anchors
        self.df.add(self.keys[item.uri])
        rewrite = bool(credited(item)) or not item.is_agency
        placement.kind = REWRITE if rewrite else NEW
        best, score = self._best_story(item, vector, terms, anchors)
        if best is None:
            story = Story.found(item.uri, item.time)
            self.stories[story.id] = story
            placement.events.append(self._event("created", story, item))
        else:
            story, placement.score = best, score
        story.absorb_terms(terms, anchors)
        if vector is not None:
            story.absorb_vector(vector)
        if item.is_agency:
            self.sources[item.uri] = Source(item.uri, item.agency, item.time, item.norm_paragraphs)
        if rewrite:
            placement.provenance = self._attribute(story, item)
        self._join(story, item, placement)
        self._maybe_new_headline(story, item, None, placement)
        self.index.put(story.id, story.centroid, self._index_anchors(story))
        if best is not None:
            self._maybe_merge(story, placement)

    def _best_story(self, item, vector, terms, anchors) -> tuple[Story | None, float]:
        weighted = self.df.weigh(terms)
        horizon = item.time - self.cfg.active_hours * 3600
        best, best_score = None, -1.0
        candidates = self.index.search(vector, anchors, k=self.cfg.candidates, weight=self.df.idf)
        for sid in candidates:
            story = self.stories.get(sid)
            if story is None or story.status != "active" or story.updated < horizon:
                continue
            score = self.score(item, vector, weighted, anchors, story)
            if score > best_score:
                best, best_score = story, score
        if best is not None and best_score >= self.cfg.join_threshold:
            return best, best_score
        return None, best_score

    def score(self, item: Item, vector, weighted_terms, anchors, story: Story) -> float:
        cfg, parts = self.cfg, []
        centroid = story.centroid
        if vector is not None and centroid is not None:
            parts.append((cfg.weight_embedding, float(np.dot(vector, centroid))))
        parts.append((cfg.weight_lexical, lexical.cosine(weighted_terms, self.df.weigh(story.terms))))
        if anchors:
            parts.append((cfg.weight_anchors, lexical.containment(anchors, story.anchors, self.df)))
        credits = credited(item)
        if credits:
            near = story.agencies_near(item.time, CREDIT_HOURS)
            parts.append((cfg.weight_credits, len(credits & near) / len(credits)))
        total = sum(w for w, _ in parts)
        raw = sum(w * s for w, s in parts) / total if total else 0.0
        silence_h = max(0.0, item.time - story.updated) / 3600
        return raw * (1 - TIME_DISCOUNT * (1 - math.exp(-silence_h / cfg.dormant_hours)))

    def _attribute(self, story: Story, item: Item) -> list[dict]:
        sources = [
            self.sources[m["uri"]]
            for m in story.members
            if m["uri"] in self.sources and not m.get("retracted") and m["uri"] != item.uri
        ]
        return provenance(item, sources) if sources else []

    # -- story changes ---------------------------------------------------------------

    def _join(self, story: Story, item: Item, placement: Placement, dup_of: str | None = None) -> None:
        member = {
            "uri": item.uri,
            "time": item.time,
            "agency": item.agency or item.holder,
            "is_agency": item.is_agency,
            "kind": placement.kind,
            "headline": item.headline,
            "language": item.language,
            "dup_of": dup_of,
        }
        if placement.provenance:
            member["provenance"] = placement.provenance
        story.members.append(member)
        story.updated = max(story.updated, item.time)
        heapq.heappush(self.clock, (story.updated, story.id))
        placement.story_id = story.id
        placement.changed.add(story.id)
        placement.events.append(self._event("item_added", story, item, kind=placement.kind))

    def _maybe_new_headline(self, story: Story, item: Item, dup_of, placement: Placement) -> None:
        """Earliest agency headline; a later version of that item supersedes it."""
        current = next((m for m in story.members if m["uri"] == story.headline_uri), None)
        supersedes = dup_of is not None and dup_of in (story.headline_uri, current and current.get("dup_of"))
        earlier_agency = item.is_agency and (
            current is None or not current["is_agency"] or item.time < current["time"]
        )
        if story.headline_uri is None or supersedes or (dup_of is None and earlier_agency):
            previous = story.headline
            story.headline, story.headline_uri = display_headline(item.headline), item.uri
            if previous != story.headline:
                placement.events.append(
                    self._event("headline_changed", story, item, previous=previous)
                )

    def _retract(self, story: Story, target: str | None, placement: Placement) -> None:
        for m in story.members:
            if m["uri"] == target or (target and m.get("dup_of") == target):
                m["retracted"] = True
        self.sources.pop(target or "", None)
        if story.headline_uri == target:
            alive = [m for m in story.members if not m.get("retracted") and m["kind"] != KILL]
            alive.sort(key=lambda m: (not m["is_agency"], m["time"]))
            if alive:
                story.headline, story.headline_uri = display_headline(alive[0]["headline"]), alive[0]["uri"]

    def _maybe_merge(self, story: Story, placement: Placement) -> None:
        """Two stories that converge become one; the older keeps its id."""
        centroid = story.centroid
        if centroid is None:
            return
        for sid in self.index.search(centroid, (), k=3):
            other = self.stories.get(sid)
            if other is None or other is story or other.status != "active":
                continue
            oc = other.centroid
            if oc is None or float(np.dot(centroid, oc)) < self.cfg.merge_threshold:
                continue
            keep, gone = (story, other) if story.created <= other.created else (other, story)
            self._merge(keep, gone, placement)
            return

    def _merge(self, keep: Story, gone: Story, placement: Placement) -> None:
        keep.members = sorted(keep.members + gone.members, key=lambda m: m["time"])
        if gone.vector_sum is not None:
            keep.vector_sum = gone.vector_sum if keep.vector_sum is None else keep.vector_sum + gone.vector_sum
            keep.vectors += gone.vectors
        keep.absorb_terms(gone.terms, set())
        keep.anchors.update(gone.anchors)
        keep.updated = max(keep.updated, gone.updated)
        keep.headline, keep.headline_uri = min(
            ((keep.headline, keep.headline_uri), (gone.headline, gone.headline_uri)),
            key=lambda h: self._headline_rank(keep, h[1]),
        )
        gone.status, gone.merged_into, gone.members = "merged", keep.id, []
        self.index.drop(gone.id)
        self.index.put(keep.id, keep.centroid, self._index_anchors(keep))
        placement.story_id = keep.id
        placement.changed |= {keep.id, gone.id}
        placement.events.append(self._story_event("merged", keep, merged=gone.id))

    def _headline_rank(self, story: Story, uri: str | None) -> tuple:
        m = next((m for m in story.members if m["uri"] == uri), None)
        return (1, 0.0) if m is None else (0 if m["is_agency"] else 1, m["time"])

    def _reopen(self, sid: str) -> None:
        story = self.stories[sid]
        story.status = "active"
        self.index.put(sid, story.centroid, self._index_anchors(story))

    def _index_anchors(self, story: Story) -> set[str]:
        return {a for a, _ in story.anchors.most_common(60)}

    # -- time ------------------------------------------------------------------------

    def _sweep(self, placement: Placement) -> None:
        """Close stories silent for ``closed_hours``; purge them a window later."""
        close_before = self.now - self.cfg.closed_hours * 3600
        while self.clock and self.clock[0][0] < close_before:
            updated, sid = heapq.heappop(self.clock)
            story = self.stories.get(sid)
            if story is None or story.updated != updated:
                continue  # superseded by a later entry
            if story.status == "active":
                story.status = "closed"
                self.index.drop(sid)
                placement.changed.add(sid)
                placement.events.append(self._story_event("closed", story))
                heapq.heappush(self.clock, (updated + self.cfg.closed_hours * 3600, sid))
            elif story.status in ("closed", "merged"):
                self.stories.pop(sid)
                placement.removed.add(sid)

    def forget(self, uri: str) -> None:
        """An item left the duplicate window: it no longer counts in document frequencies."""
        keys = self.keys.pop(uri, None)
        if keys is not None:
            self.df.remove(keys)
        self.sources.pop(uri, None)
        self.home.pop(uri, None)

    # -- events, snapshots, state ----------------------------------------------------

    def _event(self, type_: str, story: Story, item: Item, **extra) -> dict:
        return self._story_event(
            type_, story, time=item.time, uri=item.uri, agency=item.agency or item.holder,
            headline=story.headline if type_ == "headline_changed" else item.headline, **extra,
        )

    def _story_event(self, type_: str, story: Story, **fields) -> dict:
        """An event with a stable id, story id and the story's own sequence number: a
        consumer that sees an id again (at-least-once delivery) drops it."""
        story.events += 1
        event = {"id": f"{story.id}:{story.events}", "type": type_, "story_id": story.id, "time": self.now}
        event.update(fields)
        return event

    def snapshot(self, sid: str) -> dict:
        """The record published on ``stories.state`` for the desk."""
        story = self.stories[sid]
        live = [m for m in story.members if m["kind"] != KILL]
        first = min((m for m in live if m["is_agency"]), key=lambda m: m["time"], default=None)
        first = first or min(live, key=lambda m: m["time"], default=None)
        kinds = Counter(m["kind"] for m in story.members)
        status = story.status
        if status == "active" and self.now - story.updated > self.cfg.dormant_hours * 3600:
            status = "dormant"
        return {
            "id": story.id,
            "status": status,
            "merged_into": story.merged_into,
            "headline": story.headline,
            "created": story.created,
            "updated": story.updated,
            "first_report": first and {k: first[k] for k in ("uri", "agency", "time")},
            "agencies": sorted({m["agency"] for m in live if m["agency"] and m["is_agency"]}),
            "publishers": sorted({m["agency"] for m in live if m["agency"] and not m["is_agency"]}),
            "languages": sorted({m["language"] for m in live if m.get("language")}),
            "counts": {"items": len(story.members), **{k: kinds.get(k, 0) for k in (NEW, VERSION, DUPLICATE, REWRITE, KILL)}},
            "timeline": story.members,
            "provenance": {m["uri"]: m["provenance"] for m in story.members if m.get("provenance")},
        }

    def item_state(self, uri: str) -> dict:
        """What recovery needs to rebuild this item's part of the clusterer."""
        state: dict = {"story": self.home.get(uri), "keys": sorted(self.keys.get(uri, ()))}
        src = self.sources.get(uri)
        if src:
            state["source"] = {"agency": src.agency, "time": src.time, "paragraphs": list(src.norm_paragraphs)}
        return state

    def restore(self, stories: dict[str, dict], items: dict[str, dict], now: float = float("-inf")) -> None:
        """Rebuild from stored story records and per-item states (see ``item_state``)."""
        self.now = now
        for sid, rec in stories.items():
            story = Story.from_record(rec)
            self.stories[sid] = story
            heapq.heappush(self.clock, (story.updated, sid))
            if story.status == "active":
                self.index.put(sid, story.centroid, self._index_anchors(story))
        for uri, state in items.items():
            if state.get("story"):
                self.home[uri] = state["story"]
            if state.get("keys"):
                self.keys[uri] = set(state["keys"])
                self.df.add(self.keys[uri])
            src = state.get("source")
            if src:
                self.sources[uri] = Source(uri, src["agency"], src["time"], tuple(src["paragraphs"]))
