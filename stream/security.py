"""What every copydesk web server shares: headers so that what agencies send is never run
by a browser, and the editors' bearer token.

>>> headers("default-src 'none'")["X-Frame-Options"]
'DENY'
>>> bearer("Bearer s3cret", "s3cret"), bearer("s3cret", "s3cret"), bearer("Bearer s3cret", "")
(True, False, False)
"""

from __future__ import annotations

import hmac

from aiohttp import web

API_CSP = "default-src 'none'; frame-ancestors 'none'"  # JSON and metrics: nothing to load


def headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def bearer(header: str | None, token: str) -> bool:
    """``Authorization: Bearer <token>`` with a non-empty ``token``, compared in constant time."""
    scheme, _, given = (header or "").partition(" ")
    if not token or scheme.lower() != "bearer" or not given.strip():
        return False
    return hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8"))


def middleware(csp: str):
    """An aiohttp middleware adding :func:`headers` to every response, errors included."""
    fixed = headers(csp)

    @web.middleware
    async def security_headers(request: web.Request, handler):
        try:
            response = await handler(request)
        except web.HTTPException as exc:  # 404s and the like get the headers too
            exc.headers.update(fixed)
            raise
        if not response.prepared:  # a stream (SSE) sets them itself before preparing
            response.headers.update(fixed)
        return response

    return security_headers
