"""The desk in-process: the DW seed case, bad input, idempotency, recovery from state."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest

from stream import settings
from stream.desk import Desk
from stream.tools.replay import parsed, replay
from stream.wire import Item
from stream.wire.parse import parse
from tests.helpers.paths import DW_URI, ROOT

AP, AFP, AP_WRITETHRU = "ap:2016-06-04:syria-raqqa:v1", "afp:2016-06-04:syria-conflict-is-raqqa:v1", "ap:2016-06-04:syria-raqqa:v2"


@pytest.fixture(scope="module")
def cfg():
    return settings.load()


def by_uri(lines: list[dict]) -> dict[str, dict]:
    return {line["uri"]: line for line in lines}


@pytest.mark.model
def test_dw_rewrite_lands_in_the_ap_afp_story_and_credits_them(raqqa_feed, cfg, encode):
    result = replay(raqqa_feed, cfg, encode=encode, progress=False)
    out = by_uri(result.lines)
    raqqa = out[AP]["story_id"]
    assert out[AFP]["story_id"] == raqqa
    assert out[AP_WRITETHRU]["story_id"] == raqqa and out[AP_WRITETHRU]["dup_kind"] == "version"
    dw = out[DW_URI]
    assert dw["story_id"] == raqqa
    assert dw["member"] == "rewrite" and dw["credits"] == ["AFP", "AP"]
    sources = {p["agency"]: p for p in dw["provenance"]}
    assert set(sources) == {"AP", "AFP"}
    assert sources["AFP"]["uri"] == AFP and sources["AP"]["uri"] in (AP, AP_WRITETHRU)
    assert all(p["share"] > 0.1 for p in dw["provenance"])
    others = [line for uri, line in out.items() if line["eval"]["story"] != "raqqa-offensive"]
    assert others and all(line["story_id"] != raqqa for line in others)
    snapshot = result.desk.snapshot(raqqa)
    assert snapshot["first_report"]["agency"] == "AP" and snapshot["agencies"] == ["AFP", "AP"]
    assert snapshot["publishers"] == ["DW"] and DW_URI in snapshot["provenance"]


def write_feed(tmp_path: Path, lines: list[bytes], gz: bool = False) -> Path:
    path = tmp_path / ("feed.jsonl.gz" if gz else "feed.jsonl")
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def item(uri: str, headline: str, body: str, **fields) -> bytes:
    return orjson.dumps({"uri": uri, "headline": headline, "body_text": body, **fields})


def test_bad_input_is_listed_with_reasons_and_never_stops_the_replay(tmp_path, cfg):
    big = "Port workers walked out. " * 220_000  # about 5 MB of body
    lines = [
        item("ok:1", "Dock strike halts Rotterdam port", "ROTTERDAM (Reuters) - Dock workers walked out on Monday.",
             versioncreated="2019-08-06T08:00:00Z", copyrightholder="Reuters"),
        orjson.dumps({"uri": "empty:1", "headline": "", "body_text": ""}),
        orjson.dumps({"uri": "html:1", "headline": "", "body_html": "<p>HAMBURG (dpa) - Die Hafenarbeiter streiken.</p>"}),
        item("big:1", "Huge", big),
        b'{"uri": "utf8:1", "headline": "caf\xe9 \xff"}',
        item("notime:1", "No time given", "An item without versioncreated takes the previous item's time."),
        item("ok:1", "Dock strike halts Rotterdam port", "ROTTERDAM (Reuters) - Dock workers walked out on Monday.",
             versioncreated="2019-08-06T08:00:00Z", copyrightholder="Reuters"),
    ]
    result = replay(write_feed(tmp_path, lines, gz=True), cfg, encode=None, progress=False)
    assert len(result.lines) == len(lines)  # one line per input, rejected ones included
    # Too large and invalid UTF-8 are rejected before the uri can be read.
    reasons = [(r["uri"], r["rejected"]) for r in result.rejected]
    assert reasons == [("empty:1", "no_text"), (None, "too_large"), (None, "invalid_utf8")]
    out = [line for line in result.lines if "rejected" not in line]
    assert [line["uri"] for line in out] == ["ok:1", "html:1", "notime:1", "ok:1"]
    assert out[1]["story_id"] and out[1]["language"] == "de"
    assert out[2]["time"] == out[1]["time"]  # no time: the previous item's
    assert out[3] == out[0]  # the same uri twice: the same decision, nothing new
    story = result.desk.snapshot(out[0]["story_id"])
    assert [m["uri"] for m in story["timeline"]] == ["ok:1"]


def test_a_5mb_body_is_accepted_and_cut_when_the_limit_allows(tmp_path):
    cfg = settings.load().model_copy(update={"input": settings.Input(max_item_bytes=8_000_000)})
    result = replay(write_feed(tmp_path, [item("big:1", "Huge", "Port workers walked out. " * 220_000)]),
                    cfg, encode=None, progress=False)
    assert result.rejected == [] and result.lines[0]["story_id"]


def decided(desk: Desk, items: list[Item]) -> list[dict]:
    return [o.record for o in desk.process(items)]


def test_a_desk_rebuilt_from_its_state_decides_like_the_one_that_never_stopped(cfg):
    items = [r for r in parsed(ROOT / "samples" / "desk.jsonl", cfg) if isinstance(r, Item)]
    half = len(items) // 2
    straight = decided(Desk(cfg), items)

    first = Desk(cfg)
    before = decided(first, items[:half])
    # A restart: a new desk over the same state, as the tables' JSON changelogs hold it.
    second = Desk(cfg, items=as_stored(first.items), stories=as_stored(first.stories), meta=as_stored(first.meta),
                  members=as_stored(first.members))
    after = decided(second, items[half:])
    assert before + after == straight
    again = decided(second, items[:10])  # redelivered after the restart: idempotent
    assert again == straight[:10]


def as_stored(table: dict) -> dict:
    """A state mapping as it comes back from a changelog: JSON (no inf, no tuples)."""
    return {k: orjson.loads(orjson.dumps(v)) for k, v in table.items()}


def dated(uri: str, headline: str, body: str, hours: float) -> Item:
    from datetime import datetime, timedelta, timezone

    when = datetime(2026, 11, 2, tzinfo=timezone.utc) + timedelta(hours=hours)
    line = item(uri, headline, body, versioncreated=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    result = parse(line, fallback_time=None, max_item_bytes=2_000_000, max_body_chars=200_000)
    assert isinstance(result, Item)
    return result


def test_an_item_delivered_again_after_leaving_the_window_is_a_repeat_until_remember_hours():
    """A replay through Kafka moves the window fast; a redelivery must not become a second story."""
    cfg = settings.load().model_copy(update={"dedup": settings.Dedup(window_hours=1, remember_hours=10)})
    desk = Desk(cfg)
    first = dated("a:1", "Dockers strike in Rotterdam", "Port workers in Rotterdam walked out on Monday.", 0)
    later = hours_of_news("b", 5)  # the desk's clock moves when most recent items agree
    much_later = hours_of_news("c", 20)
    original = decided(desk, [first, *later])[0]
    assert "dedup" not in desk.items["a:1"] and desk.items["a:1"]["out"] == original  # out of the window

    again = desk.process([first])[0]
    assert again.repeated and again.record == original  # re-sent as decided, not a new story
    rebuilt = Desk(cfg, items=desk.items, stories=desk.stories, meta=desk.meta, members=desk.members)  # and after a restart
    assert rebuilt.process([first])[0].record == original

    decided(rebuilt, much_later)  # 20 h on: past remember_hours, the uri is forgotten
    assert "a:1" not in rebuilt.items and "b:1" not in rebuilt.items
    assert not rebuilt.process([first])[0].repeated


PLACES = ["Jakarta", "Lagos", "Lima", "Oslo", "Quito"]


def hours_of_news(prefix: str, hours: float) -> list[Item]:
    """Five unrelated items at ``hours``: enough for the desk's clock to reach them."""
    return [dated(f"{prefix}:{i + 1}", f"Rain floods {p}", f"Heavy rain flooded large parts of {p} overnight.",
                  hours) for i, p in enumerate(PLACES)]


P1 = "Port workers in Rotterdam walked out on Monday over pay, halting container traffic at Europe's largest port."
P2 = "The union said the strike would last at least 48 hours and more ports could follow."
P3 = "Shipping lines began diverting vessels to Antwerp and Hamburg on Tuesday, officials said."


def agency_copy(uri: str, headline: str, body: str, hours: float, **fields) -> Item:
    from datetime import datetime, timedelta, timezone

    when = datetime(2026, 11, 2, tzinfo=timezone.utc) + timedelta(hours=hours)
    line = item(uri, headline, body, versioncreated=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
                slugline="Netherlands-Strike", copyrightholder="AP", **fields)
    result = parse(line, fallback_time=None, max_item_bytes=2_000_000, max_body_chars=200_000)
    assert isinstance(result, Item)
    return result


def rotterdam_versions() -> list[Item]:
    return [
        agency_copy("ap:strike:v1", "Dockers strike in Rotterdam", P1, 0),
        agency_copy("ap:strike:v2", "Dockers strike in Rotterdam, union says 48 hours", f"{P1}\n\n{P2}", 0.8),
        *hours_of_news("b", 1.5),  # the clock passes the 1 h window: v1, the family's root, leaves it
        agency_copy("ap:strike:v3", "Rotterdam strike diverts ships", f"{P1}\n\n{P2}\n\n{P3}", 1.6),
    ]


def test_a_version_whose_root_left_the_window_joins_its_family_story_in_replay_and_stream():
    """Review defect b: it was placed as new copy (the root's story was no longer known)."""
    cfg = settings.load().model_copy(update={"dedup": settings.Dedup(window_hours=1, remember_hours=10)})
    items = rotterdam_versions()
    replayed = by_uri(decided(Desk(cfg), items))
    stream = Desk(cfg)  # the stream's path: one item at a time, a vector from intake
    streamed = by_uri([stream.decide(i, vector=None).record for i in items])
    assert replayed["ap:strike:v3"]["dup_of"] == "ap:strike:v1"
    assert replayed["ap:strike:v3"]["member"] == "version"
    assert replayed["ap:strike:v3"]["story_id"] == replayed["ap:strike:v1"]["story_id"]
    assert streamed == replayed


def test_a_kill_under_its_targets_uri_in_the_same_batch_is_decided_as_the_stream_decides_it():
    """Review defect d: replay dropped the kill as a repeat of its target's uri."""
    cfg = settings.load()
    target = agency_copy("ap:strike:v1", "Dockers strike in Rotterdam", P1, 0)
    kill = agency_copy("ap:strike:v1", "KILL: Dockers strike in Rotterdam", "Editors: kill this story.", 0.5,
                       pubstatus="canceled")
    batch = Desk(cfg).process([target, kill])
    stream = Desk(cfg)
    one_by_one = [stream.decide(target).record, stream.decide(kill).record]
    assert [o.record for o in batch] == one_by_one
    assert not batch[1].repeated and batch[1].record["member"] == "kill"
