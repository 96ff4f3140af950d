"""Every placement says why: the rule, or the model's candidates, boundary and features."""

from __future__ import annotations

from stream import settings
from stream.desk import Desk
from stream.stories.features import FEATURES
from stream.tools.explain import explanation
from tests.helpers.desk import FIRE, STRIKE, wire


SECOND_DAY = ("Rotterdam port strike enters second day",
              "ROTTERDAM - The FNV union said the strike at Rotterdam, Europe's biggest port, would go on, "
              "with container ships queuing off the Maasvlakte terminals.")


def test_a_model_decision_carries_candidates_boundary_and_feature_contributions():
    desk = Desk(settings.load())
    desk.process([wire("ap:1", STRIKE, 0), wire("ap:2", FIRE, 5)])
    placed = desk.process([wire("r:1", SECOND_DAY, 60, holder="Reuters")])[0]
    why = placed.placement.why
    assert why["rule"] == "model" and why["boundary"] == 0.6 and why["candidates"]
    assert set(why["contributions"]) == set(FEATURES) and why["best"] == why["candidates"][0][0]
    assert why["decision"] == ("joined" if why["probability"] >= 0.6 else "created")
    added = next(e for e in placed.events if e["type"] == "item_added")
    assert added["why"] == why and desk.items["r:1"]["why"] == why
    text = explanation(desk, "r:1")
    assert "join_probability 0.6" in text and "names" in text


def test_a_rule_decision_names_the_rule():
    desk = Desk(settings.load())
    desk.process([wire("ap:1", STRIKE, 0), wire("afp:1", STRIKE, 3, holder="AFP")])
    assert desk.items["afp:1"]["why"]["rule"] == "dedup" and desk.items["afp:1"]["why"]["dup_of"] == "ap:1"
    assert "duplicate window" in explanation(desk, "afp:1")
