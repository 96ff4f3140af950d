"""Reading ``stories.state`` as a compacted view: the latest snapshot of every story."""

from __future__ import annotations

import orjson

from stream.kafka import read_to_end
from stream.settings import Settings


async def read_state(cfg: Settings) -> dict[str, dict]:
    """Every story's latest snapshot, read from the beginning up to the current end offsets.

    Tombstones (purged stories) remove their key, as compaction eventually will.
    """
    latest = {r.key: r.value for r in await read_to_end(cfg, ["story_state"])}
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
