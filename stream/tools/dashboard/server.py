"""The dashboard's web server (aiohttp): the page, a JSON API and a server-sent event stream.

    GET /                     the page (static/index.html, app.js, app.css)
    GET /api/stories          story summaries, newest activity first
                              ?agency=AP  ?q=words  ?status=active|dormant|closed|merged
                              ?limit=200&offset=0
    GET /api/stories/{id}     one story snapshot (timeline, provenance); a merged id answers
                              with the story it was merged into
    GET /api/agencies         agencies and publishers present (the page's filter)
    GET /events               text/event-stream: ``reset`` (the whole list) on connect, then
                              ``story`` (a full snapshot), ``removed``, ``activity`` (a
                              stories.events record) and ``status`` as they happen
    GET /health               200 once stories.state has been read to its end, else 503

Everything agencies send is data: the page builds its DOM with ``textContent`` only, and
every response carries a strict Content-Security-Policy (scripts and styles from this
origin only, nothing inline) and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

import orjson
from aiohttp import web

from stream import security
from stream.tools.dashboard.follow import Feed, StoryStore
from stream.settings import Settings

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
HEARTBEAT_S = 15.0  # an SSE comment this often keeps proxies and idle timeouts away
RETRY_MS = 2000  # EventSource reconnect delay
MAX_LIMIT = 1000

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


async def _close_streams(app: web.Application) -> None:
    app[STORE].close_all()


async def _stop_feed(app: web.Application) -> None:
    task = app[FEED_TASK]
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def make_app(cfg: Settings, store: StoryStore | None = None, feed: bool = True) -> web.Application:
    """The aiohttp application; ``feed=False`` serves ``store`` as it is (tests)."""
    app = web.Application(middlewares=[security_headers])
    app[CFG] = cfg
    app[STORE] = store or StoryStore()
    app.router.add_get("/", _static("index.html"))
    app.router.add_get("/static/app.js", _static("app.js"))
    app.router.add_get("/static/app.css", _static("app.css"))
    app.router.add_get("/favicon.svg", _static("favicon.svg"))
    app.router.add_get("/api/stories", api_stories)
    app.router.add_get("/api/stories/{story_id}", api_story)
    app.router.add_get("/api/agencies", api_agencies)
    app.router.add_get("/events", events)
    app.router.add_get("/health", health)
    if feed:
        app.on_startup.append(_start_feed)
        app.on_cleanup.append(_stop_feed)
    app.on_shutdown.append(_close_streams)
    return app


def run(cfg: Settings, bind: str, port: int) -> None:
    """``copydesk dashboard``: serve until SIGINT/SIGTERM."""
    logging.basicConfig(
        level=cfg.log.level.upper(), format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s"
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    log.info(
        "dashboard on http://%s:%d reading %s and %s",
        bind, port, cfg.topics.name("story_state"), cfg.topics.name("story_events"),
    )
    web.run_app(make_app(cfg), host=bind, port=port, shutdown_timeout=3.0, print=None)
