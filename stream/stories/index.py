"""Candidate search over active stories without scanning them all.

Two indexes, because a rewrite and its source can be close in meaning or only in facts:
an HNSW index (usearch) over story centroids, and an inverted index from anchors (names,
numbers) to the stories that hold them.

>>> import numpy as np
>>> ix = StoryIndex(dim=2)
>>> ix.put("st-a", np.array([1.0, 0.0], dtype=np.float32), {"@raqqa"})
>>> ix.put("st-b", np.array([0.0, 1.0], dtype=np.float32), {"@daraya"})
>>> ix.search(np.array([0.9, 0.1], dtype=np.float32), {"@daraya"}, k=1)
['st-a', 'st-b']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import numpy as np
from usearch.index import Index

MAX_POSTING = 200  # an anchor held by more stories than this says nothing about any of them


class StoryIndex:
    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.vectors = Index(ndim=dim, metric="cos", dtype="f32", expansion_search=64)
        self.keys: dict[str, int] = {}  # story id -> usearch key
        self.ids: dict[int, str] = {}
        self.next_key = 1
        self.postings: defaultdict[str, set[str]] = defaultdict(set)
        self.anchors_of: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self.anchors_of)

    def put(self, sid: str, centroid: np.ndarray | None, anchors: Iterable[str]) -> None:
        """Insert or refresh a story (its centroid and anchors changed)."""
        if centroid is not None:
            key = self.keys.get(sid)
            if key is None:
                key = self.keys[sid] = self.next_key
                self.ids[key] = sid
                self.next_key += 1
            elif key in self.vectors:
                self.vectors.remove(key)
            self.vectors.add(key, np.asarray(centroid, dtype=np.float32))
        new = set(anchors)
        for a in self.anchors_of.get(sid, set()) - new:
            self.postings[a].discard(sid)
        for a in new:
            self.postings[a].add(sid)
        self.anchors_of[sid] = new

    def drop(self, sid: str) -> None:
        key = self.keys.pop(sid, None)
        if key is not None:
            self.ids.pop(key, None)
            if key in self.vectors:
                self.vectors.remove(key)
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
        """Up to ``k`` nearest stories by centroid, plus up to ``k`` sharing the rarest anchors."""
        found: dict[str, None] = {}
        if vector is not None and len(self.vectors):
            matches = self.vectors.search(np.asarray(vector, dtype=np.float32), min(k, len(self.vectors)))
            for key in np.atleast_1d(matches.keys):
                sid = self.ids.get(int(key))
                if sid is not None:
                    found[sid] = None
        shared: Counter = Counter()
        for a in anchors:
            holders = self.postings.get(a)
            if holders and len(holders) <= MAX_POSTING:
                w = weight(a)
                for sid in holders:
                    shared[sid] += w
        for sid, _ in shared.most_common(k):
            found[sid] = None
        return list(found)
