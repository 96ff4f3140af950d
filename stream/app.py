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
from stream.limits import Limits, topic_config  # noqa: E402

cfg = settings.current()
limits = Limits.of(cfg.input)  # every size limit, from input.max_item_bytes
datadir = settings.resolve(cfg.store.data_dir) / cfg.kafka.app_id


class Copydesk(faust.App):
    """faust.App with what a copydesk worker sets up as it starts (not at import)."""

    async def on_first_start(self) -> None:
        from stream import logfilter

        datadir.mkdir(parents=True, exist_ok=True)  # Faust's own mkdir makes one level only
        logfilter.install(cfg.log.repeat_s)  # after the worker has set up logging
        await super().on_first_start()

    def on_webserver_init(self, web) -> None:
        from stream import security

        web.web_app.middlewares.append(security.middleware(security.API_CSP))


app = Copydesk(
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
    # Faust's own pages would show the topology and table contents to anyone on the port.
    web_router_enabled=False,
    web_tables_enabled=False,
    web_graph_enabled=False,
    web_stats_enabled=False,
    # Records up to the derived limit, everywhere one could be refused.
    producer_max_request_size=limits.topic_bytes,
    consumer_max_fetch_size=limits.topic_bytes,
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
        config={**topic_config(limits), **options.pop("config", {})},
        **options,
    )


async def declare(*topics: faust.TopicT) -> None:
    """Create output topics before the first send; raise an existing one's record limit."""
    from stream.kafka import ensure_limits

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

# Register agents, web views and metrics (they import `app` from here).
from stream.agents import desk, health, intake  # noqa: E402,F401
from stream import metrics, web  # noqa: E402,F401

metrics.install(app)
