"""What every benchmark module shares."""

from __future__ import annotations

import json
from pathlib import Path


def save_json(path: Path | None, result: dict) -> None:
    """Write a benchmark's figures to ``path`` (``--json``), if one was given."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2))
