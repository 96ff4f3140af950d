"""Reading ``stories.state`` as a compacted view: the latest snapshot of every story."""

from __future__ import annotations

import orjson

from stream.kafka import reader, rewind
from stream.tools.produce import partitions, stop
from stream.settings import Settings


async def read_state(cfg: Settings) -> dict[str, dict]:
    """Every story's latest snapshot, read from the beginning up to the current end offsets.

    Tombstones (purged stories) remove their key, as compaction eventually will.
    """
    parts = await partitions(cfg, ["story_state"])
    if not parts:
        return {}
    consumer = reader(cfg)
    await consumer.start()
    latest: dict[bytes, bytes | None] = {}
    try:
        consumer.assign(parts)
        ends = await consumer.end_offsets(parts)
        starts = await consumer.beginning_offsets(parts)
        await rewind(consumer, parts)
        # Not "end > 0": retention or compaction can leave start == end > 0, nothing to read.
        todo = {tp for tp in parts if ends[tp] > starts[tp]}
        while todo:
            for tp, records in (await consumer.getmany(*todo, timeout_ms=1000)).items():
                for r in records:
                    latest[r.key] = r.value
            todo = {tp for tp in todo if await consumer.position(tp) < ends[tp]}
    finally:
        await stop(consumer)
    return {k.decode(): orjson.loads(v) for k, v in latest.items() if v is not None}


def table(stories: dict[str, dict]) -> str:
    """A desk-readable listing, newest activity first."""
    rows = sorted(stories.values(), key=lambda s: s["updated"], reverse=True)
    lines = [f"{len(rows)} stories"]
    for s in rows:
        if s["status"] == "merged":
            continue
        c = s["counts"]
        first = s.get("first_report") or {}
        lines.append(
            f"{s['id']}  {s['status']:<8} {c['items']:3d} items ({c['version']} versions, {c['rewrite']} rewrites)"
            f"  first: {first.get('agency') or '-':<8} [{', '.join(s['agencies'] + s['publishers'])}]  {s['headline'][:80]}"
        )
    return "\n".join(lines)
