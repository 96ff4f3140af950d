"""``copydesk explain``: an item's decision, and why, as the desk recorded it.

>>> from stream import settings
>>> from stream.desk import Desk
>>> from stream.wire import parse
>>> desk = Desk(settings.load())
>>> _ = desk.process([parse('{"uri": "ap:1", "copyrightholder": "AP", "headline": "Dock strike", "body_text": "Rotterdam dockers walked out."}')])
>>> print(explanation(desk, "ap:1").splitlines()[0])
ap:1: new in story st-...
"""

from __future__ import annotations

from stream.stories.explain import describe


def explanation(desk, uri: str) -> str | None:
    """Lines saying where ``uri`` went, by which rule, and the model's reasons; None if unknown."""
    entry = desk.items.get(uri)
    if entry is None:
        return None
    lines = _decision(uri, entry)
    now = desk.clusterer.story_of(uri)
    if now and now != entry["out"].get("story_id"):
        lines.insert(2, f"  now in story {now}")
    rules = desk.rules.of(uri)
    for key in ("apart", "away", "together", "to", "kind"):
        if rules.get(key):
            lines.append(f"  editor rule {key}: {rules[key]}")
    return "\n".join(lines)


def from_worker(body: dict) -> str:
    """The same lines from a worker's ``/explain`` answer."""
    return "\n".join(_decision(body["uri"], body))


def _decision(uri: str, entry: dict) -> list[str]:
    out = entry["out"]
    lines = [f"{uri}: {out.get('member') or out['kind']} in story {out.get('story_id')}"
             f" ({out.get('copy_kind')}, {out.get('agency') or out.get('holder') or '-'})",
             f"  headline: {out.get('headline')}"]
    lines += describe(entry.get("why") or {"rule": "dedup" if out.get("dup_kind") else "unknown"})
    for event in entry.get("events") or []:
        if event["type"] == "uses_killed":
            lines.append(f"  uses killed copy: {event['killed']}")
    return lines
