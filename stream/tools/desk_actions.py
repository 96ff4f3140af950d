"""``copydesk story ...``: editors' actions sent to a worker's ``POST /actions``.

The worker checks the token (``web.token``) and the record and puts it on ``desk.actions``;
what it answers is printed as it is, a refusal with its reason.

>>> record("merge", who="ed", why="same fire", story="st-b", into="st-a")
{'action': 'merge', 'who': 'ed', 'why': 'same fire', 'story': 'st-b', 'into': 'st-a'}
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from stream.settings import Settings


def record(action: str, who: str | None = None, why: str | None = None, **fields) -> dict:
    doc = {"action": action, "who": who, "why": why, **fields}
    return {k: v for k, v in doc.items() if v is not None}


def worker_url(cfg: Settings, url: str | None) -> str:
    host = "127.0.0.1" if cfg.web.bind in ("0.0.0.0", "::") else cfg.web.bind
    return (url or f"http://{host}:{cfg.web.port}").rstrip("/")


def post(cfg: Settings, doc: dict, url: str | None = None, timeout: float = 15.0) -> tuple[int, dict]:
    """POST one action; (HTTP status, the worker's JSON answer)."""
    req = urllib.request.Request(
        worker_url(cfg, url) + "/actions", data=json.dumps(doc).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {cfg.web.token}"},
    )
    return _answer(req, timeout)


def get(cfg: Settings, path: str, url: str | None = None, timeout: float = 15.0) -> tuple[int, dict]:
    return _answer(urllib.request.Request(worker_url(cfg, url) + path), timeout)


def _answer(req: urllib.request.Request, timeout: float) -> tuple[int, dict]:
    """(HTTP status, the JSON body); a refusal's body too, and its text if it is not JSON."""
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as err:
        body = err.read()
        try:
            return err.code, json.loads(body or b"{}")
        except ValueError:
            return err.code, {"error": body.decode(errors="replace")[:500]}
