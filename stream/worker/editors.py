"""Editors' actions: from ``desk.actions`` to the desk, in order with the items.

An action is checked here (a malformed record goes to the dead letter topic with the
reason, and never reaches the desk) and forwarded on ``copydesk.prepared``, the desk's one
input, so that it applies between the items it was given among, by whichever worker owns
the desk. The desk applies it (:meth:`stream.desk.Desk.act`), keeps it in its tables and
refuses one naming an unknown story (dead-lettered there, with the reason).
"""

from __future__ import annotations

import time

import orjson

from stream.actions import ActionError, parse_action
from stream.app import app, cfg
from stream.worker import handoff
from stream.worker.delivery import delivered, send, send_deadletter
from stream.worker.topics import actions_topic, deadletter_topic, declare, prepared_topic


@app.agent(actions_topic)
async def editors(stream):
    """Acknowledge an action only once it is on the desk's topic (or dead-lettered)."""
    await declare(deadletter_topic, prepared_topic)
    async for events in stream.noack_take(cfg.worker.batch_size, within=0.05):
        sent = [await forward(event) for event in events]
        await delivered(sent)
        for event in events:
            await stream.ack(event)


async def forward(event):
    msg = event.message
    try:
        parse_action(event.value if event.value is not None else b"")
    except ActionError as exc:
        return await send_deadletter(event, "bad_action", str(exc))
    source = f"{msg.topic}/{msg.partition}/{msg.offset}"
    return await send(prepared_topic, b"desk", handoff.pack_action(event.value, source), event)


async def submit(record: bytes) -> str:
    """Put one action record on ``desk.actions`` (the worker's HTTP endpoint); its id."""
    action = parse_action(record)  # ActionError: refused with the reason, nothing sent
    stamped = action.to_record()
    stamped.setdefault("time", round(time.time(), 3))  # when the editor acted
    fut = await actions_topic.send(key=action.id.encode(), value=orjson.dumps(stamped))
    await fut
    return action.id
