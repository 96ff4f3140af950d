"""Feeds the health monitor: is the broker answering, are this worker's partitions moving?

Every ``health.check_interval_s`` the worker asks the broker for the group's committed
offsets (which also proves the broker answers) and the end offsets of the input partitions
it holds. ``/health`` and the ``copydesk_consumer_lag`` metric read the result.
"""

from __future__ import annotations

import asyncio
import time

from stream.worker import metrics
from stream.app import app, cfg
from stream.worker.topics import items_topic, prepared_topic
from stream.health import HealthMonitor
from stream.kafka import committed_offsets

monitor = HealthMonitor(stall_s=cfg.health.stall_s, broker_timeout_s=cfg.health.broker_timeout_s)
INPUTS = {items_topic.get_topic_name(), prepared_topic.get_topic_name()}


def _name(tp) -> str:
    return f"{tp.topic}/{tp.partition}"


@app.task
async def first_check() -> None:
    """At start, not one interval later: /health answers as soon as the worker knows."""
    await check()


@app.timer(cfg.health.check_interval_s)
async def check_health() -> None:
    await check()


async def check() -> None:
    timeout = cfg.health.broker_timeout_s
    try:
        committed = await asyncio.wait_for(committed_offsets(cfg), timeout)
        held = [tp for tp in app.consumer.assignment() if tp.topic in INPUTS]
        ends = await asyncio.wait_for(app.consumer.highwaters(*held), timeout) if held else {}
    except Exception as exc:  # the broker is down or slow: that is what health reports
        monitor.broker_failed(f"{type(exc).__name__}: {exc}"[:300])
        return
    now = time.monotonic()
    monitor.broker_answered(now)
    monitor.offsets(
        now,
        committed={f"{t}/{p}": offset for (t, p), offset in committed.items()},
        ends={_name(tp): end for tp, end in ends.items()},
    )
    metrics.LAG.clear()
    for tp, lag in monitor.lag.items():
        topic, _, partition = tp.rpartition("/")
        metrics.LAG.labels(topic=topic, partition=partition).set(lag)


def report() -> tuple[bool, dict]:
    recovered = app.tables.recovery.completed.is_set()
    return monitor.report(time.monotonic(), recovered=recovered, rebalancing=bool(app.rebalancing))
