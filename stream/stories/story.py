"""A story: every version and rewrite of one news event, as it evolves.

Stories are stored as plain records (``to_record``/``from_record``) so that the stream
layer can keep them in a Kafka-backed table and rebuild everything else from them. The
record is bounded: the members (the timeline) are stored apart, in chunks of ``CHUNK``
(:func:`member_chunks`), so that adding an item rewrites one small chunk, not the story.

>>> s = Story.found("ap:1", 100.0)
>>> s.id == story_id("ap:1"), Story.from_record(s.to_record()).id == s.id
(True, True)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from stream.stories.profile import Profile

CHUNK = 50  # members per stored chunk

# Member kinds, as the desk sees them.
NEW, VERSION, DUPLICATE, REWRITE, KILL = "new", "version", "duplicate", "rewrite", "kill"


def story_id(founding_uri: str) -> str:
    """Stable and never reused: derived from the uri of the item that founded the story."""
    return "st-" + hashlib.blake2b(founding_uri.encode(), digest_size=6).hexdigest()


@dataclass
class Story:
    id: str
    created: float
    updated: float
    status: str = "active"  # active | closed | merged (dormant is derived from `updated`)
    merged_into: str | None = None
    kind: str = "news"  # news, or the templated kind it groups (earnings, market_report, ...)
    subject: str | None = None  # templated copy: what it is about (a ticker, a report)
    profile: Profile = field(default_factory=Profile)
    headline: str = ""
    headline_uri: str | None = None
    members: list[dict] = field(default_factory=list)
    pinned: bool = False  # an editor fixed the headline: later copy does not change it
    events: int = 0  # events emitted so far: the next event's sequence number is events + 1
    changed_from: int | None = field(default=None, compare=False)  # first member changed since stored

    def touch(self, index: int = 0) -> None:
        """Members from ``index`` on changed: their chunks are stored again."""
        self.changed_from = index if self.changed_from is None else min(self.changed_from, index)

    @classmethod
    def found(cls, uri: str, time: float, kind: str = "news", subject: str | None = None) -> Story:
        return cls(id=story_id(uri), created=time, updated=time, kind=kind, subject=subject)

    @property
    def centroid(self):
        return self.profile.centroid

    def to_record(self) -> dict:
        record = {
            "id": self.id,
            "created": self.created,
            "updated": self.updated,
            "status": self.status,
            "merged_into": self.merged_into,
            "kind": self.kind,
            "subject": self.subject,
            "profile": self.profile.to_record(),
            "headline": self.headline,
            "headline_uri": self.headline_uri,
            "events": self.events,
        }
        if self.pinned:  # only then: records of unpinned stories stay as they were
            record["pinned"] = True
        return record

    @classmethod
    def from_record(cls, rec: dict) -> Story:
        return cls(
            id=rec["id"],
            created=rec["created"],
            updated=rec["updated"],
            status=rec.get("status", "active"),
            merged_into=rec.get("merged_into"),
            kind=rec.get("kind", "news"),
            subject=rec.get("subject"),
            profile=Profile.from_record(rec.get("profile") or {}),
            headline=rec.get("headline", ""),
            headline_uri=rec.get("headline_uri"),
            members=list(rec.get("members", [])),  # records of before chunks held them
            events=rec.get("events", 0),
            pinned=bool(rec.get("pinned")),
        )


def member_chunks(story: Story) -> dict[int, list[dict]]:
    """The chunks of ``story``'s members that changed since it was last stored."""
    if story.changed_from is None:
        return {}
    first = story.changed_from // CHUNK
    last = (len(story.members) - 1) // CHUNK if story.members else -1
    return {c: story.members[c * CHUNK : (c + 1) * CHUNK] for c in range(first, last + 1)}


def chunk_key(sid: str, chunk: int) -> str:
    return f"{sid}/{chunk:06d}"
