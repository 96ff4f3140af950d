"""Breaking alerts: once per story per burst, never again for the same items, nor after a restart."""

from __future__ import annotations

from stream import settings
from stream.desk import Desk
from stream.feeds import FeedHealth
from tests.helpers.desk import FIRE, STRIKE, rebuilt, wire


def test_three_agencies_in_15_minutes_alert_once_even_when_the_items_come_again():
    desk = Desk(settings.load())
    burst = [wire("ap:1", STRIKE, 0), wire("afp:1", STRIKE, 4, holder="AFP"), wire("r:1", STRIKE, 9, holder="Reuters")]
    outcomes = desk.process(burst)
    raised = [a for o in outcomes for a in o.alerts if a["type"] == "breaking"]
    assert len(raised) == 1 and raised[0]["reason"] == "agencies" and raised[0]["agencies"] == ["AFP", "AP", "Reuters"]
    again = desk.process(burst)  # redelivered: the repeat path re-sends the same alert, raises none
    assert all(o.repeated for o in again)
    assert {a["id"] for o in again for a in o.alerts} == {raised[0]["id"]}
    after = rebuilt(desk, Desk)
    more = after.process([wire("dpa:1", STRIKE, 12, holder="dpa")])[0]  # the same burst, after a restart
    assert more.alerts == []


def test_a_flash_alerts_and_a_new_burst_after_quiet_alerts_again():
    cfg = settings.load()
    desk = Desk(cfg)
    first = desk.process([wire("ap:1", FIRE, 0, urgency=1)])[0]
    assert [a["reason"] for a in first.alerts] == ["urgency"]
    later = desk.process([wire("ap:2", FIRE, 10, urgency=2)])[0]
    assert later.alerts == []  # same burst
    quiet = cfg.alerts.quiet_minutes
    next_burst = desk.process([wire("ap:3", FIRE, 10 + quiet + 1, urgency=1)])[0]
    assert len(next_burst.alerts) == 1 and next_burst.alerts[0]["id"] != first.alerts[0]["id"]


def test_a_silent_agency_alerts_once_by_its_own_threshold():
    cfg = settings.Feeds(silence_minutes=20, agency_silence_minutes={"dpa": 60})
    feeds = FeedHealth(cfg)
    for agency in ("AFP", "dpa"):
        feeds.observe(agency, 0.0)
    assert [a["agency"] for a in feeds.check(25 * 60.0)] == ["AFP"]
    assert feeds.check(30 * 60.0) == []  # said once
    restored = FeedHealth(cfg, dict(feeds.state))
    assert [a["agency"] for a in restored.check(61 * 60.0)] == ["dpa"]
    assert [a["type"] for a in restored.observe("AFP", 62 * 60.0)] == ["feed_resumed"]
