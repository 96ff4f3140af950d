"""A story's profile: what its copy has brought, kept for scoring the next item.

A vector sum (the centroid) and the latest vectors, word weights per language, names,
figures, tickers, languages, when each agency last filed, and when the story began and
last moved. Bounded: the word and name profiles keep their strongest entries.

>>> import numpy as np
>>> from stream.stories.evidence import Evidence
>>> ev = Evidence("ap:1", 10.0, "en", "AP", {"raqqa": 5.0}, {"raqqa": 5.0}, frozenset({"raqqa"}),
...               frozenset(), frozenset(), frozenset(), np.array([0.6, 0.8], dtype=np.float32))
>>> p = Profile.found(ev)
>>> q = Profile.from_record(p.to_record())
>>> q.size, q.terms["en"]["raqqa"], q.centroid.tolist() == p.centroid.tolist()
(1, 5.0, True)
"""

from __future__ import annotations

import base64
from collections import Counter, deque
from dataclasses import dataclass, field

import numpy as np

from embeddings import from_bytes, to_bytes
from stream.stories.evidence import Evidence

RECENT = 4  # vectors of a story's latest copy kept beside its centroid
PROFILE_TERMS = 400  # per language: a story's word profile keeps its strongest stems
PROFILE_NAMES = 200


@dataclass
class Profile:
    vector_sum: np.ndarray | None = None
    vectors: int = 0
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT))
    lead: np.ndarray | None = None  # the vector of the story's first copy: what it is about
    lead_names: frozenset[str] = frozenset()
    terms: dict[str, Counter] = field(default_factory=dict)  # language -> stem weights
    head: dict[str, Counter] = field(default_factory=dict)
    names: Counter = field(default_factory=Counter)
    numbers: Counter = field(default_factory=Counter)
    tickers: set[str] = field(default_factory=set)
    languages: Counter = field(default_factory=Counter)
    agency_last: dict[str, float] = field(default_factory=dict)
    created: float = 0.0
    updated: float = 0.0
    size: int = 0

    @classmethod
    def found(cls, ev: Evidence) -> Profile:
        p = cls(created=ev.time, updated=ev.time)
        p.add(ev)
        return p

    _cache: dict = field(default_factory=dict, repr=False, compare=False)  # derived, cleared on change

    @property
    def centroid(self) -> np.ndarray | None:
        if self.vector_sum is None:
            return None
        if "centroid" not in self._cache:
            norm = float(np.linalg.norm(self.vector_sum))
            self._cache["centroid"] = self.vector_sum / norm if norm else self.vector_sum
        return self._cache["centroid"]

    def norm2(self, kind: str, lang: str) -> float:
        """Squared norm of the ``kind`` ("terms", "head") weights in ``lang``."""
        key = (kind, lang)
        if key not in self._cache:
            self._cache[key] = sum(w * w for w in getattr(self, kind).get(lang, {}).values())
        return self._cache[key]

    def add(self, ev: Evidence) -> None:
        self._cache.clear()
        if ev.vector is not None:
            v = np.asarray(ev.vector, dtype=np.float32)
            self.vector_sum = v.copy() if self.vector_sum is None else self.vector_sum + v
            self.vectors += 1
            self.recent.append(v)
            if self.lead is None:
                self.lead, self.lead_names = v, ev.names
        _absorb(self.terms.setdefault(ev.language, Counter()), ev.terms, PROFILE_TERMS)
        _absorb(self.head.setdefault(ev.language, Counter()), ev.head, PROFILE_TERMS)
        self.names.update(ev.names)
        if len(self.names) > 2 * PROFILE_NAMES:
            self.names = Counter(dict(_strongest(self.names, PROFILE_NAMES)))
        self.numbers.update(ev.numbers)
        self.tickers |= ev.tickers
        self.languages[ev.language] += 1
        if ev.agency:
            self.agency_last[ev.agency] = max(self.agency_last.get(ev.agency, ev.time), ev.time)
        self.created = min(self.created, ev.time) if self.size else ev.time
        self.updated = max(self.updated, ev.time)
        self.size += 1

    def remove(self, ev: Evidence) -> None:
        """Take back what ``ev`` added (an editor moved the item out), as far as a sum allows:
        the vector sum, word, name and figure weights, language and size go back; the
        latest vectors lose it; the lead, tickers, agency times and time span stay."""
        self._cache.clear()
        if ev.vector is not None and self.vector_sum is not None:
            v = np.asarray(ev.vector, dtype=np.float32)
            self.vector_sum, self.vectors = self.vector_sum - v, self.vectors - 1
            if self.vectors <= 0:
                self.vector_sum, self.vectors = None, 0
            kept = [r for r in self.recent if not np.array_equal(r, v)]
            self.recent = deque(kept, maxlen=RECENT)
        _withdraw(self.terms.get(ev.language), ev.terms)
        _withdraw(self.head.get(ev.language), ev.head)
        _withdraw(self.names, {n: 1 for n in ev.names})
        _withdraw(self.numbers, {n: 1 for n in ev.numbers})
        if self.languages.get(ev.language, 0) > 0:
            _withdraw(self.languages, {ev.language: 1})
        self.size = max(0, self.size - 1)

    def merge(self, other: Profile) -> None:
        """Take in everything ``other`` holds (two stories became one)."""
        self._cache.clear()
        if other.vector_sum is not None:
            self.vector_sum = other.vector_sum.copy() if self.vector_sum is None else self.vector_sum + other.vector_sum
            self.vectors += other.vectors
        for v in other.recent:
            self.recent.append(v)
        for lang, weights in other.terms.items():
            _absorb(self.terms.setdefault(lang, Counter()), weights, PROFILE_TERMS)
        for lang, weights in other.head.items():
            _absorb(self.head.setdefault(lang, Counter()), weights, PROFILE_TERMS)
        self.names.update(other.names)
        self.numbers.update(other.numbers)
        self.tickers |= other.tickers
        self.languages.update(other.languages)
        for agency, t in other.agency_last.items():
            self.agency_last[agency] = max(self.agency_last.get(agency, t), t)
        self.created = min(self.created, other.created) if self.size else other.created
        self.updated = max(self.updated, other.updated)
        self.size += other.size

    def as_evidence(self, uri: str) -> Evidence:
        """The story seen as one item (its main language, its strongest words): what the join
        model scores when the question is whether two stories are one."""
        lang = max(sorted(self.languages), key=self.languages.get) if self.languages else "en"
        return Evidence(
            uri=uri, time=self.updated, language=lang, agency=None,
            terms=dict(_strongest(self.terms.get(lang, Counter()), PROFILE_TERMS)),
            head=dict(_strongest(self.head.get(lang, Counter()), PROFILE_TERMS)),
            names=frozenset(n for n, _ in _strongest(self.names, 60)),
            numbers=frozenset(n for n, _ in _strongest(self.numbers, 60)),
            tickers=frozenset(self.tickers), credits=frozenset(), vector=self.centroid,
        )

    def to_record(self) -> dict:
        return {
            "vector_sum": _b64(self.vector_sum),
            "vectors": self.vectors,
            "recent": [_b64(v) for v in self.recent],
            "lead": _b64(self.lead),
            "lead_names": sorted(self.lead_names),
            "terms": {lang: dict(c) for lang, c in self.terms.items()},
            "head": {lang: dict(c) for lang, c in self.head.items()},
            "names": dict(self.names),
            "numbers": dict(self.numbers),
            "tickers": sorted(self.tickers),
            "languages": dict(self.languages),
            "agency_last": self.agency_last,
            "created": self.created,
            "updated": self.updated,
            "size": self.size,
        }

    @classmethod
    def from_record(cls, rec: dict) -> Profile:
        return cls(
            vector_sum=_unb64(rec.get("vector_sum")),
            vectors=rec.get("vectors", 0),
            recent=deque((_unb64(v) for v in rec.get("recent", ())), maxlen=RECENT),
            lead=_unb64(rec.get("lead")),
            lead_names=frozenset(rec.get("lead_names", ())),
            terms={lang: Counter(c) for lang, c in rec.get("terms", {}).items()},
            head={lang: Counter(c) for lang, c in rec.get("head", {}).items()},
            names=Counter(rec.get("names", {})),
            numbers=Counter(rec.get("numbers", {})),
            tickers=set(rec.get("tickers", ())),
            languages=Counter(rec.get("languages", {})),
            agency_last=dict(rec.get("agency_last", {})),
            created=rec.get("created", 0.0),
            updated=rec.get("updated", 0.0),
            size=rec.get("size", 0),
        )


def _absorb(profile: Counter, weights: dict[str, float], keep: int) -> None:
    for k, w in weights.items():
        profile[k] += w
    if len(profile) > 2 * keep:  # prune rarely, keep the strongest (ties by key: no hash order)
        strongest = dict(_strongest(profile, keep))
        profile.clear()
        profile.update(strongest)


def _withdraw(profile: Counter | None, weights: dict[str, float]) -> None:
    for k, w in weights.items():
        if profile is not None and k in profile:
            profile[k] -= w
            if profile[k] <= 1e-9:
                del profile[k]


def _strongest(counter: Counter, n: int) -> list[tuple[str, float]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _b64(v: np.ndarray | None) -> str | None:
    return None if v is None else base64.b64encode(to_bytes(v)).decode()


def _unb64(text: str | None) -> np.ndarray | None:
    return None if not text else from_bytes(base64.b64decode(text))
