"""The dashboard's snapshot store, SSE fan-out and web app, without Kafka."""

from __future__ import annotations

import asyncio
import contextlib
import re
from pathlib import Path

import orjson
import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient, TestServer

from stream.tools.dashboard import server
from stream.tools.dashboard.follow import Message, StoryStore, Subscriber, message, summary
from stream.settings import load

from tests.helpers.snapshots import member, snapshot

STATIC = Path(server.__file__).parent / "static"


def raw(snap: dict) -> bytes:
    return orjson.dumps(snap)


# ---------------------------------------------------------------------------------------------
# Applying stories.state records


def test_state_records_latest_value_wins(quake, markets):
    store = StoryStore()
    assert store.apply_state(b"st-quake", raw(quake))
    assert store.apply_state(b"st-markets", raw(markets))
    newer = snapshot("st-quake", "Quake kills 8", quake["timeline"] + [member("afp:q1", 1400.0, "AFP")])
    assert store.apply_state(b"st-quake", raw(newer))
    assert store.get("st-quake")["headline"] == "Quake kills 8"
    assert store.get("st-quake")["counts"]["items"] == 5
    assert [s["id"] for s in store.query()] == ["st-quake", "st-markets"]  # newest activity first


def test_tombstone_purges_and_unknown_tombstone_is_a_no_op(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    store.apply_state(b"st-markets", raw(markets))
    assert store.apply_state(b"st-quake", None)
    assert store.get("st-quake") is None
    assert [s["id"] for s in store.query()] == ["st-markets"]
    rev = store.rev
    assert not store.apply_state(b"st-never-seen", None)
    assert store.rev == rev


def test_rereading_the_same_record_changes_nothing(quake):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    rev = store.get("st-quake")["rev"]
    assert not store.apply_state(b"st-quake", raw(quake))  # a reconnect reads it again
    assert store.get("st-quake")["rev"] == rev


def test_revisions_grow_with_every_change(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    store.apply_state(b"st-markets", raw(markets))
    assert store.get("st-markets")["rev"] > store.get("st-quake")["rev"]


def test_bad_records_are_skipped(quake):
    store = StoryStore()
    assert not store.apply_state(b"x", b"{not json")
    assert not store.apply_state(b"x", b"[1, 2]")
    assert not store.apply_state(None, b'{"headline": "no id anywhere"}')
    assert store.apply_state(None, raw(quake))  # the key is missing: the id in the value serves
    assert store.get("st-quake") is not None


def test_merged_stories_leave_the_list_and_resolve_to_the_survivor(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    gone = snapshot("st-gone", "Turkey quake", [], status="merged", merged_into="st-quake")
    store.apply_state(b"st-gone", raw(gone))
    assert [s["id"] for s in store.query()] == ["st-quake"]
    assert store.get("st-gone")["id"] == "st-quake"
    assert [s["id"] for s in store.query(status="merged")] == ["st-gone"]


def test_summary_drops_the_timeline_and_keeps_what_the_list_needs(quake):
    s = summary(quake)
    assert "timeline" not in s and "provenance" not in s
    assert s["headlines"] == [
        "Quake in eastern Turkey kills at least 4",
        "Quake in eastern Turkey kills 8",
        "Deadly quake rattles Malatya",
    ]
    assert s["latest"] == {"time": 1300.0, "agency": "DW", "kind": "rewrite", "headline": "Deadly quake rattles Malatya"}
    assert summary({"id": "x", "timeline": "garbage"})["latest"] is None


def test_query_filters_by_agency_and_publisher(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    store.apply_state(b"st-markets", raw(markets))
    assert [s["id"] for s in store.query(agency="reuters")] == ["st-quake", "st-markets"]
    assert [s["id"] for s in store.query(agency="AP")] == ["st-quake"]
    assert [s["id"] for s in store.query(agency="DW")] == ["st-quake"]  # publishers count too
    assert store.query(agency="AFP") == []
    assert store.agencies() == {"agencies": ["AP", "Reuters"], "publishers": ["DW"]}


def test_query_searches_headline_and_timeline_headlines(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    store.apply_state(b"st-markets", raw(markets))
    assert [s["id"] for s in store.query(q="MALATYA")] == ["st-quake"]  # a timeline headline
    assert [s["id"] for s in store.query(q="kills 8")] == ["st-quake"]  # every word must match
    assert store.query(q="kills tech") == []
    assert [s["id"] for s in store.query(q="chip")] == ["st-markets"]


# ---------------------------------------------------------------------------------------------
# Fan-out to SSE subscribers


def test_message_is_one_sse_event_even_with_newlines_in_the_data():
    msg = message("story", {"headline": "line one\nline two\r\ndata: forged"})
    wire = msg.encode()
    assert wire.startswith(b"event: story\ndata: ")
    assert wire.endswith(b"\n\n")
    assert wire.count(b"\n") == 3  # event line, data line, blank line: nothing forged


@pytest.mark.asyncio
async def test_subscribers_get_a_reset_then_every_change(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-markets", raw(markets))
    store.apply_event({"type": "created", "story_id": "st-markets", "time": 500.0})
    a, b = store.subscribe(), store.subscribe()
    for sub in (a, b):
        reset = await sub.get()
        assert reset.event == "reset"
        body = orjson.loads(reset.data)
        assert [s["id"] for s in body["stories"]] == ["st-markets"]
        assert "timeline" not in body["stories"][0]
        assert body["activity"] == [{"type": "created", "story_id": "st-markets", "time": 500.0}]

    store.apply_state(b"st-quake", raw(quake))
    store.apply_event({"type": "item_added", "story_id": "st-quake", "uri": "dw:q", "kind": "rewrite"})
    store.apply_state(b"st-markets", None)
    got_a = [await a.get() for _ in range(3)]
    got_b = [await b.get() for _ in range(3)]
    assert [m.event for m in got_a] == ["story", "activity", "removed"]
    assert all(x is y for x, y in zip(got_a, got_b))  # encoded once, shared
    pushed = orjson.loads(got_a[0].data)
    assert pushed["id"] == "st-quake" and len(pushed["timeline"]) == 4  # the full snapshot
    assert orjson.loads(got_a[2].data)["id"] == "st-markets"

    store.unsubscribe(a)
    store.apply_state(b"st-markets", raw(markets))
    assert a.queue.empty()
    assert (await b.get()).event == "story"


@pytest.mark.asyncio
async def test_a_slow_subscriber_is_cut_off_not_buffered_without_bound(quake):
    store = StoryStore()
    slow = store.subscribe(maxsize=3)  # holds the reset already
    for i in range(5):
        store.apply_event({"type": "item_added", "story_id": "s", "uri": f"u{i}"})
    assert slow.closed
    assert slow not in store.subscribers
    assert await slow.get() is None  # its stream ends; the browser reconnects for a reset


@pytest.mark.asyncio
async def test_close_all_ends_every_stream():
    store = StoryStore()
    subs = [store.subscribe() for _ in range(3)]
    store.close_all()
    assert not store.subscribers
    for sub in subs:
        assert (await sub.get()) is None


def test_status_changes_are_pushed_once():
    store = StoryStore()
    sub = Subscriber()
    store.subscribers.add(sub)
    store.set_status(state="live", loaded=True)
    store.set_status(state="live", loaded=True)
    assert sub.queue.qsize() == 1
    assert isinstance(sub.queue.get_nowait(), Message)


# ---------------------------------------------------------------------------------------------
# The web app (no feed: the store is filled by the test)


@pytest_asyncio.fixture
async def client(quake, markets):
    store = StoryStore()
    store.apply_state(b"st-quake", raw(quake))
    store.apply_state(b"st-markets", raw(markets))
    store.set_status(state="live", loaded=True)
    app = server.make_app(load(), store=store, feed=False)
    async with TestClient(TestServer(app)) as c:
        c.store = store
        yield c


def _has_security_headers(resp) -> None:
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.asyncio
async def test_api_stories(client):
    resp = await client.get("/api/stories")
    assert resp.status == 200
    _has_security_headers(resp)
    body = await resp.json()
    assert body["total"] == 2
    assert [s["id"] for s in body["stories"]] == ["st-quake", "st-markets"]
    assert "timeline" not in body["stories"][0]
    body = await (await client.get("/api/stories", params={"agency": "AP", "q": "turkey"})).json()
    assert [s["id"] for s in body["stories"]] == ["st-quake"]
    body = await (await client.get("/api/stories", params={"limit": "1", "offset": "1"})).json()
    assert [s["id"] for s in body["stories"]] == ["st-markets"]


@pytest.mark.asyncio
async def test_api_story(client):
    resp = await client.get("/api/stories/st-quake")
    assert resp.status == 200
    story = await resp.json()
    assert [m["kind"] for m in story["timeline"]] == ["new", "new", "version", "rewrite"]
    assert story["provenance"]["dw:q"][0] == {"uri": "ap:q1", "agency": "AP", "share": 0.4}
    resp = await client.get("/api/stories/st-nope")
    assert resp.status == 404
    _has_security_headers(resp)


@pytest.mark.asyncio
async def test_health(client):
    resp = await client.get("/health")
    assert resp.status == 200
    assert (await resp.json())["stories"] == 2
    client.store.set_status(loaded=False, state="loading")
    assert (await client.get("/health")).status == 503


@pytest.mark.parametrize(
    "path, content_type",
    [("/", "text/html"), ("/static/app.js", "text/javascript"), ("/static/app.css", "text/css"), ("/favicon.svg", "image/svg+xml")],
)
@pytest.mark.asyncio
async def test_page_and_assets_carry_the_security_headers(client, path, content_type):
    resp = await client.get(path)
    assert resp.status == 200
    assert resp.content_type == content_type
    _has_security_headers(resp)
    assert (await client.get("/no-such-page")).headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.asyncio
async def test_events_stream_a_reset_then_changes(client, quake):
    resp = await client.get("/events")
    assert resp.status == 200
    assert resp.content_type == "text/event-stream"
    _has_security_headers(resp)

    async def next_event() -> tuple[str, dict]:
        event, data = None, None
        while True:
            line = (await asyncio.wait_for(resp.content.readline(), 5)).decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = orjson.loads(line[6:])
            elif line == "" and event:
                return event, data

    event, data = await next_event()
    assert event == "reset" and len(data["stories"]) == 2
    changed = dict(quake, headline="Quake kills 11")
    client.store.apply_state(b"st-quake", raw(changed))
    event, data = await next_event()
    assert event == "story" and data["headline"] == "Quake kills 11" and len(data["timeline"]) == 4
    assert len(client.store.subscribers) == 1
    resp.close()


# ---------------------------------------------------------------------------------------------
# The page's own rules, checked on the source


def test_the_page_builds_no_markup_from_data():
    js = re.sub(r"^\s*//.*$", "", (STATIC / "app.js").read_text(), flags=re.M)  # code, not comments
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink
    assert 'setAttribute("style"' not in js  # styles go through the CSSOM (CSP allows that)


def test_the_page_has_no_inline_script_or_style():
    html = (STATIC / "index.html").read_text()
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert "<style" not in html
    assert re.search(r"\sstyle=", html) is None
    assert re.search(r"\son[a-z]+=", html) is None


# ---------------------------------------------------------------------------------------------
# The feed with no broker to talk to


@pytest.mark.asyncio
async def test_the_feed_keeps_retrying_while_the_broker_is_unreachable():
    import socket

    from stream.tools.dashboard.follow import Feed

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = StoryStore()
    sub = store.subscribe()
    feed = asyncio.create_task(
        Feed(load(kafka={"broker": f"kafka://127.0.0.1:{port}"}), store, retry_s=0.05, max_retry_s=0.1).run()
    )
    try:
        for _ in range(200):
            if store.status.get("state") == "reconnecting":
                break
            await asyncio.sleep(0.05)
        assert store.status["state"] == "reconnecting"
        assert not store.status["loaded"]
        assert store.status["error"].startswith("KafkaConnectionError")
        await asyncio.sleep(0.3)
        assert not feed.done()  # still trying
    finally:
        feed.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await feed
    statuses = []
    while not sub.queue.empty():
        msg = sub.queue.get_nowait()
        if msg.event == "status":
            statuses.append(orjson.loads(msg.data)["state"])
    assert "reconnecting" in statuses  # the page hears about it
