"""The evidence that an item belongs to a story, as numbers the join model reads.

:func:`features` compares one item's :class:`~stream.stories.evidence.Evidence` with a
story's :class:`~stream.stories.profile.Profile`. Every feature is
bounded and means the same in every language; word features are only comparable within a
language, so ``lexical_comparable`` tells the model when they say nothing.

>>> import numpy as np
>>> from stream.stories.evidence import Evidence
>>> from stream.stories.profile import Profile
>>> v = np.array([1.0, 0.0], dtype=np.float32)
>>> a = Evidence("ap:1", 0.0, "en", "AP", {"raqqa": 5.0, "troops": 2.0}, {"raqqa": 5.0},
...              frozenset({"raqqa"}), frozenset({"80"}), frozenset(), frozenset(), v)
>>> p = Profile.found(a)
>>> f = dict(zip(FEATURES, features(a, p)))
>>> round(f["cosine"], 3), round(f["lexical"], 3), f["names"], f["same_language"]
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import math

import numpy as np

from stream.stories.evidence import Evidence
from stream.stories.profile import Profile

CREDIT_HOURS = 12.0

FEATURES = (
    "cosine",  # item vector . story centroid
    "cosine_recent",  # best item vector . vector of the story's latest copy
    "cosine_lead",  # item vector . vector of the story's first copy (a drifting story drifts from it)
    "names_lead",  # share of the item's names the story's first copy has
    "lexical",  # weighted word cosine, same language
    "headline",  # the item's headline words against the story's headlines, same language
    "names",  # share of the item's name weight the story holds
    "numbers",  # share of the item's figures the story holds
    "credits",  # share of agencies the item credits that have copy in the story near it
    "gap_log_hours",  # since the story's latest copy
    "age_log_hours",  # since the story began
    "size_log",  # items in the story
    "same_language",  # share of the story's copy in the item's language
    "lexical_comparable",  # 1 if the story has copy in the item's language
)


def features(ev: Evidence, p: Profile) -> list[float]:
    """The values of :data:`FEATURES` for ``ev`` against ``p``, in that order."""
    cosine = recent = lead = 0.0
    if ev.vector is not None and p.vector_sum is not None:
        cosine = float(np.dot(ev.vector, p.centroid))
        recent = max(float(np.dot(ev.vector, v)) for v in p.recent) if p.recent else cosine
        lead = float(np.dot(ev.vector, p.lead)) if p.lead is not None else cosine
    terms = p.terms.get(ev.language)
    comparable = bool(terms)
    lexical = headline = 0.0
    if comparable:
        lexical = cosine_of(ev.terms, terms, ev.terms_norm2, p.norm2("terms", ev.language))
        head = p.head.get(ev.language)
        headline = cosine_of(ev.head, head, ev.head_norm2, p.norm2("head", ev.language)) if head else 0.0
    names = sum(1.0 for n in ev.names if n in p.names) / len(ev.names) if ev.names else 0.0
    names_lead = len(ev.names & p.lead_names) / len(ev.names) if ev.names else 0.0
    numbers = sum(1.0 for n in ev.numbers if n in p.numbers) / len(ev.numbers) if ev.numbers else 0.0
    credits = 0.0
    if ev.credits:
        near = sum(1 for a in ev.credits if abs(p.agency_last.get(a, -1e18) - ev.time) <= CREDIT_HOURS * 3600)
        credits = near / len(ev.credits)
    gap = max(0.0, ev.time - p.updated) / 3600
    age = max(0.0, ev.time - p.created) / 3600
    return [
        cosine,
        recent,
        lead,
        names_lead,
        lexical,
        headline,
        names,
        numbers,
        credits,
        math.log1p(gap),
        math.log1p(age),
        math.log1p(p.size),
        p.languages.get(ev.language, 0) / p.size if p.size else 0.0,
        1.0 if comparable else 0.0,
    ]


def cosine_of(a: dict[str, float], b: dict[str, float] | None, a2: float | None = None, b2: float | None = None) -> float:
    """Cosine of two weight maps; ``a2``, ``b2``: their squared norms, if known."""
    if not a or not b:
        return 0.0
    a2 = norm2(a) if a2 is None else a2
    b2 = norm2(b) if b2 is None else b2
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(a2 * b2)


def norm2(weights: dict[str, float]) -> float:
    return sum(w * w for w in weights.values())
