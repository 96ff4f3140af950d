"""What an editor's action does to the stories now: moves, merges, pins, kinds.

The rules that hold on later decisions are :mod:`stream.stories.constraints`; these
functions change the stories as they are, recording every effect as a story event on the
``placement`` they are given (with the action's id).

A moved item takes its family (the versions and duplicates whose root it is) and its
profile contribution with it: its evidence (vector, words, names, figures) is taken out of
the story it leaves and added to the one it joins. The clusterer keeps that evidence in
memory for the items in the duplicate window only, so an item decided before the last
restart moves without it: its words stay in the old story's profile (an approximation;
the rule that bars it from that story still holds).
"""

from __future__ import annotations

from stream.stories.cluster import Placement, StoryClusterer
from stream.stories.story import Story, story_id


def new_story_id(uri: str, action_id: str) -> str:
    """A story an action founds: stable, and never an id the wire could found."""
    return story_id(f"{uri}@{action_id}")


def family(story: Story, uri: str) -> list[dict]:
    """The item and the copy that follows it (members whose root it is)."""
    return [m for m in story.members if m["uri"] == uri or m.get("dup_of") == uri]


def move(c: StoryClusterer, uri: str, to: str | None, placement: Placement, action_id: str,
         new_id: str | None = None, kind: str | None = None, subject: str | None = None) -> str:
    """Move ``uri`` (and its family) to story ``to``, or to a new story ``new_id``; its id."""
    src = c.stories[c.story_of(uri)]
    moving = family(src, uri)
    uris = {m["uri"] for m in moving}
    first = min(i for i, m in enumerate(src.members) if m["uri"] in uris)
    src.members = [m for m in src.members if m["uri"] not in uris]
    src.touch(first)
    target = c.stories[to] if to else _found(c, new_id, moving[0], kind or src.kind, subject, placement, action_id)
    for m in moving:
        ev = c.evidence.get(m["uri"])
        if ev is not None:
            if src.profile.size:
                src.profile.remove(ev)
            target.profile.add(ev)
        c.home[m["uri"]] = target.id
        m["moved_from"] = src.id  # its "why" placed it in ``src``: an editor moved it since
    target.members = sorted(target.members + moving, key=lambda m: (m["time"], m["uri"]))
    target.touch(0)
    target.updated = max(target.updated, max(m["time"] for m in moving))
    moved = {"uri": uri, "moved": sorted(uris), "from": src.id, "to": target.id, "action": action_id}
    for story in (src, target):
        placement.events.append(c._story_event("item_moved", story, **moved))
        placement.changed.add(story.id)
    if src.headline_uri in uris and not src.pinned:
        _retitle(c, src, placement, action_id)
    if not target.pinned and _outranks(c, target, moving):
        _retitle(c, target, placement, action_id)
    for story in (src, target):
        c._index(story)
        c._schedule(story)
    if not src.members:
        c.purge(src.id, placement)  # nothing left in it: a tombstone
    return target.id


def merge(c: StoryClusterer, gone: str, keep: str, placement: Placement, action_id: str) -> None:
    """``gone`` joins ``keep`` and redirects to it (``merged_into``), whatever their ages."""
    into, away = c.stories[keep], c.stories[gone]
    c._merge(into, away, placement, action=action_id)
    placement.events.append(c._story_event("merged_into", away, into=into.id, action=action_id))


def pin(c: StoryClusterer, sid: str, headline: str | None, placement: Placement, action_id: str) -> None:
    """Fix the story's headline (None: let the wire's headline rule decide again)."""
    story = c.stories[sid]
    previous = story.headline
    if headline is None:
        story.pinned = False
        c._rehead(story)
        placement.events.append(c._story_event("headline_unpinned", story, headline=story.headline,
                                               previous=previous, action=action_id))
    else:
        story.pinned, story.headline = True, headline
        placement.events.append(c._story_event("headline_pinned", story, headline=headline,
                                               previous=previous, action=action_id))
    placement.changed.add(sid)


def rekind(c: StoryClusterer, uri: str, kind: str, placement: Placement, action_id: str) -> str:
    """Call ``uri`` copy of ``kind``; news and service copy never share a story, so an item
    whose kind crosses that line moves to a story of its own kind. Its story id after."""
    story = c.stories[c.story_of(uri)]
    previous = None
    for i, m in enumerate(story.members):
        if m["uri"] == uri:
            previous, m["copy"] = m.get("copy"), kind
            story.touch(i)
    placement.events.append(c._story_event("kind_changed", story, uri=uri, kind=kind, previous=previous,
                                           action=action_id))
    placement.changed.add(story.id)
    if (story.kind == "news") == (kind == "news"):
        return story.id
    head = next(m for m in story.members if m["uri"] == uri)
    subject = None if kind == "news" else f"{kind}|{head['agency'] or '-'}|{(head['headline'] or uri).lower()}"
    sid = move(c, uri, None, placement, action_id, new_id=new_story_id(uri, action_id), kind=kind, subject=subject)
    if subject:
        c.templates[subject] = sid
    return sid


def _found(c: StoryClusterer, sid: str, head: dict, kind: str, subject: str | None, placement: Placement,
           action_id: str) -> Story:
    story = Story(id=sid, created=head["time"], updated=head["time"], kind=kind, subject=subject)
    c.stories[sid] = story
    placement.events.append(c._story_event("created", story, uri=head["uri"], agency=head["agency"],
                                           headline=head["headline"], action=action_id))
    return story


def _outranks(c: StoryClusterer, story: Story, moving: list[dict]) -> bool:
    current = next((m for m in story.members if m["uri"] == story.headline_uri), None)
    if current is None:
        return True
    return any(m["is_agency"] and m["headline"] and (not current["is_agency"] or m["time"] < current["time"])
               for m in moving)


def _retitle(c: StoryClusterer, story: Story, placement: Placement, action_id: str) -> None:
    previous = c._rehead(story)
    if previous and previous != story.headline:
        placement.events.append(c._story_event("headline_changed", story, headline=story.headline,
                                               previous=previous, action=action_id))

