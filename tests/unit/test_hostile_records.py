"""Records that must not move, stop or corrupt the desk, in-process (the stream: tests/integration/worker)."""

from __future__ import annotations

import gzip
import itertools

import orjson
import pytest

from stream import settings
from stream.desk import Desk, with_item
from stream.limits import Limits
from stream.tools.replay import replay
from stream.wire import Item, parse

FAR_FUTURE = "9999-12-31T23:59:59Z"


@pytest.fixture(scope="module")
def cfg():
    return settings.load()


@pytest.fixture(scope="module")
def reuters40(shared_data) -> list[bytes]:
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rb") as fh:
        return [line.rstrip(b"\n") for line in itertools.islice(fh, 40)]


def redated(line: bytes, uri: str, when: str) -> bytes:
    doc = orjson.loads(line)
    return orjson.dumps({**doc, "uri": uri, "versioncreated": when})


def feed(tmp_path, lines: list[bytes]):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_a_far_future_date_moves_nothing(tmp_path, cfg, reuters40):
    """One item dated 9999: no story closes, nothing leaves the window, repeats stay repeats."""
    future = redated(reuters40[5], "x:future", FAR_FUTURE)
    copy = redated(reuters40[3], "x:copy-of-3", "1987-02-26T16:00:00Z")  # an exact copy of earlier copy
    lines = reuters40 + [future, reuters40[0], copy]  # and item 1 delivered again
    result = replay(feed(tmp_path, lines), cfg, encode=None, progress=False)

    out = result.lines
    assert len(out) == len(lines) and not result.rejected
    desk = result.desk
    assert not [s for s in desk.clusterer.stories.values() if s.status == "closed"]
    assert all(uri in desk.window for uri in (orjson.loads(l)["uri"] for l in reuters40))
    assert out[-2] == out[0]  # the re-sent uri: the same decision, no second story
    assert out[-1]["dup_kind"] == "exact" and out[-1]["dup_of"] == out[3]["uri"]
    assert desk.clock.now < 1e10  # still 1987


def test_an_item_dated_after_it_was_received_is_taken_as_received(cfg):
    desk = Desk(cfg)
    item = parse(orjson.dumps({"uri": "ap:9", "headline": "Quake", "versioncreated": FAR_FUTURE}))
    received = 1_700_000_000.0
    record = desk.decide(item, received=received).record
    assert record["time"] == received and record["time_sent"] == 253402300799.0
    on_time = parse(orjson.dumps({"uri": "ap:10", "headline": "Quake", "versioncreated": "2023-11-14T22:18:00Z"}))
    assert "time_sent" not in desk.decide(on_time, received=received).record  # within the skew


def test_a_far_past_item_is_decided_and_remembered(tmp_path, cfg, reuters40):
    past = redated(reuters40[7], "x:past", "0001-01-01T00:00:00Z")
    lines = reuters40[:20] + [past] + reuters40[20:] + [past]
    result = replay(feed(tmp_path, lines), cfg, encode=None, progress=False)
    first, again = result.lines[20], result.lines[-1]
    assert first["uri"] == "x:past" and first["story_id"]
    assert again == first  # still known: it is remembered from when it was decided, not from year 1
    assert result.desk.clock.now > 5e8  # 1987, not year 1


def test_a_batch_holding_a_uri_twice_around_a_far_future_item(tmp_path, cfg, reuters40):
    """Replay once died here with KeyError in Desk.repeat."""
    lines = reuters40[:3] + [redated(reuters40[3], "x:f", FAR_FUTURE), reuters40[1], reuters40[1]]
    result = replay(feed(tmp_path, lines), cfg, encode=None, progress=False)
    assert result.lines[-1] == result.lines[-2] == result.lines[1]


def test_deep_nesting_is_rejected_at_intake():
    deep = b'{"uri": "x:deep", "headline": "Deep", "extra": ' + b"[" * 300 + b"]" * 300 + b"}"
    rejected = parse(deep)
    assert rejected.reason == "too_deep" and rejected.raw == deep and "64" in rejected.detail
    ninjs = orjson.dumps({"uri": "x:ok", "headline": "Ok", "associations": {"a": {"renditions": [{"x": [1]}]}}})
    assert isinstance(parse(ninjs), Item)


def test_pass_through_fields_leave_byte_for_byte(cfg):
    line = b'{"uri": "x:big", "headline": "Big numbers", "extra": 1180591620717411303424, "f": 0.1000}'
    item = parse(line)
    record = Desk(cfg).decide(item).record
    sent = orjson.dumps(with_item(record, item))
    assert line in sent  # the item as it came, not 1.1805916207174113e+21
    assert orjson.loads(sent)["item"]["uri"] == "x:big"


def test_size_limits_derive_from_one_setting_and_are_checked():
    limits = Limits.of(settings.Input(max_item_bytes=1_000_000))
    assert limits.record_bytes == 4_000_000 and limits.topic_bytes > limits.record_bytes
    with pytest.raises(settings.ConfigError, match="max_body_chars.*max_item_bytes"):
        Limits.of(settings.Input(max_item_bytes=100_000, max_body_chars=200_000))
