"""Kills follow the chain: a rewrite that used killed copy is flagged, with an event."""

from __future__ import annotations

from stream.stories.cluster import StoryClusterer
from tests.helpers.stories import news, unit

AP_BODY = ("ROTTERDAM (AP) - Dock workers at Rotterdam, Europe's biggest port, walked out on Monday over pay, "
           "halting container traffic at the main terminals, the FNV union said.\n\n"
           "The strike is the first at the port in more than a decade, and shipping lines warned of delays.")


def test_a_rewrite_using_killed_copy_is_flagged(stories_cfg, model):
    c = StoryClusterer(stories_cfg, model)
    ap = c.place(news("ap:1", "Dock workers strike in Rotterdam", AP_BODY, when="2019-08-05T08:00:00Z"), unit(1, 0.05, 0))
    dw = c.place(news("dw:1", "Rotterdam dockers strike", AP_BODY.replace("ROTTERDAM (AP) - ", "") + "\n\nabc/xyz (AP)",
                      when="2019-08-05T09:00:00Z", holder="DW"), unit(1, 0.05, 0))
    assert dw.story_id == ap.story_id and dw.provenance and dw.provenance[0]["uri"] == "ap:1"
    kill = news("ap:1", "KILL: Dock workers strike in Rotterdam", "EDITORS: KILL.", when="2019-08-05T10:00:00Z",
                pubstatus="canceled")
    placed = c.place(kill, None, retracts="ap:1")
    flagged = [e for e in placed.events if e["type"] == "uses_killed"]
    assert [(e["uri"], e["killed"]) for e in flagged] == [("dw:1", ["ap:1"])]
    member = next(m for m in c.stories[ap.story_id].members if m["uri"] == "dw:1")
    assert member["uses_killed"] == ["ap:1"]
