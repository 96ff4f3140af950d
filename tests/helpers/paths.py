"""Where things are: the repo, the development data, the DW rewrite as a FORMAT item."""

from __future__ import annotations

import os
from pathlib import Path

from stream.tools.harness import free_ports  # noqa: F401 - the tests' free ports, from the harness

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = Path(os.environ.get("COPYDESK_SHARED_DATA", ROOT.parent / "shared" / "data"))


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
