"""Failpoints: a test makes a real worker stall where a real fault would, to prove that
``/health`` sees it.

Off unless ``COPYDESK_FAILPOINT_STALL_URI`` is set, which nothing but the tests does:
intake then stops for good at the item with that uri, holding its batch unacknowledged,
as an agent that cannot get past a record does.
"""

from __future__ import annotations

import asyncio
import logging
import os

log = logging.getLogger(__name__)


async def stall_at(uri: str) -> None:
    if uri == os.environ.get("COPYDESK_FAILPOINT_STALL_URI"):
        log.warning("failpoint: intake stalls at %s", uri)
        await asyncio.Event().wait()
