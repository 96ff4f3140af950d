"""The dashboard's web server (aiohttp): the page, a JSON API and a server-sent event stream.

    GET /                     the page (static/index.html, app.js, app.css)
    GET /api/stories          story summaries, newest activity first
                              ?agency=AP  ?q=words  ?status=active|dormant|closed|merged
                              ?limit=200&offset=0
    GET /api/stories/{id}     one story snapshot (timeline, provenance); a merged id answers
                              with the story it was merged into
    GET /api/agencies         agencies and publishers present (the page's filter)
    GET /api/alerts           {"alerts": [newest first], "feeds": the latest feed_status or null}
    GET /api/config           what the page may do: {"writes": bool, "kinds": [...], ...}
                              (never the token)
    POST /api/actions         an editor action (stream.actions), with
                              ``Authorization: Bearer <web.token>``: produced to desk.actions,
                              202 {"id": ...}; 403 read-only (no web.token), 401 bad or no
                              token, 400 {"error": reason} for a record that is no action
    GET /events               text/event-stream: ``reset`` (the whole list) on connect, then
                              ``story`` (a full snapshot), ``removed``, ``activity`` (a
                              stories.events record), ``alert`` (a stories.alerts record),
                              ``feeds`` (feed health) and ``status`` as they happen
    GET /health               200 once stories.state has been read to its end, else 503

Everything agencies send is data: the page builds its DOM with ``textContent`` only, and
every response carries a strict Content-Security-Policy (scripts and styles from this
origin only, nothing inline) and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import orjson
from aiohttp import web

from stream import kafka, security
from stream.actions import ActionError, json_object, parse_action
from stream.settings import Settings
from stream.tools.dashboard.follow import Feed, StoryStore
from stream.wire.kinds import KINDS

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
HEARTBEAT_S = 15.0  # an SSE comment this often keeps proxies and idle timeouts away
RETRY_MS = 2000  # EventSource reconnect delay
MAX_LIMIT = 1000
MAX_ACTION_BYTES = 64 * 1024  # an action is a few fields; anything bigger is refused unread
READ_ONLY = "read-only: set web.token (COPYDESK_WEB_TOKEN)"
DEFAULT_WHO = "dashboard"

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = security.headers(CSP)
CONTENT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
CFG = web.AppKey("cfg", Settings)
STORE = web.AppKey("store", StoryStore)
FEED_TASK = web.AppKey("feed_task", asyncio.Task)


class Sender(Protocol):
    """Where accepted actions go: ``send(topic, key, value)`` returns once the broker has them."""

    async def start(self) -> None: ...
    async def send(self, topic: str, key: bytes, value: bytes) -> None: ...
    async def stop(self) -> None: ...


class KafkaSender:
    """The stream.kafka producer (acks=all), started on app start-up and stopped on cleanup.

    A broker that is down at start-up does not stop the page: the producer is (re)started on
    the next action, and until then an action answers 503.
    """

    def __init__(self, cfg: Settings) -> None:
        self.cfg = cfg
        self.client = None
        self.topics_ready = False
        self.lock = asyncio.Lock()

    async def start(self) -> None:
        async with self.lock:
            await self._start()

    async def _start(self) -> None:
        if self.client is not None:
            return
        client = kafka.producer(self.cfg)
        try:
            await client.start()
        except BaseException:
            with contextlib.suppress(Exception):
                await client.stop()
            raise
        self.client = client

    async def send(self, topic: str, key: bytes, value: bytes) -> None:
        async with self.lock:
            await self._start()
            if not self.topics_ready:  # desk.actions has one partition: actions apply in order
                await kafka.ensure_topics(self.cfg, ("actions",))
                self.topics_ready = True
        await self.client.send_and_wait(topic, value=value, key=key)

    async def stop(self) -> None:
        async with self.lock:
            client, self.client = self.client, None
        if client is not None:
            await client.stop()


SENDER = web.AppKey("sender", Sender)


security_headers = security.middleware(CSP)


def _json(body, status: int = 200) -> web.Response:
    return web.Response(
        body=orjson.dumps(body),
        status=status,
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


def _int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(request.query.get(name, default))))
    except ValueError:
        return default


def _static(name: str):
    path = STATIC / name
    content_type = CONTENT_TYPES[path.suffix]

    async def handler(request: web.Request) -> web.Response:
        # Read per request: small files, and edits show on reload during development.
        return web.Response(
            body=path.read_bytes(),
            content_type=content_type,
            charset="utf-8" if content_type != "image/svg+xml" else None,
            headers={"Cache-Control": "no-cache"},
        )

    return handler


async def api_stories(request: web.Request) -> web.Response:
    store = request.app[STORE]
    rows = store.query(
        agency=request.query.get("agency"),
        q=request.query.get("q"),
        status=request.query.get("status"),
    )
    limit = _int(request, "limit", 200, 1, MAX_LIMIT)
    offset = _int(request, "offset", 0, 0, 10**9)
    return _json(
        {
            "total": len(rows),
            "offset": offset,
            "limit": limit,
            "rev": store.rev,
            "status": store.status,
            "stories": rows[offset : offset + limit],
        }
    )


async def api_story(request: web.Request) -> web.Response:
    sid = request.match_info["story_id"]
    story = request.app[STORE].get(sid)
    if story is None:
        return _json({"error": "no such story", "id": sid}, status=404)
    return _json(story)


async def api_agencies(request: web.Request) -> web.Response:
    return _json(request.app[STORE].agencies())


async def api_alerts(request: web.Request) -> web.Response:
    store = request.app[STORE]
    limit = _int(request, "limit", store.max_alerts, 1, store.max_alerts)
    return _json({"alerts": store.recent_alerts()[:limit], "feeds": store.feed_status})


def writes_enabled(cfg: Settings) -> bool:
    return bool(cfg.web.token)


async def api_config(request: web.Request) -> web.Response:
    cfg = request.app[CFG]
    return _json(
        {
            "writes": writes_enabled(cfg),
            "read_only_reason": None if writes_enabled(cfg) else READ_ONLY,
            "actions_topic": cfg.topics.name("actions"),
            "alerts_topic": cfg.topics.name("alerts"),
            "kinds": list(KINDS),
        }
    )


def authorised(cfg: Settings, header: str | None) -> bool:
    """``Authorization: Bearer <web.token>`` (:func:`stream.security.bearer`)."""
    return security.bearer(header, cfg.web.token)


def action_record(body: bytes) -> dict:
    """The request body as the record for desk.actions: ``who`` ("dashboard") and ``time``
    (now, ISO 8601) added when absent, then validated and normalised by :func:`parse_action`
    (which also gives it its id). Raises :class:`ActionError` with the reason."""
    doc = dict(json_object(body))
    if doc.get("who") is None or (isinstance(doc.get("who"), str) and not doc["who"].strip()):
        doc["who"] = DEFAULT_WHO
    if doc.get("time") is None:
        doc["time"] = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return parse_action(doc).to_record()


async def api_actions(request: web.Request) -> web.Response:
    cfg = request.app[CFG]
    if not writes_enabled(cfg):
        return _json({"error": READ_ONLY}, status=403)
    if not authorised(cfg, request.headers.get("Authorization")):
        return web.Response(
            body=orjson.dumps({"error": "missing or wrong token (Authorization: Bearer <web.token>)"}),
            status=401,
            content_type="application/json",
            headers={"Cache-Control": "no-store", "WWW-Authenticate": 'Bearer realm="copydesk"'},
        )
    if request.content_length is not None and request.content_length > MAX_ACTION_BYTES:
        return _json({"error": f"an action is at most {MAX_ACTION_BYTES} bytes"}, status=413)
    body = await request.content.read(MAX_ACTION_BYTES + 1)
    if len(body) > MAX_ACTION_BYTES:
        return _json({"error": f"an action is at most {MAX_ACTION_BYTES} bytes"}, status=413)
    try:
        record = action_record(body)
    except ActionError as exc:
        return _json({"error": str(exc)}, status=400)
    topic = cfg.topics.name("actions")
    try:
        await request.app[SENDER].send(topic, record["id"].encode("utf-8"), orjson.dumps(record))
    except Exception as exc:  # noqa: BLE001 - broker down: say so, the editor can retry
        log.warning("dashboard: action %s not sent to %s: %r", record["id"], topic, exc)
        return _json({"error": f"could not send the action to {topic}: {type(exc).__name__}"}, status=503)
    log.info("dashboard: action %s (%s by %s) sent to %s", record["id"], record["action"], record["who"], topic)
    return _json({"id": record["id"], "action": record}, status=202)


async def health(request: web.Request) -> web.Response:
    store = request.app[STORE]
    body = {**store.status, "stories": len(store.query()), "clients": len(store.subscribers)}
    return _json(body, status=200 if store.status.get("loaded") else 503)


async def events(request: web.Request) -> web.StreamResponse:
    """Server-sent events; the first message is a ``reset`` with the whole list."""
    store = request.app[STORE]
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",  # nginx: do not buffer the stream
            **SECURITY_HEADERS,
        }
    )
    await response.prepare(request)
    sub = store.subscribe()
    try:
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        while True:
            try:
                msg = await asyncio.wait_for(sub.get(), HEARTBEAT_S)
            except TimeoutError:
                await response.write(b": keep-alive\n\n")
                continue
            if msg is None:  # cut off (too slow) or shutting down: the browser reconnects
                break
            await response.write(msg.encode())
    except ConnectionError:
        pass  # the client went away
    finally:
        store.unsubscribe(sub)
    return response


async def _start_feed(app: web.Application) -> None:
    app[FEED_TASK] = asyncio.create_task(Feed(app[CFG], app[STORE]).run(), name="dashboard-feed")


async def _start_sender(app: web.Application) -> None:
    try:
        await app[SENDER].start()
    except Exception as exc:  # noqa: BLE001 - the page works without; the first action retries
        log.warning("dashboard: action producer not started (%s); retrying on the first action", exc)


async def _stop_sender(app: web.Application) -> None:
    with contextlib.suppress(Exception):
        await app[SENDER].stop()


async def _close_streams(app: web.Application) -> None:
    app[STORE].close_all()


async def _stop_feed(app: web.Application) -> None:
    task = app[FEED_TASK]
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def make_app(
    cfg: Settings, store: StoryStore | None = None, feed: bool = True, sender: Sender | None = None
) -> web.Application:
    """The aiohttp application; ``feed=False`` serves ``store`` as it is (tests), ``sender``
    replaces the Kafka producer for actions (tests). The producer is started only when
    writes are enabled (``web.token`` set)."""
    app = web.Application(middlewares=[security_headers], client_max_size=MAX_ACTION_BYTES * 2)
    app[CFG] = cfg
    app[STORE] = store or StoryStore()
    app[SENDER] = sender or KafkaSender(cfg)
    app.router.add_get("/", _static("index.html"))
    app.router.add_get("/static/app.js", _static("app.js"))
    app.router.add_get("/static/app.css", _static("app.css"))
    app.router.add_get("/favicon.svg", _static("favicon.svg"))
    app.router.add_get("/api/stories", api_stories)
    app.router.add_get("/api/stories/{story_id}", api_story)
    app.router.add_get("/api/agencies", api_agencies)
    app.router.add_get("/api/alerts", api_alerts)
    app.router.add_get("/api/config", api_config)
    app.router.add_post("/api/actions", api_actions)
    app.router.add_get("/events", events)
    app.router.add_get("/health", health)
    if feed:
        app.on_startup.append(_start_feed)
        app.on_cleanup.append(_stop_feed)
    if writes_enabled(cfg):
        app.on_startup.append(_start_sender)
    app.on_cleanup.append(_stop_sender)
    app.on_shutdown.append(_close_streams)
    return app


def run(cfg: Settings, bind: str, port: int) -> None:
    """``copydesk dashboard``: serve until SIGINT/SIGTERM."""
    logging.basicConfig(
        level=cfg.log.level.upper(), format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    log.info(
        "dashboard on http://%s:%d reading %s, %s and %s; actions %s",
        bind, port, cfg.topics.name("story_state"), cfg.topics.name("story_events"), cfg.topics.name("alerts"),
        f"to {cfg.topics.name('actions')}" if writes_enabled(cfg) else "off (read-only: no web.token)",
    )
    web.run_app(make_app(cfg), host=bind, port=port, shutdown_timeout=3.0, print=None)
