"""The worker's web endpoints (Faust's web server, 127.0.0.1 by default).

``/stories``, ``/stories/{id}``, ``/explain`` and ``/feeds`` are answered by the worker that
owns the desk's table partition; Faust's table routing forwards a request that lands on
another worker. While the tables are being recovered they answer 503: a desk built from
half a table would be wrong. ``POST /actions`` is the editors' write side: it asks for
``web.token`` and puts the action on ``desk.actions``.
"""

from __future__ import annotations

from faust.web import View

from stream.actions import ActionError
from stream.security import bearer
from stream.worker.decide import NotRecovered, desk, items_table, stories_table
from stream.worker.editors import submit
from stream.worker.probes import report
from stream.app import app, cfg

PER_PAGE = 50


@app.page("/health")
async def health(web, request):
    """200 when tables are recovered, the broker answers and no input partition is stalled;
    else 503, with ``status`` (starting, unhealthy) and ``problems`` saying what is wrong."""
    ok, body = report()
    return web.json(body, status=200 if ok else 503)


def _int(request, name: str, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(request.query.get(name, default))))
    except ValueError:
        return default


def story_list(status: str | None, page: int, per_page: int) -> dict:
    d = desk()
    snaps = [d.snapshot(sid) for sid in d.active_stories()]
    if status:
        snaps = [s for s in snaps if s["status"] == status]
    snaps.sort(key=lambda s: s["updated"], reverse=True)
    start = (page - 1) * per_page
    rows = [{k: v for k, v in s.items() if k not in ("timeline", "provenance")} for s in snaps[start : start + per_page]]
    return {"page": page, "per_page": per_page, "total": len(snaps), "stories": rows}


@app.page("/stories")
@app.table_route(table=stories_table, exact_key="stories")
async def stories(web, request):
    """Stories, newest activity first: ?page=1&per_page=50&status=active|dormant|closed."""
    page = _int(request, "page", 1, 1, 1_000_000)
    per_page = _int(request, "per_page", PER_PAGE, 1, 500)
    try:
        return web.json(story_list(request.query.get("status"), page, per_page))
    except NotRecovered:
        return web.json({"error": "starting: tables are being recovered"}, status=503)


@app.page("/stories/{story_id}")
@app.table_route(table=stories_table, match_info="story_id")
async def story(web, request, story_id: str):
    """One story with its whole timeline and provenance (merged ids answer with the survivor)."""
    try:
        d = desk()
    except NotRecovered:
        return web.json({"error": "starting: tables are being recovered"}, status=503)
    sid = d.clusterer.resolve(story_id)
    if sid not in d.clusterer.stories:
        return web.json({"error": "no such story", "id": story_id}, status=404)
    return web.json(d.snapshot(sid, full=True))


@app.page("/explain")
@app.table_route(table=items_table, exact_key="explain")
async def explain(web, request):
    """?uri=...: the item's decision, why it was placed where it is, and its story events."""
    uri = request.query.get("uri", "")
    try:
        entry = desk().items.get(uri)
    except NotRecovered:
        return web.json({"error": "starting: tables are being recovered"}, status=503)
    if entry is None:
        return web.json({"error": "no such item in the desk's memory", "uri": uri}, status=404)
    return web.json({"uri": uri, "out": entry["out"], "why": entry.get("why"), "events": entry.get("events", [])})


@app.page("/feeds")
@app.table_route(table=stories_table, exact_key="feeds")
async def feeds(web, request):
    """Per agency: last item, silence so far, rate now and usually (by the desk's clock)."""
    try:
        d = desk()
    except NotRecovered:
        return web.json({"error": "starting: tables are being recovered"}, status=503)
    return web.json({"time": d.clock.now if d.clock.now != float("-inf") else None,
                     "agencies": d.feeds.status(d.clock.now)})


def authorised(header: str | None) -> tuple[bool, int, str]:
    """Whether a request may act: ``web.token`` set and given as a bearer token."""
    if not cfg.web.token:
        return False, 403, "read-only: set web.token (COPYDESK_WEB_TOKEN) to accept actions"
    if not bearer(header, cfg.web.token):
        return False, 401, "missing or wrong token (Authorization: Bearer <web.token>)"
    return True, 202, ""


@app.page("/actions")
class Actions(View):
    """POST one action record (JSON, see README "Editor actions"): 202 with its id once it
    is on desk.actions; 400 with the reason for a bad record; 401/403 without the token."""

    async def post(self, request):
        ok, status, reason = authorised(request.headers.get("Authorization"))
        if not ok:
            return self.json({"error": reason}, status=status)
        try:
            action_id = await submit(await request.read())
        except ActionError as exc:
            return self.json({"error": str(exc)}, status=400)
        return self.json({"id": action_id, "topic": cfg.topics.name("actions")}, status=202)
