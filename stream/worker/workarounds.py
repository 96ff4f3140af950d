"""Every workaround for a faust-streaming bug, in one place, applied when the worker starts.

Written for faust-streaming 0.15.3 (pinned in pyproject.toml). :func:`apply` refuses to
patch another version: a patch written against one release's internals can silently do
the wrong thing on the next, so an upgrade must come here first (a test fails too).

* ``Consumer._add_gap`` -- around a rebalance Faust can skip records it fetched
  (faust-streaming#216, #606) and then counts the jump in offsets as processed (the method
  is meant for transaction markers), so the next commit passes records no agent saw. Here
  the gap is not counted; ``stream.worker.offsets`` reads the hole and calls
  :func:`fill_gap` once the agent has processed it.

(The other workaround, acknowledging only after confirmed delivery because Faust's
pre-commit flush can return early, needs no patch: ``stream.worker.delivery``.)
"""

from __future__ import annotations

import logging
from importlib.metadata import version

from faust.transport.consumer import Consumer

log = logging.getLogger(__name__)

WRITTEN_FOR = "0.15.3"
_original_add_gap = Consumer._add_gap
_applied = False


async def _note_gap(self, tp, offset_from: int, offset_to: int) -> None:
    """Faust saw offsets jump: not processed yet (the agent's guard reads them)."""
    log.info("%s/%s: offsets %d..%d not seen by the consumer; not counted as processed",
             tp.topic, tp.partition, offset_from, offset_to)


async def fill_gap(consumer, tp, offset_from: int, offset_to: int) -> None:
    """Count offsets as processed, as Faust's own ``_add_gap`` would (the hole was read)."""
    await _original_add_gap(consumer, tp, offset_from, offset_to)


def apply() -> None:
    """Patch faust-streaming, once per process; refuse an untested version."""
    global _applied
    installed = version("faust-streaming")
    if installed != WRITTEN_FOR:
        raise RuntimeError(
            f"stream/worker/workarounds.py was written for faust-streaming {WRITTEN_FOR}, "
            f"{installed} is installed: check each workaround against it first"
        )
    if not _applied:
        Consumer._add_gap = _note_gap
        _applied = True
