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

from stream import deadletter
from stream.worker import metrics
from stream.app import app, limits
from stream.worker.topics import deadletter_topic

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


async def send(topic, key: bytes, value: bytes | None, event, headers: dict | None = None):
    """Send one output of ``event``; one too large for any topic goes to the dead letters.

    The broker would refuse it and stop the worker; instead it is kept, cut to size, with
    its real size in the headers, and the input is acknowledged as handled.
    """
    if limits.fits(key, value, headers):
        return await topic.send(key=key, value=value, headers=headers)
    detail = f"{topic.get_topic_name()} record of {len(value or b''):,} bytes, over the {limits.record_bytes:,} byte limit"
    return await send_deadletter(event, "output_too_large", detail, value=value or b"", key=key)


async def send_deadletter(
    event, reason: str, detail: str, value: bytes | None = None, key: bytes | None = None, source: str | None = None,
):
    """Send ``value`` (default: the record as it came) to the dead letter topic; return the pending delivery.

    ``key`` and ``source`` default to the event's own. A value over the record limit is cut
    to it; ``copydesk.original_size`` says how large it was.
    """
    msg = event.message
    source = source or f"{msg.topic}/{msg.partition}/{msg.offset}"
    metrics.REJECTED.labels(reason=reason).inc()
    original = value if value is not None else (msg.value if msg.value is not None else b"")
    key, clipped, clip_headers = limits.clip(key if key is not None else msg.key, original)
    sent = await deadletter_topic.send(
        key=key,
        value=clipped,
        headers={**deadletter.headers(reason, detail, source), **clip_headers},
    )
    log.warning("dead letter %s: %s (%s)", source, reason, detail[:200])
    return sent
