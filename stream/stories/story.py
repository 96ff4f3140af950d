"""A story: every version and rewrite of one news event, as it evolves.

Stories are stored as plain records (``to_record``/``from_record``) so that the stream
layer can keep them in a Kafka-backed table and rebuild everything else from them.

>>> s = Story.found("ap:1", 100.0)
>>> s.id == story_id("ap:1"), Story.from_record(s.to_record()).id == s.id
(True, True)
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

PROFILE_TERMS = 300  # a story's lexical profile keeps its strongest terms only
PROFILE_ANCHORS = 120

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
    vector_sum: np.ndarray | None = None
    vectors: int = 0
    terms: Counter = field(default_factory=Counter)
    anchors: Counter = field(default_factory=Counter)
    headline: str = ""
    headline_uri: str | None = None
    members: list[dict] = field(default_factory=list)
    events: int = 0  # events emitted so far: the next event's sequence number is events + 1

    @classmethod
    def found(cls, uri: str, time: float) -> Story:
        return cls(id=story_id(uri), created=time, updated=time)

    @property
    def centroid(self) -> np.ndarray | None:
        if self.vector_sum is None:
            return None
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum

    def absorb_vector(self, vector: np.ndarray) -> None:
        v = np.asarray(vector, dtype=np.float32)
        self.vector_sum = v.copy() if self.vector_sum is None else self.vector_sum + v
        self.vectors += 1

    def absorb_terms(self, terms: Counter, anchors: set[str]) -> None:
        self.terms.update(terms)
        self.anchors.update(anchors)
        if len(self.terms) > PROFILE_TERMS * 2:  # prune rarely, keep the strongest
            self.terms = Counter(dict(self.terms.most_common(PROFILE_TERMS)))
        if len(self.anchors) > PROFILE_ANCHORS * 2:
            self.anchors = Counter(dict(self.anchors.most_common(PROFILE_ANCHORS)))

    def agencies_near(self, time: float, hours: float) -> set[str]:
        """Agencies with copy in this story within ``hours`` of ``time``."""
        return {
            m["agency"]
            for m in self.members
            if m.get("agency") and m.get("is_agency") and abs(m["time"] - time) <= hours * 3600
        }

    def to_record(self) -> dict:
        vec = None
        if self.vector_sum is not None:
            vec = base64.b64encode(self.vector_sum.astype(np.float32).tobytes()).decode()
        return {
            "id": self.id,
            "created": self.created,
            "updated": self.updated,
            "status": self.status,
            "merged_into": self.merged_into,
            "vector_sum": vec,
            "vectors": self.vectors,
            "terms": dict(self.terms),
            "anchors": dict(self.anchors),
            "headline": self.headline,
            "headline_uri": self.headline_uri,
            "members": self.members,
            "events": self.events,
        }

    @classmethod
    def from_record(cls, rec: dict) -> Story:
        vec = rec.get("vector_sum")
        return cls(
            id=rec["id"],
            created=rec["created"],
            updated=rec["updated"],
            status=rec.get("status", "active"),
            merged_into=rec.get("merged_into"),
            vector_sum=np.frombuffer(base64.b64decode(vec), dtype=np.float32).copy() if vec else None,
            vectors=rec.get("vectors", 0),
            terms=Counter(rec.get("terms", {})),
            anchors=Counter(rec.get("anchors", {})),
            headline=rec.get("headline", ""),
            headline_uri=rec.get("headline_uri"),
            members=list(rec.get("members", [])),
            events=rec.get("events", 0),
        )
