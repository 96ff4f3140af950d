"""Editor action records: parsed or refused with the reason; replayed as the clock reaches them."""

from __future__ import annotations

import orjson
import pytest

from stream import settings
from stream.actions import ActionError, parse_action
from stream.tools.replay import replay
from tests.helpers.desk import FIRE, STRIKE, at


@pytest.mark.parametrize("record, reason", [
    ({"action": "split", "who": "kim"}, "unknown action 'split'"),
    ({"action": "move", "uri": "ap:1", "who": "kim"}, "move: missing field 'to'"),
    ({"action": "move", "uri": "ap:1", "to": "new"}, "move: missing field 'who'"),
    ({"action": "rekind", "uri": "ap:1", "kind": "gossip", "who": "kim"}, "kind 'gossip'"),
    ({"action": "apart", "uri": "ap:1", "with": "ap:1", "who": "kim"}, "always with itself"),
    ({"action": "pin", "story": "st-1", "headline": "x", "who": "kim", "time": "yesterday"}, "neither ISO 8601"),
    ("[1, 2]", "a JSON object"),
    ("{nope", "not JSON"),
])
def test_a_bad_record_raises_with_its_reason(record, reason):
    with pytest.raises(ActionError, match=reason):
        parse_action(record)


def test_ids_are_given_or_derived_from_content():
    a = parse_action({"action": "merge", "story": "st-a", "into": "st-b", "who": "kim", "time": "2019-08-05T08:00:00Z"})
    assert a.id == parse_action(orjson.dumps(a.to_record())).id and a.time == 1564992000.0
    assert parse_action({**a.to_record(), "id": "desk-42"}).id == "desk-42"
    content = {k: v for k, v in a.to_record().items() if k != "id"}
    assert parse_action(content).id == a.id and parse_action({**content, "why": "same fire"}).id != a.id


def line(uri, text, minutes, holder="AP"):
    return orjson.dumps({"uri": uri, "headline": text[0], "body_text": text[1], "versioncreated": at(minutes),
                         "copyrightholder": holder, "language": "en"})


def test_replay_applies_timed_actions_when_the_clock_reaches_them_and_reports_bad_lines(tmp_path):
    items = [line("ap:1", STRIKE, 0), line("ap:2", FIRE, 1)]
    items += [line(f"x:{i}", (f"Other news {i}", f"Unrelated copy number {i} about weather in town {i}."), 2 + i)
              for i in range(10)]
    items += [line("afp:1", STRIKE, 60, holder="AFP")]  # after the timed apart below
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(items) + b"\n")
    actions = tmp_path / "actions.jsonl"
    actions.write_text("\n".join([
        '{"action": "together", "uri": "ap:2", "with": "ap:1", "who": "kim"}',  # from the start
        '{"action": "apart", "uri": "afp:1", "with": "ap:1", "who": "kim", "time": "%s"}' % at(5),
        '{"action": "frobnicate", "who": "kim"}',
        '{"action": "merge", "story": "st-nope", "into": "st-nada", "who": "kim", "time": "%s"}' % at(7),
    ]) + "\n")
    result = replay(feed, settings.load(), progress=False, actions=actions)
    out = {l["uri"]: l for l in result.lines}
    assert out["ap:2"]["story_id"] == out["ap:1"]["story_id"]  # together from the start
    assert out["afp:1"]["story_id"] != out["ap:1"]["story_id"]  # apart, applied before afp:1 came
    assert [a["action"] for a in result.actions] == ["together", "apart"]
    errors = {e["line"]: e["reason"] for e in result.action_errors}
    assert "unknown action" in errors[3] and "unknown story id 'st-nope'" in errors[4]
