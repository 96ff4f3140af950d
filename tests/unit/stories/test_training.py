"""Training the join model: rows from an oracle replay, folds that never split an event, one file."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stream import settings
from stream.stories import training
from stream.wire import Item
from tests.helpers.stories import news


def labelled(uri, story, headline, body, hours, vector):
    item = news(uri, headline, body, when=f"2019-08-0{1 + hours // 24}T{hours % 24:02d}:00:00Z",
                eval={"story": story})
    return item, vector


def tiny_dataset() -> training.Dataset:
    rng = np.random.default_rng(5)
    rows = []
    topics = {"strike": ("Dock strike in Rotterdam", "Dock workers in Rotterdam walked out over pay."),
              "fire": ("Wildfire near Marseille", "Firefighters battled a wildfire near Marseille."),
              "quake": ("Quake hits Iran", "A strong earthquake struck western Iran, killing 12.")}
    centres = {k: rng.normal(size=8) for k in topics}
    for i in range(30):
        story = list(topics)[i % 3]
        v = centres[story] + rng.normal(scale=0.3, size=8)
        rows.append(labelled(f"x:{i}", story, *topics[story], i, (v / np.linalg.norm(v)).astype(np.float32)))
    items = [it for it, _ in rows]
    return training.Dataset("tiny", None, items, np.stack([v for _, v in rows]))


def test_oracle_rows_label_the_gold_story_among_the_candidates():
    cfg = settings.load()
    d = tiny_dataset()
    rows = training.oracle_rows(d, cfg)
    assert rows["X"].shape[1] == len(training.FEATURES) and set(rows["y"]) == {0, 1}
    assert rows["y"].sum() == 27  # every item after the first of its story finds it


def test_training_is_deterministic():
    cfg = settings.load()
    d = tiny_dataset()
    d.rows = training.oracle_rows(d, cfg)
    a = training.fit([d], lambda g: True, 0.5, "a", cfg=cfg).to_dict()
    b = training.fit([d], lambda g: True, 0.5, "a", cfg=cfg).to_dict()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_folds_never_split_an_event_and_do_not_depend_on_the_process():
    # ECB+ folds by topic: its two look-alike events are always in the same fold.
    ecb = [Item("e:1", 0, "h", "en", raw={"eval": {"story": "1-ecb", "topic": "1"}}),
           Item("e:2", 0, "h", "en", raw={"eval": {"story": "1-ecbplus", "topic": "1"}})]
    assert len({training.fold(training.event_group(i)) for i in ecb}) == 1
    assert (training.fold("tac2010:D1013C"), training.fold("tac2010:D1026E")) == (2, 4)  # crc32, not hash()
    pair = Item("p:1", 0, "h", "en", raw={"eval": {"pair": "p7", "pair_score": 4.0}})
    assert training.event_group(pair) == "p7" and training.gold(pair) == ("p:1", True)
    middle = Item("p:2", 0, "h", "en", raw={"eval": {"pair": "p8", "pair_score": 2.0}})
    assert training.gold(middle) == ("p:2", False)  # neither same event nor different: no rows


def test_the_objective_charges_false_joins_over_five_percent():
    ok = {"x": {"pairs": {"cross_language": {"recall": 0.8, "false_join_rate": 0.05}}}}
    bad = {"x": {"pairs": {"cross_language": {"recall": 0.8, "false_join_rate": 0.15}}}}
    assert training.objective(ok) == pytest.approx(0.8) and training.objective(bad) == pytest.approx(0.4)
