"""Deliveries confirmed before an input is acknowledged.

Faust commits acknowledged offsets after ``producer.flush()``, but in faust-streaming 0.15
that flush gives up after 0.1 s without a send and returns with messages still buffered
(table changelog writes among them). So each agent waits for its own outputs, and for
the buffer to empty, before it acknowledges: a commit can then never run ahead of them.
"""

from __future__ import annotations

import asyncio
import logging
import os

from stream.app import app

log = logging.getLogger(__name__)


async def delivered(sends: list) -> None:
    """Wait until ``sends`` (and everything buffered, changelogs included) is on the broker.

    A broker that refuses them stops the worker at once, unacknowledged: a graceful stop
    would wait forever for the events we cannot acknowledge, and after a restart they are
    read again.
    """
    try:
        await asyncio.gather(*sends)
        producer = app.producer
        while producer.buffer.size:
            await producer.buffer.flush()
        await producer.flush()
    except Exception as exc:
        log.critical("could not deliver output; exiting so that the input is read again on restart: %r", exc)
        logging.shutdown()
        os._exit(70)
