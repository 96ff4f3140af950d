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

from stream import deadletter, metrics
from stream.app import app, deadletter_topic

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


async def send_deadletter(event, reason: str, detail: str, value: bytes | None = None):
    """Send ``value`` (default: the record as it came) to the dead letter topic; return the pending delivery."""
    msg = event.message
    metrics.REJECTED.labels(reason=reason).inc()
    sent = await deadletter_topic.send(
        key=msg.key,
        value=value if value is not None else (msg.value if msg.value is not None else b""),
        headers=deadletter.headers(reason, detail, msg.topic, msg.partition, msg.offset),
    )
    log.warning("dead letter %s/%s/%s: %s (%s)", msg.topic, msg.partition, msg.offset, reason, detail[:200])
    return sent
