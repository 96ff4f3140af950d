"""HTTP headers every copydesk web server sends: what agencies send is never run by a browser.

>>> headers("default-src 'none'")["X-Frame-Options"]
'DENY'
"""

from __future__ import annotations

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
