"""The duplicate window's answer about one item, in a form that travels (``to_dict``/``from_dict``).

>>> v = Verdict("afp:2", dup_of="ap:1", kind="near", similarity=0.91, matched="ap:1")
>>> v.is_duplicate, Verdict.from_dict(v.to_dict()) == v
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from stream.dedup.revision import Revision

Kind = Literal["exact", "near", "version"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What an item is relative to the copy already in the window.

    ``dup_of`` is always the canonical item: the root (first) item of the family, whatever was
    matched on the way (``matched``). ``kind`` is None for new copy. For a kill, ``retracts`` is
    the uri it took out of the window (None when nothing matched); for an item delivered again
    after being killed, ``retracted_by`` names the kill.
    """

    uri: str
    dup_of: str | None = None
    kind: Kind | None = None
    similarity: float = 0.0  # Jaccard estimate against `matched` (best candidate for new copy)
    matched: str | None = None  # the item actually compared: exact/near hit, version base
    tie: str | None = None  # why a version is one: "slug", "containment", "similarity" or "headline"
    containment: float = 0.0  # share of the base's sentences found in this item (versions)
    revision: Revision | None = None  # versions: what changed since the latest version
    retracts: str | None = None
    retracted_by: str | None = None

    @property
    def is_duplicate(self) -> bool:
        """Exact or near: the same copy again (a version is new copy of a known story)."""
        return self.kind in ("exact", "near")

    def to_dict(self) -> dict:
        out = {
            "uri": self.uri,
            "dup_of": self.dup_of,
            "kind": self.kind,
            "similarity": self.similarity,
        }
        optional = {
            "matched": self.matched,
            "tie": self.tie,
            "containment": self.containment or None,
            "revision": self.revision.to_dict() if self.revision else None,
            "retracts": self.retracts,
            "retracted_by": self.retracted_by,
        }
        out.update((k, v) for k, v in optional.items() if v is not None)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Verdict:
        rev = data.get("revision")
        return cls(
            uri=data["uri"],
            dup_of=data.get("dup_of"),
            kind=data.get("kind"),
            similarity=data.get("similarity", 0.0),
            matched=data.get("matched"),
            tie=data.get("tie"),
            containment=data.get("containment") or 0.0,
            revision=Revision.from_dict(rev) if rev else None,
            retracts=data.get("retracts"),
            retracted_by=data.get("retracted_by"),
        )


@dataclass(frozen=True, slots=True)
class Observation:
    """Result of :meth:`DuplicateWindow.observe`: the verdict and the table changes it implies.

    Write ``window.entry(uri)`` for the observed uri when ``uri in window``; delete every uri in
    ``evicted`` (items that aged out of the window or were retracted by a kill). The two never
    overlap.
    """

    verdict: Verdict
    evicted: tuple[str, ...] = ()
