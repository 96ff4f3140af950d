"""The Faust application: ``faust -A stream.app worker`` runs a copydesk worker.

One module-level ``app``; topics are declared here from configuration with explicit
partition counts; agents live in ``stream.agents`` beside the tables they own.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from local directories only
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import faust  # noqa: E402

from stream import settings  # noqa: E402

cfg = settings.current()
datadir = settings.resolve(cfg.store.data_dir) / cfg.kafka.app_id
datadir.mkdir(parents=True, exist_ok=True)

app = faust.App(
    cfg.kafka.app_id,
    broker=cfg.kafka.broker,
    store=cfg.store.table_store,
    datadir=str(datadir),
    processing_guarantee=cfg.kafka.processing_guarantee,
    broker_session_timeout=cfg.kafka.session_timeout_s,
    broker_heartbeat_interval=cfg.kafka.heartbeat_interval_s,
    topic_replication_factor=cfg.kafka.replication_factor,
    topic_partitions=cfg.topics.items_partitions,
    consumer_auto_offset_reset="earliest",
    web_bind=cfg.web.bind,
    web_host=cfg.web.bind,
    web_port=cfg.web.port,
    web_in_thread=False,
    key_serializer="raw",
    value_serializer="raw",
    autodiscover=False,
)


def _topic(key: str, **options) -> faust.TopicT:
    # internal=True: the worker creates its topics with the configured partitions and
    # policies instead of leaving them to the broker's auto-creation defaults.
    return app.topic(
        cfg.topics.name(key),
        partitions=cfg.topics.partitions(key),
        key_type=bytes,
        value_type=bytes,
        internal=True,
        **options,
    )


async def declare(*topics: faust.TopicT) -> None:
    """Create output topics before the first send (once per topic; a no-op after)."""
    for topic in topics:
        await topic.maybe_declare()


items_topic = _topic("items")
prepared_topic = _topic("prepared")
dedup_topic = _topic("dedup")
duplicates_topic = _topic("duplicates")
story_events_topic = _topic("story_events")
story_state_topic = _topic("story_state", compacting=True)
deadletter_topic = _topic("deadletter")

# Register agents, web views and metrics (they import `app` from here).
from stream.agents import desk, intake  # noqa: E402,F401
from stream import metrics, web  # noqa: E402,F401

metrics.install(app)
