"""Editors' rules hold on every later decision, and survive a restart."""

from __future__ import annotations

import pytest

from stream import settings
from stream.actions import ActionError
from stream.desk import Desk
from tests.helpers.desk import FIRE, STRIKE, rebuilt, wire


@pytest.fixture(scope="module")
def cfg():
    return settings.load()


def story(desk: Desk, uri: str) -> str:
    return desk.clusterer.story_of(uri)


def test_apart_holds_against_a_later_near_identical_item(cfg):
    desk = Desk(cfg)
    desk.process([wire("ap:1", STRIKE, 0)])
    strike = story(desk, "ap:1")
    events = desk.act({"action": "apart", "uri": "afp:1", "with": strike, "who": "kim", "why": "their own angle"})
    assert events[0]["type"] == "action" and events[0]["story_id"] == strike and events[0]["who"] == "kim"
    near = desk.process([wire("afp:1", STRIKE, 10, holder="AFP")])[0]
    assert near.record["dup_kind"] in ("near", "exact")  # a near-duplicate would follow its root...
    assert near.record["story_id"] != strike  # ...but the editor's rule beats that
    assert near.placement.why["excluded"]["editor"] == [strike]


def test_apart_item_pair_splits_them_now_and_later(cfg):
    desk = Desk(cfg)
    desk.process([wire("ap:1", STRIKE, 0), wire("ap:2", STRIKE, 5)])
    assert story(desk, "ap:2") == story(desk, "ap:1")
    events = desk.act({"action": "apart", "uri": "ap:2", "with": "ap:1", "who": "kim"})
    assert "item_moved" in [e["type"] for e in events]
    assert story(desk, "ap:2") != story(desk, "ap:1")
    assert desk.items["ap:2"]["out"]["story_id"] == story(desk, "ap:2")  # a redelivery says where it is now
    assert "ap:2" not in [m["uri"] for m in desk.snapshot(story(desk, "ap:1"))["timeline"]]


def test_together_declared_before_the_items_exist(cfg):
    desk = Desk(cfg)
    events = desk.act({"action": "together", "uri": "afp:9", "with": "ap:9", "who": "kim", "why": "one event"})
    assert events[0]["story_id"] is None and events[0]["id"].endswith(":1")
    desk.process([wire("ap:9", STRIKE, 0)])
    second = desk.process([wire("afp:9", FIRE, 30, holder="AFP")])[0]  # nothing alike: the rule decides
    assert second.record["story_id"] == story(desk, "ap:9")
    assert second.placement.why["rule"] == "editor" and second.placement.why["constraint"] == "together"


def test_a_moved_item_never_drifts_back(cfg):
    desk = Desk(cfg)
    desk.process([wire("ap:1", STRIKE, 0), wire("afp:1", STRIKE, 5, holder="AFP")])
    old = story(desk, "ap:1")
    desk.act({"action": "move", "uri": "afp:1", "to": "new", "who": "kim"})
    moved = story(desk, "afp:1")
    assert moved != old
    timeline = {m["uri"]: m for m in desk.snapshot(moved)["timeline"]}
    assert timeline["afp:1"]["moved_from"] == old  # its why is of the old story: the page says so
    after = rebuilt(desk, Desk)
    assert after.clusterer.story_of("afp:1") == moved
    assert old in after.rules.barred("afp:1", after.clusterer.story_of, after.clusterer.resolve)
    assert after.process([wire("afp:1", STRIKE, 5, holder="AFP")])[0].record["story_id"] == moved  # a repeat


def test_merge_redirect_survives_a_restart(cfg):
    desk = Desk(cfg)
    desk.process([wire("ap:1", STRIKE, 0), wire("ap:2", FIRE, 5)])
    strike, fire = story(desk, "ap:1"), story(desk, "ap:2")
    assert strike != fire
    events = desk.act({"action": "merge", "story": fire, "into": strike, "who": "kim"})
    assert {"action", "merged", "merged_into"} <= {e["type"] for e in events}
    desk.flush()
    timeline = {m["uri"]: m for m in desk.snapshot(strike)["timeline"]}
    assert timeline["ap:2"]["merged_from"] == fire and "merged_from" not in timeline["ap:1"]
    after = rebuilt(desk, Desk)
    assert after.snapshot(fire)["merged_into"] == strike and after.snapshot(fire)["status"] == "merged"
    assert {m["uri"]: m for m in after.snapshot(strike)["timeline"]}["ap:2"]["merged_from"] == fire
    assert after.clusterer.story_of("ap:2") == strike
    follower = after.process([wire("afp:2", FIRE, 30, holder="AFP")])[0]  # a near-duplicate of the fire copy
    assert follower.record["story_id"] == strike
    again = after.act({"action": "merge", "story": fire, "into": strike, "who": "kim"})  # the same record: the same id
    assert [e["id"] for e in again] == [e["id"] for e in events]


def test_a_pinned_headline_holds(cfg):
    desk = Desk(cfg)
    desk.process([wire("afp:1", STRIKE, 0, holder="AFP")])
    sid = story(desk, "afp:1")
    desk.act({"action": "pin", "story": sid, "headline": "Rotterdam port strike", "who": "kim"})
    earlier = desk.process([wire("ap:1", (STRIKE[0] + " over pay", STRIKE[1]), -30)])[0]  # would take the headline
    assert earlier.record["story_id"] == sid
    assert "headline_changed" not in [e["type"] for e in earlier.events]
    assert desk.snapshot(sid)["headline"] == "Rotterdam port strike"
    events = desk.act({"action": "pin", "story": sid, "headline": None, "who": "kim"})
    assert events[-1]["type"] == "headline_unpinned" and desk.snapshot(sid)["headline"].endswith("over pay")


def test_rekind_takes_an_advisory_out_of_news_and_stands_for_later_copy(cfg):
    desk = Desk(cfg)
    desk.process([wire("ap:1", STRIKE, 0), wire("ap:2", STRIKE, 5)])
    desk.act({"action": "rekind", "uri": "ap:2", "kind": "advisory", "who": "kim"})
    sid = story(desk, "ap:2")
    assert sid != story(desk, "ap:1") and desk.clusterer.stories[sid].kind == "advisory"
    assert desk.items["ap:2"]["out"]["copy_kind"] == "advisory"
    desk.act({"action": "rekind", "uri": "ap:3", "kind": "advisory", "who": "kim"})  # before it comes
    later = desk.process([wire("ap:3", FIRE, 10)])[0]
    assert later.record["copy_kind"] == "advisory"


def test_an_action_naming_an_unknown_story_raises_with_the_reason(cfg):
    desk = Desk(cfg)
    with pytest.raises(ActionError, match="unknown story id 'st-nope'"):
        desk.act({"action": "merge", "story": "st-nope", "into": "st-other", "who": "kim"})
    with pytest.raises(ActionError, match="unknown action"):
        desk.act({"action": "delete", "who": "kim"})
    assert not desk.actions  # nothing was stored
