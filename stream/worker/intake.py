"""Intake: the stateless heavy work, on every worker, over its share of the input partitions.

Parse, normalise, MinHash signature and embedding for each record on ``wire.items``; the
result goes to the single-partition ``copydesk.prepared`` topic where the desk decides.
Bad input goes to the dead letter topic. No record stops the worker: an exception on one
record dead-letters that record (a failing model, after retries, its batch) and the stream
goes on. Only a broker that refuses our output stops the worker (see ``delivery``).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import traceback


from stream import failpoints
from stream.worker import handoff, metrics
from stream.worker.delivery import delivered, send, send_deadletter
from stream.worker.offsets import Record, guard
from stream.app import app, cfg
from stream.worker.topics import deadletter_topic, declare, items_topic, prepared_topic
from stream.dedup import fingerprint
from stream.wire import Item, Rejection
from stream.wire.parse import parse

log = logging.getLogger(__name__)
_encode = None  # loaded as the worker starts, in a thread
_encode_lock = threading.Lock()
EMBED_ATTEMPTS = 3
continuity = guard("intake")


def read(event) -> Item | Rejection:
    return parse(
        event.value if event.value is not None else b"",
        fallback_time=event.message.timestamp,
        max_item_bytes=cfg.input.max_item_bytes,
        max_body_chars=cfg.input.max_body_chars,
        max_nesting=cfg.input.max_nesting,
    )


def embed(items: list[Item]):
    return encoder()(items)


def encoder():
    """The configured encoder, loaded once (the model takes seconds to load)."""
    global _encode
    with _encode_lock:  # the start-up task and a first batch may both ask
        if _encode is None:
            from embeddings import item_encoder
            from embeddings.process import ProcessEncoder
            from stream.settings import encoder_config

            if cfg.embeddings.own_process:
                child = encoder_config(cfg).model_copy(update={"threads": cfg.embeddings.process_threads})
                _encode = ProcessEncoder("embeddings.loader:item_encoder", child)
            else:
                _encode = item_encoder(encoder_config(cfg))
    return _encode


async def embed_with_retry(items: list[Item]):
    """Vectors for ``items``; a failure is retried with backoff, then re-raised."""
    loop = asyncio.get_running_loop()
    for attempt in range(1, EMBED_ATTEMPTS + 1):
        try:
            return await loop.run_in_executor(None, embed, items)
        except Exception:
            if attempt == EMBED_ATTEMPTS:
                raise
            log.exception("embedding %d items failed (attempt %d of %d)", len(items), attempt, EMBED_ATTEMPTS)
            await asyncio.sleep(attempt)


def prepared(event, item: Item, sig, vector) -> bytes:
    """What the desk needs: the item as parsed here, its bytes, and the heavy parts."""
    msg = event.message
    return handoff.pack(item, sig, vector, msg.timestamp, key=msg.key, source=f"{msg.topic}/{msg.partition}/{msg.offset}")


async def prepare(events) -> list:
    """Send each event on (prepared or dead letter); return the pending deliveries."""
    sent, good = [], []
    for event in events:
        metrics.ITEMS_IN.inc()
        try:
            result = read(event)
        except Exception as exc:  # a parser bug must not stop the worker
            sent.append(await send_deadletter(event, "internal_error", _trace(exc)))
            continue
        if isinstance(result, Rejection):
            sent.append(await send_deadletter(event, result.reason, result.detail))
        else:
            await failpoints.stall_at(result.uri)
            good.append((event, result))
    if not good:
        return sent
    items = [item for _, item in good if not item.is_kill]
    try:
        vectors = await embed_with_retry(items) if items else []
    except Exception as exc:
        return sent + [await send_deadletter(e, "embedding_failed", _trace(exc)) for e, _ in good]
    by_uri = dict(zip((i.uri for i in items), vectors))
    try:
        signatures = fingerprint.item_signatures([item for _, item in good], cfg.dedup)
    except Exception as exc:
        return sent + [await send_deadletter(e, "internal_error", _trace(exc)) for e, _ in good]
    for (event, item), sig in zip(good, signatures):
        try:
            value = prepared(event, item, sig, by_uri.get(item.uri))
        except Exception as exc:
            sent.append(await send_deadletter(event, "internal_error", _trace(exc)))
            continue
        sent.append(await send(prepared_topic, b"desk", value, event))
    return sent


def _trace(exc: Exception) -> str:
    return f"{exc!r}\n{traceback.format_exc(limit=5)}"


@app.task
async def load_encoder() -> None:
    """Load the model as the worker starts: a wrong model path fails at once, not per item."""
    await asyncio.get_running_loop().run_in_executor(None, encoder)


@app.agent(items_topic)
async def intake(stream):
    """Acknowledge an input only once what it produced is on the broker.

    ``noack_take``: an event is acknowledged here and nowhere else, so a batch cut short
    (crash, shutdown, lost partition) is read again rather than committed unprocessed.
    """
    await declare(deadletter_topic, prepared_topic)
    async for events in stream.noack_take(cfg.worker.batch_size, within=0.05):
        started = time.perf_counter()
        events = [e for event in events for e in await continuity.check(event)]  # holes filled
        await delivered(await prepare(events))
        for event in events:
            if not isinstance(event, Record):  # read from a hole: not Faust's to acknowledge
                await stream.ack(event)
        metrics.STAGE.labels(stage="intake").observe((time.perf_counter() - started) / max(len(events), 1))
