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
    out = entry["out"]
    lines = [f"{uri}: {out.get('member') or out['kind']} in story {out.get('story_id')}"
             f" ({out.get('copy_kind')}, {out.get('agency') or out.get('holder') or '-'})",
             f"  headline: {out.get('headline')}"]
    now = desk.clusterer.story_of(uri)
    if now and now != out.get("story_id"):
        lines.append(f"  now in story {now}")
    lines += describe(entry.get("why") or {"rule": "dedup" if out.get("dup_kind") else "unknown"})
    rules = desk.rules.of(uri)
    for key in ("apart", "away", "together", "to", "kind"):
        if rules.get(key):
            lines.append(f"  editor rule {key}: {rules[key]}")
    for event in entry.get("events", []):
        if event["type"] == "uses_killed":
            lines.append(f"  uses killed copy: {event['killed']}")
    return "\n".join(lines)
