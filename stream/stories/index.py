"""Candidate search over active stories without scanning them all.

Two indexes, because a rewrite and its source can be close in meaning or only in facts:
an HNSW index (usearch) over story centroids, and an inverted index from anchors (names,
numbers) to the stories that hold them.

>>> import numpy as np
>>> ix = StoryIndex()
>>> ix.put("st-a", np.array([1.0, 0.0], dtype=np.float32), {"@raqqa"})
>>> ix.put("st-b", np.array([0.0, 1.0], dtype=np.float32), {"@daraya"})
>>> ix.search(np.array([0.9, 0.1], dtype=np.float32), {"@daraya"}, k=1)
['st-a', 'st-b']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import numpy as np

from stream.native import load_usearch

Index = load_usearch().Index

MAX_POSTING = 200  # an anchor held by more stories than this says nothing about any of them


class StoryIndex:
    """``dim`` is taken from the first centroid when not given (it is the encoder's)."""

    def __init__(self, dim: int | None = None) -> None:
        self.dim = dim
        self._vectors: Index | None = None
        self.keys: dict[str, int] = {}  # story id -> usearch key
        self.ids: dict[int, str] = {}
        self.next_key = 1
        self.postings: defaultdict[str, set[str]] = defaultdict(set)
        self.anchors_of: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self.anchors_of)

    def _index(self, dim: int) -> Index:
        if self._vectors is None:
            self.dim = self.dim or dim
            self._vectors = Index(ndim=self.dim, metric="cos", dtype="f32", expansion_search=64)
        return self._vectors

    @property
    def vectors(self) -> Index | None:
        return self._vectors

    def put(self, sid: str, centroid: np.ndarray | None, anchors: Iterable[str]) -> None:
        """Insert or refresh a story (its centroid and anchors changed)."""
        if centroid is not None:
            vectors = self._index(len(centroid))
            key = self.keys.get(sid)
            if key is None:
                key = self.keys[sid] = self.next_key
                self.ids[key] = sid
                self.next_key += 1
            elif key in vectors:
                vectors.remove(key)
            vectors.add(key, np.asarray(centroid, dtype=np.float32))
        new = set(anchors)
        for a in self.anchors_of.get(sid, set()) - new:
            self.postings[a].discard(sid)
            if not self.postings[a]:
                del self.postings[a]
        for a in new:
            self.postings[a].add(sid)
        self.anchors_of[sid] = new

    def drop(self, sid: str) -> None:
        key = self.keys.pop(sid, None)
        if key is not None:
            self.ids.pop(key, None)
            if self._vectors is not None and key in self._vectors:
                self._vectors.remove(key)
        for a in self.anchors_of.pop(sid, set()):
            self.postings[a].discard(sid)
            if not self.postings[a]:
                del self.postings[a]

    def search(
        self,
        vector: np.ndarray | None,
        anchors: Iterable[str],
        k: int = 20,
        weight: Callable[[str], float] = lambda _: 1.0,
    ) -> list[str]:
        """Up to ``k`` nearest stories by centroid, plus up to ``k`` sharing the most anchor
        weight; in an order that depends on nothing but the index's content."""
        found: dict[str, None] = {}
        vectors = self._vectors
        if vector is not None and vectors is not None and len(vectors):
            matches = vectors.search(np.asarray(vector, dtype=np.float32), min(k, len(vectors)))
            for key in np.atleast_1d(matches.keys):
                sid = self.ids.get(int(key))
                if sid is not None:
                    found[sid] = None
        shared: Counter = Counter()
        for a in sorted(anchors):
            holders = self.postings.get(a)
            if holders and len(holders) <= MAX_POSTING:
                w = weight(a)
                for sid in holders:
                    shared[sid] += w
        for sid, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:k]:
            found[sid] = None
        return list(found)
