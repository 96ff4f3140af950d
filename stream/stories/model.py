"""The join model: how likely an item belongs to a candidate story, from its features.

Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``, trained by
``copydesk train``), shipped as a small JSON file of trees so that the decision does not
depend on a pickle or on the scikit-learn version at run time. Prediction walks every tree
for every candidate at once in numpy.

>>> model = JoinModel.from_dict({
...     "format": FORMAT, "version": "t", "features": ["a", "b"], "baseline": 0.0, "threshold": 0.5,
...     "trees": [{"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
...                "leaf": [False, True, True], "value": [0.0, -2.0, 2.0]}]})
>>> model.probabilities([[0.2, 9.0], [0.9, 9.0]]).round(3).tolist()
[0.119, 0.881]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

FORMAT = "copydesk-join-model/1"
PACKAGED = "join-model.json"


@dataclass
class JoinModel:
    version: str
    features: tuple[str, ...]
    baseline: float
    threshold: float  # join the best candidate when its probability reaches this
    feature: np.ndarray  # (trees, nodes) arrays, padded
    split: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    depth: int
    meta: dict = field(default_factory=dict)  # what it was trained on, cross-validated figures

    @classmethod
    def from_dict(cls, data: dict) -> JoinModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"join model format {data.get('format')!r}, expected {FORMAT!r}")
        trees = data["trees"]
        width = max(len(t["value"]) for t in trees)

        def stack(key, dtype, fill):
            out = np.full((len(trees), width), fill, dtype=dtype)
            for i, t in enumerate(trees):
                out[i, : len(t[key])] = t[key]
            return out

        leaf = stack("leaf", bool, True)
        return cls(
            version=data["version"],
            features=tuple(data["features"]),
            baseline=float(data["baseline"]),
            threshold=float(data["threshold"]),
            feature=stack("feature", np.int64, 0),
            split=stack("threshold", np.float64, 0.0),
            left=stack("left", np.int64, 0),
            right=stack("right", np.int64, 0),
            leaf=leaf,
            value=stack("value", np.float64, 0.0),
            depth=_depth(trees),
            meta=data.get("meta", {}),
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> JoinModel:
        """The model at ``path``, or the one shipped with copydesk."""
        if path:
            text = Path(path).read_text(encoding="utf-8")
        else:
            text = resources.files("stream.stories").joinpath(PACKAGED).read_text(encoding="utf-8")
        return cls.from_dict(json.loads(text))

    def raw(self, X) -> np.ndarray:
        """Log-odds per row of ``X`` (rows: candidates, columns: :attr:`features`)."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got shape {X.shape}")
        rows = np.arange(len(X))[:, None]
        trees = np.arange(self.feature.shape[0])[None, :]
        node = np.zeros((len(X), self.feature.shape[0]), dtype=np.int64)
        for _ in range(self.depth):
            goes_left = X[rows, self.feature[trees, node]] <= self.split[trees, node]
            step = np.where(goes_left, self.left[trees, node], self.right[trees, node])
            node = np.where(self.leaf[trees, node], node, step)
        return self.baseline + self.value[trees, node].sum(axis=1)

    def to_dict(self) -> dict:
        """The JSON form (trees unpadded), as :meth:`from_dict` reads it."""
        trees = []
        for i in range(self.feature.shape[0]):
            n = _nodes(self.leaf[i], self.left[i], self.right[i])
            trees.append({
                "feature": self.feature[i, :n].tolist(), "threshold": self.split[i, :n].tolist(),
                "left": self.left[i, :n].tolist(), "right": self.right[i, :n].tolist(),
                "leaf": self.leaf[i, :n].tolist(), "value": self.value[i, :n].tolist(),
            })
        return {"format": FORMAT, "version": self.version, "features": list(self.features),
                "baseline": self.baseline, "threshold": self.threshold, "trees": trees, "meta": self.meta}

    def probabilities(self, X) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw(X)))


def _nodes(leaf, left, right) -> int:
    """How many of a padded tree's nodes are real: one past the highest node reached."""
    top, stack = 0, [0]
    while stack:
        node = stack.pop()
        top = max(top, node)
        if not leaf[node]:
            stack += [int(left[node]), int(right[node])]
    return top + 1


def _depth(trees: list[dict]) -> int:
    """Longest root-to-leaf path over all trees."""
    deepest = 0
    for t in trees:
        stack = [(0, 0)]
        while stack:
            node, d = stack.pop()
            if t["leaf"][node]:
                deepest = max(deepest, d)
            else:
                stack += [(t["left"][node], d + 1), (t["right"][node], d + 1)]
    return deepest


def from_sklearn(model, features, threshold: float, version: str, meta: dict | None = None) -> dict:
    """The JSON form of a fitted binary ``HistGradientBoostingClassifier``."""
    trees = []
    for (predictor,) in model._predictors:  # one tree per iteration for a binary classifier
        nodes = predictor.nodes
        trees.append({
            "feature": nodes["feature_idx"].tolist(),
            "threshold": nodes["num_threshold"].tolist(),
            "left": nodes["left"].tolist(),
            "right": nodes["right"].tolist(),
            "leaf": nodes["is_leaf"].astype(bool).tolist(),
            "value": nodes["value"].tolist(),
        })
    return {
        "format": FORMAT,
        "version": version,
        "features": list(features),
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "threshold": threshold,
        "trees": trees,
        "meta": meta or {},
    }
