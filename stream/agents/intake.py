"""Intake: the stateless heavy work, on every worker, one stream per input partition.

Parse, normalise, MinHash signature and embedding for each record on ``wire.items``; the
result goes to the single-partition ``copydesk.prepared`` topic where the desk decides.
Bad input goes to the dead letter topic. Nothing here stops the worker: an exception on
one record dead-letters that record and the stream goes on.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
import traceback

import orjson

from stream import deadletter, metrics
from stream.app import app, cfg, deadletter_topic, declare, items_topic, prepared_topic
from stream.dedup import fingerprint
from stream.wire import Item, Rejection
from stream.wire.parse import parse

log = logging.getLogger(__name__)
_encode = None  # loaded on first use, in a thread: the model takes seconds to load


async def send_deadletter(event, reason: str, detail: str) -> None:
    msg = event.message
    metrics.REJECTED.labels(reason=reason).inc()
    await deadletter_topic.send(
        key=msg.key,
        value=msg.value if msg.value is not None else b"",
        headers=deadletter.headers(reason, detail, msg.topic, msg.partition, msg.offset),
    )
    log.warning("dead letter %s/%s/%s: %s (%s)", msg.topic, msg.partition, msg.offset, reason, detail[:200])


def read(event) -> Item | Rejection:
    return parse(
        event.value if event.value is not None else b"",
        fallback_time=event.message.timestamp,
        max_item_bytes=cfg.input.max_item_bytes,
        max_body_chars=cfg.input.max_body_chars,
    )


def embed(items: list[Item]):
    global _encode
    if _encode is None:
        from stream.replay import encoder_for

        _encode = encoder_for(cfg)
    return _encode(items)


def prepared(event, item: Item, sig, vector) -> bytes:
    """What the desk needs: the original record (re-parsed there, cheaply) and the heavy parts."""
    return orjson.dumps(
        {
            "raw": event.value.decode("utf-8"),
            "time": item.time,
            "sig": base64.b64encode(fingerprint.to_bytes(sig)).decode(),
            "vec": base64.b64encode(vector.astype("float32").tobytes()).decode() if vector is not None else None,
            "received": event.message.timestamp,
        }
    )


@app.agent(items_topic)
async def intake(stream):
    await declare(deadletter_topic, prepared_topic)
    loop = asyncio.get_running_loop()
    async for events in stream.take_events(cfg.embeddings.batch_size, within=0.05):
        started = time.perf_counter()
        good: list[tuple] = []
        for event in events:
            metrics.ITEMS_IN.inc()
            try:
                result = read(event)
            except Exception as exc:  # a parser bug must not stop the worker
                await send_deadletter(event, "internal_error", f"{exc!r}\n{traceback.format_exc(limit=5)}")
                continue
            if isinstance(result, Rejection):
                await send_deadletter(event, result.reason, result.detail)
            else:
                good.append((event, result))
        if not good:
            continue
        items = [item for _, item in good if not item.is_kill]
        vectors = await loop.run_in_executor(None, embed, items) if items else []
        by_uri = dict(zip((i.uri for i in items), vectors))
        signatures = fingerprint.item_signatures([item for _, item in good], cfg.dedup)
        for (event, item), sig in zip(good, signatures):
            try:
                value = prepared(event, item, sig, by_uri.get(item.uri))
            except Exception as exc:
                await send_deadletter(event, "internal_error", f"{exc!r}\n{traceback.format_exc(limit=5)}")
                continue
            await prepared_topic.send(key=b"desk", value=value)
        metrics.STAGE.labels(stage="intake").observe((time.perf_counter() - started) / len(events))
