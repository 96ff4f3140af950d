"""The topics a worker reads and writes, declared from configuration.

Every topic copydesk owns is ``internal``: the worker creates it with the configured
partitions and the derived record limit instead of leaving it to the broker's defaults.
"""

from __future__ import annotations

import faust

from stream.app import app, cfg, limits
from stream.kafka import ensure_limits
from stream.limits import topic_config


def _topic(key: str, **options) -> faust.TopicT:
    # internal=True: the worker creates its topics with the configured partitions and
    # policies instead of leaving them to the broker's auto-creation defaults.
    return app.topic(
        cfg.topics.name(key),
        partitions=cfg.topics.partitions(key),
        key_type=bytes,
        value_type=bytes,
        internal=True,
        config={**topic_config(limits), **options.pop("config", {})},
        **options,
    )


async def declare(*topics: faust.TopicT) -> None:
    """Create output topics before the first send; raise an existing one's record limit."""
    for topic in topics:
        await topic.maybe_declare()
    await ensure_limits(cfg, [t.get_topic_name() for t in topics], limits.topic_bytes)


items_topic = _topic("items")
prepared_topic = _topic("prepared")
dedup_topic = _topic("dedup")
duplicates_topic = _topic("duplicates")
story_events_topic = _topic("story_events")
story_state_topic = _topic("story_state", compacting=True)
deadletter_topic = _topic("deadletter")
actions_topic = _topic("actions")
alerts_topic = _topic("alerts")
