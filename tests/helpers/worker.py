"""Reading a real worker's outputs: decisions, the latest story states, event ids."""

from __future__ import annotations

import time
from collections import Counter

import orjson

from stream.tools.harness import Run


def decisions(records) -> list[dict]:
    return [orjson.loads(r.value) for r in records if r.value is not None]


def latest_state(run: Run, timeout: float = 30, settle: float = 3.0) -> dict[str, dict]:
    """stories.state as a compacted view: the latest snapshot per story id (tombstones delete),
    once no new snapshot has come for ``settle`` seconds (the worker may still be writing)."""
    seen: dict[bytes, bytes | None] = {}
    marks = {"n": -1, "t": time.monotonic()}

    def settled(records) -> bool:
        if len(records) != marks["n"]:
            marks["n"], marks["t"] = len(records), time.monotonic()
        return time.monotonic() - marks["t"] > settle

    for r in run.consume(["story_state"], until=settled, timeout=timeout):
        seen[r.key] = r.value
    return {k.decode(): orjson.loads(v) for k, v in seen.items() if v is not None}


def assert_event_ids_identify_events(events: list[dict]) -> None:
    """An id seen twice is the same event sent again (drop it); a story is created once."""
    by_id: dict[str, dict] = {}
    for e in events:
        assert by_id.setdefault(e["id"], e) == e, f"two different events share the id {e['id']}"
    created = Counter(e["story_id"] for e in by_id.values() if e["type"] == "created")
    assert set(created.values()) == {1}
