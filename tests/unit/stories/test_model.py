"""The join model file: trees exported from scikit-learn predict what scikit-learn predicts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from stream.stories.features import FEATURES
from stream.stories.model import FORMAT, JoinModel, from_sklearn


def test_exported_trees_predict_what_scikit_learn_does():
    rng = np.random.default_rng(3)
    X = rng.random((600, 4))
    y = (X[:, 0] + 0.5 * X[:, 1] - 0.3 * X[:, 2] + rng.normal(0, 0.1, 600) > 0.6).astype(int)
    trees = HistGradientBoostingClassifier(max_iter=40, max_depth=3, random_state=0, early_stopping=False,
                                           monotonic_cst=[1, 1, 0, 0]).fit(X, y)
    model = JoinModel.from_dict(from_sklearn(trees, ["a", "b", "c", "d"], 0.5, "test"))
    Z = rng.random((200, 4))
    assert np.allclose(model.probabilities(Z), trees.predict_proba(Z)[:, 1], atol=1e-12)
    again = JoinModel.from_dict(json.loads(json.dumps(model.to_dict())))  # the file round-trips
    assert np.array_equal(again.probabilities(Z), model.probabilities(Z))


def test_the_shipped_model_reads_the_features_copydesk_computes_and_says_where_it_came_from():
    model = JoinModel.load()
    assert model.features == FEATURES and 0 < model.threshold < 1 and model.version.startswith("join-")
    meta = model.meta
    assert {"ecbplus.jsonl.gz", "tac-dev.jsonl.gz", "xling-dev.jsonl.gz", "desk.jsonl"} == set(meta["trained_on"])
    assert str(meta["chosen_threshold"]) in meta["cross_validation"]


def test_more_likeness_never_lowers_the_probability():
    model = JoinModel.load()
    base = np.array([0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 0.2, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    for name in ("cosine", "lexical", "names"):
        grid = np.repeat(base[None, :], 11, axis=0)
        grid[:, FEATURES.index(name)] = np.linspace(0, 1, 11)
        p = model.probabilities(grid)
        assert np.all(np.diff(p) >= -1e-12), name


def test_a_file_of_another_format_is_refused():
    with pytest.raises(ValueError, match="join model format"):
        JoinModel.from_dict({"format": "something-else"})
    assert FORMAT.startswith("copydesk-join-model/")
