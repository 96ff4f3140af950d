"""Online story clustering: one pass over items in time order.

New copy is compared with the candidate stories two indexes propose (centroids, names),
and the join model (:mod:`stream.stories.model`) gives, for each, the probability that the
item belongs to it. The item joins the most likely story when that reaches
``join_probability``, else founds one. Time is one feature among others: a story that has
been quiet for weeks stays a candidate (closed, until ``retain_days``) and strong evidence
reopens it. Duplicates and versions follow their canonical item. Templated and service
copy (market reports, earnings briefs, advisories...) never joins news: it is grouped with
its own kind, agency and subject on the same day. Copy about one company (a ``<TICKER>``
in its headline) never joins a story about other companies.

When an item is likely to belong to two stories, the model is asked whether the two
stories are one (the smaller seen as an item); if it says so, they merge and the older id
stays.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from stream.settings import Stories as StoriesConfig
from stream.stories.attribute import provenance
from stream.stories.constraints import Constraints
from stream.stories.evidence import Evidence, WindowFrequency, evidence, item_keys
from stream.stories.explain import compact, contributions
from stream.stories.features import FEATURES, features
from stream.stories.index import StoryIndex
from stream.stories.model import JoinModel
from stream.stories.story import DUPLICATE, KILL, NEW, REWRITE, VERSION, Story
from stream.wire import Item
from stream.wire.extract import strip_version_markers

INDEXED_NAMES = 60  # a story's strongest names go into the names index
EXPLAINED = 3  # candidates kept with a placement, best first
TIMELINE = 50  # members a story snapshot carries: the latest (a snapshot is sent on every change)


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
    score: float | None = None  # the join model's probability for the story it joined
    candidates: list[tuple[str, float]] = field(default_factory=list)  # best first
    provenance: list[dict] = field(default_factory=list)
    why: dict = field(default_factory=dict)  # what decided it: the rule, the model's reasons
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
    def __init__(self, cfg: StoriesConfig, model: JoinModel | None = None) -> None:
        self.cfg = cfg
        self._model = model
        self.stories: dict[str, Story] = {}
        self.index = StoryIndex()
        self.templates: dict[str, str] = {}  # templated copy's key -> its latest story
        self.home: dict[str, str] = {}  # item uri -> story id (at placement)
        self.sources: dict[str, Source] = {}  # agency copy, for attribution
        self.window = WindowFrequency()  # news copy in the duplicate window, for word weights
        self.counted: dict[str, tuple[str, tuple[str, ...]]] = {}  # uri -> (language, keys) counted
        self.due: list[tuple[float, str, str, float]] = []  # (when, "close"|"purge", story id, its updated)
        self.now = float("-inf")
        self.rules = Constraints({})  # editors' rules (the desk passes its stored ones)
        # Evidence of the items in the window, in memory only: what an editor's move takes
        # out of one profile and into another (not kept across a restart: see move()).
        self.evidence: dict[str, Evidence] = {}

    @property
    def model(self) -> JoinModel:
        """The join model: the one given, else ``stories.model_path``'s, else the shipped one."""
        if self._model is None:
            self._model = JoinModel.load(self.cfg.model_path or None)
        return self._model

    # -- lookups ---------------------------------------------------------------------

    def resolve(self, sid: str | None) -> str | None:
        """Follow merges to the story that holds ``sid``'s items now."""
        seen = 0
        while sid and sid in self.stories and self.stories[sid].merged_into and seen < 100:
            sid, seen = self.stories[sid].merged_into, seen + 1
        return sid if sid in self.stories else None

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
        matched: str | None = None,
    ) -> Placement:
        """Place ``item``; ``now`` is the clock stories age by (default: the newest item time).

        A version or duplicate goes to its family's story: the root's (``dup_of``), or, once
        the root has left the window, the story of ``matched``, the copy it was matched with.
        An editor's rule on ``matched`` holds for its copies too.
        """
        self.now = max(self.now, item.time if now is None else now)
        placement = Placement(story_id="", kind=NEW)
        self._sweep(placement)
        if self.rules.kind(item.uri):
            item.kind = self.rules.kind(item.uri)  # an editor said what copy it is before it came
        home = self.story_of(retracts or dup_of) if (retracts or dup_of) else None
        home = home or (self.story_of(matched) if matched and dup_kind else None)
        barred = self.rules.barred(item.uri, self.story_of, self.resolve)
        if matched and matched != dup_of:
            barred = {**self.rules.barred(matched, self.story_of, self.resolve), **barred}
        if item.is_kill:
            placement.kind = KILL  # a kill of copy we never saw founds nothing
            placement.why = {"rule": "kill", "retracts": retracts or dup_of}
            if home:
                self._join(self._reopened(home, item, placement), item, placement)
                self._retract(self.stories[home], retracts or dup_of, placement)
        elif dup_kind and home and home in barred:  # an editor keeps it out of its root's story
            kind = VERSION if dup_kind == "version" else DUPLICATE
            if item.kind != "news":
                self._place_templated(item, vector, placement, barred, kind=kind, dup_of=dup_of)
            else:
                self._place_news(item, vector, placement, barred, kind=kind, dup_of=dup_of)
            editor = placement.why.setdefault("excluded", {}).setdefault("editor", [])
            editor[:] = sorted(set(editor) | {home})
        elif dup_kind and home:
            placement.why = {"rule": "dedup", "dup_kind": dup_kind, "dup_of": dup_of}
            story = self._reopened(home, item, placement)
            placement.kind = VERSION if dup_kind == "version" else DUPLICATE
            if placement.kind == VERSION and vector is not None:
                ev = evidence(item, vector, self.window)
                story.profile.add(ev)  # a write-thru brings new facts
                self.evidence[item.uri] = ev
                self._index(story)
            self._join(story, item, placement, dup_of=dup_of)
            if placement.kind == VERSION:
                self._maybe_new_headline(story, item, dup_of, placement)
        elif item.kind != "news":
            self._place_templated(item, vector, placement, barred)
        else:
            self._place_news(item, vector, placement, barred)
        self.home[item.uri] = placement.story_id
        return placement

    def _place_news(self, item: Item, vector, placement: Placement, barred: dict | None = None,
                    kind: str | None = None, dup_of: str | None = None) -> None:
        """New copy (or copy an editor keeps from its root's story, as ``kind``): the most
        likely story the rules allow, if likely enough, else a story of its own."""
        self.count(item.uri, item.language, sorted(item_keys(item)))
        ev = evidence(item, vector, self.window)
        rewrite = bool(credited(item)) or not item.is_agency
        placement.kind = kind or (REWRITE if rewrite else NEW)
        excluded: dict[str, list[str]] = {}
        ranked = self._allowed(self.rank(ev, excluded), barred or {}, excluded)
        placement.candidates = [(s.id, round(p, 4)) for s, p in ranked[:EXPLAINED]]
        best = ranked[0] if ranked and ranked[0][1] >= self.cfg.join_probability else None
        to, rule = self.rules.target(item.uri, self.story_of, self.resolve)
        if to and (to == "new" or (to in self.stories and to not in (barred or {}))):
            best = None if to == "new" else (self.stories[to], None)
            placement.why = {"rule": "editor", "constraint": rule, "action": self._last_action(item.uri)}
        else:
            to = None
            placement.why = self._model_why(ev, ranked, best)
        if excluded:
            placement.why["excluded"] = excluded
        if dup_of:
            placement.why.update(dup_of=dup_of, dup_kind=placement.kind)
        if best is None:
            story = self._found(item, placement)
        else:
            story, placement.score = self._reopened(best[0].id, item, placement), best[1]
        story.profile.add(ev)
        self.evidence[item.uri] = ev
        if item.is_agency:
            self.sources[item.uri] = Source(item.uri, item.agency, item.time, item.norm_paragraphs)
        if rewrite:
            placement.provenance = self._attribute(story, item)
        self._join(story, item, placement, dup_of=dup_of)
        self._maybe_new_headline(story, item, None, placement)
        self._index(story)
        if best is not None and to is None:
            self._maybe_merge(story, ranked[1:], placement)

    def _allowed(self, ranked, barred: dict, excluded: dict) -> list[tuple[Story, float]]:
        """``ranked`` without the stories an editor keeps the item out of."""
        if not barred:
            return ranked
        out = [(s, p) for s, p in ranked if s.id not in barred]
        if len(out) < len(ranked):
            excluded["editor"] = sorted(s.id for s, _ in ranked if s.id in barred)
        return out

    def _model_why(self, ev: Evidence, ranked: list, best) -> dict:
        """The model's reasons: candidates, the best one's probability against the boundary
        and each feature's part in it (:mod:`stream.stories.explain`)."""
        why = {"rule": "model", "decision": "joined" if best else "created", "boundary": self.cfg.join_probability,
               "candidates": [[s.id, round(p, 4)] for s, p in ranked[:EXPLAINED]]}
        if ranked:
            story, p = ranked[0]
            row = features(ev, story.profile)
            why.update(best=story.id, probability=round(p, 4), features=dict(zip(FEATURES, (round(x, 4) for x in row))),
                       contributions=contributions(self.model, row))
        return why

    def _last_action(self, uri: str) -> str | None:
        actions = self.rules.actions_of(uri)
        return actions[-1] if actions else None

    def rank(self, ev: Evidence, excluded: dict | None = None) -> list[tuple[Story, float]]:
        """Candidate stories for ``ev`` with the model's probability, most likely first."""
        stories = self.candidates(ev, excluded)
        if not stories:
            return []
        probs = self.model.probabilities([features(ev, s.profile) for s in stories])
        return sorted(zip(stories, probs.tolist()), key=lambda sp: (-sp[1], sp[0].id))

    def candidates(self, ev: Evidence, excluded: dict | None = None) -> list[Story]:
        """News stories the indexes propose, but none about other companies (those go in
        ``excluded["ticker"]``, when given)."""
        out = []
        for sid in self.index.search(ev.vector, ev.names, k=self.cfg.candidates):
            story = self.stories.get(sid)
            if story is None or story.status == "merged" or story.kind != "news":
                continue
            if ev.tickers and story.profile.tickers and not ev.tickers & story.profile.tickers:
                if excluded is not None:
                    excluded.setdefault("ticker", []).append(sid)
                continue
            out.append(story)
        return out

    def _place_templated(self, item: Item, vector, placement: Placement, barred: dict | None = None,
                         kind: str | None = None, dup_of: str | None = None) -> None:
        """Service and templated copy: with its own kind, agency and subject, the same day."""
        subject = item.subject or item.norm_headline
        key = f"{item.kind}|{item.agency or item.holder or '-'}|{subject}"
        story = self.stories.get(self.templates.get(key, "")) if subject else None
        # the same day: counted from the story's first edition, so editions never chain
        fresh = story is not None and story.status != "merged" and item.time - story.created <= self.cfg.template_hours * 3600
        if fresh and story.id in (barred or {}):
            fresh = False  # an editor keeps it out: an edition of its own
        placement.kind = kind or placement.kind
        placement.why = {"rule": "template", "key": key, "decision": "joined" if fresh else "created"}
        if dup_of:
            placement.why.update(dup_of=dup_of, dup_kind=placement.kind)
        if fresh:
            story = self._reopened(story.id, item, placement)
        else:
            story = self._found(item, placement, kind=item.kind, subject=key)
            self.templates[key] = story.id
        ev = evidence(item, vector, self.window)
        story.profile.add(ev)
        self.evidence[item.uri] = ev
        self._join(story, item, placement, dup_of=dup_of)
        self._maybe_new_headline(story, item, None, placement)

    def _found(self, item: Item, placement: Placement, kind: str = "news", subject: str | None = None) -> Story:
        story = Story.found(item.uri, item.time, kind=kind, subject=subject)
        self.stories[story.id] = story
        placement.events.append(self._event("created", story, item))
        return story

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
            "copy": item.kind,
            "headline": item.headline,
            "language": item.language,
            "dup_of": dup_of,
        }
        if placement.provenance:
            member["provenance"] = placement.provenance
        if placement.why:
            member["why"] = compact(placement.why)
        story.members.append(member)
        story.touch(len(story.members) - 1)
        story.updated = max(story.updated, item.time)
        self._schedule(story)
        placement.story_id = story.id
        placement.changed.add(story.id)
        why = {"why": placement.why} if placement.why else {}
        placement.events.append(self._event("item_added", story, item, kind=placement.kind, **why))

    def _index(self, story: Story) -> None:
        if story.kind == "news" and story.status != "merged":
            names = [n for n, _ in sorted(story.profile.names.items(), key=lambda kv: (-kv[1], kv[0]))[:INDEXED_NAMES]]
            self.index.put(story.id, story.centroid, names)

    def _maybe_new_headline(self, story: Story, item: Item, dup_of, placement: Placement) -> None:
        """Earliest agency headline; a later version of that item supersedes it (unless pinned)."""
        if not item.headline or story.pinned:
            return
        current = next((m for m in story.members if m["uri"] == story.headline_uri), None)
        supersedes = dup_of is not None and dup_of in (story.headline_uri, current and current.get("dup_of"))
        earlier_agency = item.is_agency and (
            current is None or not current["is_agency"] or item.time < current["time"]
        )
        if story.headline_uri is None or supersedes or (dup_of is None and earlier_agency):
            previous = story.headline
            story.headline, story.headline_uri = display_headline(item.headline), item.uri
            if previous and previous != story.headline:  # a new story's first headline is no change
                placement.events.append(self._event("headline_changed", story, item, previous=previous))

    def _retract(self, story: Story, target: str | None, placement: Placement) -> None:
        for i, m in enumerate(story.members):
            if m["uri"] == target or (target and m.get("dup_of") == target):
                m["retracted"] = True
                story.touch(i)
        self.sources.pop(target or "", None)
        if story.headline_uri == target and not story.pinned:
            self._rehead(story)
        self._flag_killed_sources(story, target, placement)

    def _rehead(self, story: Story) -> str | None:
        """The earliest live agency headline (else any), when the one shown is gone; the old one."""
        previous = story.headline
        alive = [m for m in story.members if not m.get("retracted") and m["kind"] != KILL and m["headline"]]
        alive.sort(key=lambda m: (not m["is_agency"], m["time"]))
        if alive:
            story.headline, story.headline_uri = display_headline(alive[0]["headline"]), alive[0]["uri"]
        return previous

    def _flag_killed_sources(self, story: Story, target: str | None, placement: Placement) -> None:
        """Kills follow the chain: rewrites whose provenance used the killed copy (or a
        version of it) are flagged ``uses_killed``, with an event for the desk."""
        killed = {m["uri"] for m in story.members if target and (m["uri"] == target or m.get("dup_of") == target)}
        for i, m in enumerate(story.members):
            used = sorted({p["uri"] for p in m.get("provenance", ()) if p["uri"] in killed} - set(m.get("uses_killed", ())))
            if not used or m.get("retracted"):
                continue
            m["uses_killed"] = sorted(set(m.get("uses_killed", ())) | set(used))
            story.touch(i)
            placement.events.append(self._story_event(
                "uses_killed", story, uri=m["uri"], agency=m["agency"], killed=used, headline=m["headline"]))

    def _maybe_merge(self, story: Story, others: list[tuple[Story, float]], placement: Placement) -> None:
        """The item is likely in another story too: if the model takes the two for one, merge."""
        for other, p in others:
            if p < self.cfg.join_probability:
                return
            if other.status == "merged" or other is story or self._kept_apart(story, other):
                continue
            small, large = sorted((story, other), key=lambda s: (s.profile.size, s.id))
            merged = self.model.probabilities([features(small.profile.as_evidence(small.id), large.profile)])[0]
            if merged >= self.cfg.merge_probability:
                keep, gone = (story, other) if (story.created, story.id) <= (other.created, other.id) else (other, story)
                self._merge(keep, gone, placement)
                return

    def _kept_apart(self, a: Story, b: Story) -> bool:
        """An editor's rule forbids one of the two stories' items from the other."""
        if not self.rules.constrained:
            return False
        for story, other in ((a, b), (b, a)):
            for m in story.members:
                if m["uri"] in self.rules.constrained:
                    barred = self.rules.barred(m["uri"], self.story_of, self.resolve)
                    if other.id in barred or story.id in barred:
                        return True
        return False

    def _merge(self, keep: Story, gone: Story, placement: Placement, **extra) -> None:
        for m in gone.members:  # its "why" placed it in ``gone``: say how it got here
            m["merged_from"] = gone.id
        keep.members = sorted(keep.members + gone.members, key=lambda m: m["time"])
        keep.touch(0)
        keep.profile.merge(gone.profile)
        keep.updated = max(keep.updated, gone.updated)
        if gone.pinned and not keep.pinned:  # an editor's headline outranks the wire's
            keep.headline, keep.headline_uri, keep.pinned = gone.headline, gone.headline_uri, True
        elif not keep.pinned:
            keep.headline, keep.headline_uri = min(
                ((keep.headline, keep.headline_uri), (gone.headline, gone.headline_uri)),
                key=lambda h: self._headline_rank(keep, h[1]),
            )
        gone.status, gone.merged_into, gone.members = "merged", keep.id, []
        gone.touch(0)
        self.index.drop(gone.id)
        self._index(keep)
        self._schedule(keep)
        placement.story_id = keep.id
        placement.changed |= {keep.id, gone.id}
        placement.events.append(self._story_event("merged", keep, merged=gone.id, **extra))

    def _headline_rank(self, story: Story, uri: str | None) -> tuple:
        m = next((m for m in story.members if m["uri"] == uri), None)
        return (1, 0.0) if m is None else (0 if m["is_agency"] else 1, m["time"])

    def _reopened(self, sid: str, item: Item, placement: Placement) -> Story:
        """``sid``'s story, active again if it had closed (it is news again)."""
        story = self.stories[sid]
        if story.status == "closed":
            story.status = "active"
            placement.events.append(self._event("reopened", story, item))
        return story

    # -- time ------------------------------------------------------------------------

    def _schedule(self, story: Story) -> None:
        """When the story closes, and when it is purged, unless it moves again."""
        heapq.heappush(self.due, (story.updated + self.cfg.closed_hours * 3600, "close", story.id, story.updated))
        heapq.heappush(self.due, (story.updated + self.cfg.retain_days * 86400, "purge", story.id, story.updated))

    def _sweep(self, placement: Placement) -> None:
        """Close stories silent for ``closed_hours``; purge them after ``retain_days``."""
        while self.due and self.due[0][0] < self.now:
            _, action, sid, updated = heapq.heappop(self.due)
            story = self.stories.get(sid)
            if story is None or story.updated != updated:
                continue  # it moved since: a later entry stands for it
            if action == "close" and story.status == "active":
                story.status = "closed"
                placement.changed.add(sid)
                placement.events.append(self._story_event("closed", story))
            elif action == "purge" and self._redirects(story):
                # A merged story's members may still point at it: it stays (a small record)
                # as long as the story it went into does.
                # Never before now: when the target is overdue too, its own entry purges it in
                # this sweep, and this one, due again at an equal time, would pop forever.
                target = self.stories[self.resolve(sid)]
                when = max(target.updated + self.cfg.retain_days * 86400, self.now)
                heapq.heappush(self.due, (when, "purge", sid, updated))
            elif action == "purge":
                self.purge(sid, placement)

    def purge(self, sid: str, placement: Placement) -> None:
        """Drop a story from state (a tombstone on ``stories.state``)."""
        story = self.stories.pop(sid)
        self.index.drop(sid)
        if story.subject and self.templates.get(story.subject) == sid:
            del self.templates[story.subject]
        placement.removed.add(sid)

    def _redirects(self, story: Story) -> bool:
        return story.status == "merged" and self.resolve(story.id) not in (None, story.id)

    def count(self, uri: str, lang: str, keys: list[str]) -> None:
        """Count an item's words in the window's frequencies (once per uri)."""
        if uri not in self.counted:
            self.counted[uri] = (lang, tuple(keys))
            self.window.add(lang, keys)

    def forget(self, uri: str) -> None:
        """An item left the duplicate window: its words no longer count, its copy is no
        longer a source for attribution."""
        counted = self.counted.pop(uri, None)
        if counted:
            self.window.remove(*counted)
        self.sources.pop(uri, None)
        self.home.pop(uri, None)
        self.evidence.pop(uri, None)

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

    def status(self, story: Story) -> str:
        if story.status == "active" and self.now - story.updated > self.cfg.dormant_hours * 3600:
            return "dormant"
        return story.status

    def snapshot(self, sid: str, full: bool = False) -> dict:
        """The record published on ``stories.state`` for the desk: the story and its latest
        ``TIMELINE`` members (``full``: all of them, for the worker's API)."""
        story = self.stories[sid]
        live = [m for m in story.members if m["kind"] != KILL]
        first = min((m for m in live if m["is_agency"]), key=lambda m: m["time"], default=None)
        first = first or min(live, key=lambda m: m["time"], default=None)
        kinds = Counter(m["kind"] for m in story.members)
        timeline = story.members if full else story.members[-TIMELINE:]
        return {
            "id": story.id,
            "status": self.status(story),
            "merged_into": story.merged_into,
            "kind": story.kind,
            "headline": story.headline,
            "created": story.created,
            "updated": story.updated,
            "first_report": first and {k: first[k] for k in ("uri", "agency", "time")},
            "agencies": sorted({m["agency"] for m in live if m["agency"] and m["is_agency"]}),
            "publishers": sorted({m["agency"] for m in live if m["agency"] and not m["is_agency"]}),
            "languages": sorted({m["language"] for m in live if m.get("language")}),
            "counts": {"items": len(story.members), **{k: kinds.get(k, 0) for k in (NEW, VERSION, DUPLICATE, REWRITE, KILL)}},
            "timeline": timeline,
            "timeline_from": len(story.members) - len(timeline),  # members before it are left out
            "provenance": {m["uri"]: m["provenance"] for m in timeline if m.get("provenance")},
        }

    def item_state(self, uri: str) -> dict:
        """What recovery needs to rebuild this item's part of the clusterer."""
        state: dict = {"story": self.home.get(uri)}
        if uri in self.counted:
            state["words"] = list(self.counted[uri])
        src = self.sources.get(uri)
        if src:
            state["source"] = {"agency": src.agency, "time": src.time, "paragraphs": list(src.norm_paragraphs)}
        return state

    def restore(self, stories: dict[str, dict], items: dict[str, dict], now: float = float("-inf"),
                members: dict[str, list[dict]] | None = None) -> None:
        """Rebuild from stored story records, their members (story id -> members, in order)
        and per-item states (see ``item_state``)."""
        self.now = now
        for sid in sorted(stories):
            story = Story.from_record(stories[sid])
            if members and sid in members:
                story.members = members[sid]
            self.stories[sid] = story
            self._schedule(story)
            self._index(story)
            if story.subject and story.status != "merged":
                latest = self.stories.get(self.templates.get(story.subject, ""))
                if latest is None or (latest.updated, latest.id) < (story.updated, story.id):
                    self.templates[story.subject] = sid
        for uri in sorted(items):
            state = items[uri]
            if state.get("story"):
                self.home[uri] = state["story"]
            if state.get("words"):
                self.count(uri, state["words"][0], state["words"][1])
            src = state.get("source")
            if src:
                self.sources[uri] = Source(uri, src["agency"], src["time"], tuple(src["paragraphs"]))
