"""The Faust application: ``faust -A stream.app worker`` runs a copydesk worker.

This module builds the one ``app`` and does nothing else: the worker layer
(``stream.worker``: topics, agents with the tables they own, web views, metrics) imports it
and is found by Faust's autodiscovery when the worker starts; framework workarounds
(``stream.worker.workarounds``) are applied then too, never at import.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # models come from local directories only
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import faust  # noqa: E402

from stream import settings  # noqa: E402
from stream.limits import Limits  # noqa: E402

cfg = settings.current()
limits = Limits.of(cfg.input)  # every size limit, from input.max_item_bytes
datadir = settings.resolve(cfg.store.data_dir) / cfg.kafka.app_id


class Copydesk(faust.App):
    """faust.App with what a copydesk worker sets up as it starts (not at import)."""

    async def on_first_start(self) -> None:
        from stream import logfilter

        from stream.worker import workarounds

        datadir.mkdir(parents=True, exist_ok=True)  # Faust's own mkdir makes one level only
        logfilter.install(cfg.log.repeat_s)  # after the worker has set up logging
        workarounds.apply()
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
    autodiscover=["stream.worker"],
)
