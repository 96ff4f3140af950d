"""How the desk applies one editor action: check it against the stories, store the rule,
change the stories now (:mod:`stream.stories.editing`), and say so in events.

Each action first gets an ``action`` event (who, why, what) on the story it concerns, then
one event per effect (``item_moved``, ``merged``/``merged_into``, ``headline_pinned``,
``kind_changed``...), each naming the action's id. An action about items not seen yet
touches no story: its ``action`` event has ``story_id`` null and the id ``<action id>:1``.
"""

from __future__ import annotations

from stream.actions import NEW, Action, ActionError
from stream.stories import editing
from stream.stories.cluster import Placement, StoryClusterer
from stream.stories.constraints import Constraints


def apply(c: StoryClusterer, rules: Constraints, action: Action) -> Placement:
    """Apply ``action``; the placement collects its events and the stories it changed.
    Raise :class:`ActionError` (and change nothing) when it names a story that is not there."""
    placement = Placement(story_id="", kind="action")
    HANDLERS[action.action](c, rules, action, placement)
    return placement


def _story(c: StoryClusterer, sid: str, field: str, action: Action) -> str:
    found = c.resolve(sid)
    if found is None:
        raise ActionError(f"{action.action}: unknown story id {sid!r} ({field})")
    return found


def audit(c: StoryClusterer, action: Action, sid: str | None, placement: Placement) -> None:
    """The action itself, as the first event: the desk's audit trail."""
    fields = {"action": action.action, "action_id": action.id, "who": action.who, "why": action.why,
              "record": action.to_record()}
    if sid is None:
        when = c.now if c.now != float("-inf") else None
        placement.events.append({"id": f"{action.id}:1", "type": "action", "story_id": None, "time": when, **fields})
    else:
        placement.events.append(c._story_event("action", c.stories[sid], **fields))
        placement.changed.add(sid)


def _merge(c, rules, action: Action, placement: Placement) -> None:
    gone, keep = _story(c, action.story, "story", action), _story(c, action.into, "into", action)
    audit(c, action, keep, placement)
    if gone != keep:  # already one story (merged since): nothing to do
        editing.merge(c, gone, keep, placement, action.id)


def _move(c, rules: Constraints, action: Action, placement: Placement) -> None:
    to = None if action.to == NEW else _story(c, action.to, "to", action)
    now = c.story_of(action.uri)
    audit(c, action, now or to, placement)
    rules.add(action.uri, to=to or NEW, actions=action.id)
    if now is None or now == to:
        return  # not seen yet (it goes there when it comes), or already there
    rules.add(action.uri, away=now)
    moved = editing.move(c, action.uri, to, placement, action.id, new_id=editing.new_story_id(action.uri, action.id))
    rules.add(action.uri, to=moved)


def _apart(c, rules: Constraints, action: Action, placement: Placement) -> None:
    other = action.with_
    story_rule = other in c.stories or other.startswith("st-") and c.story_of(other) is None
    if story_rule:
        other = _story(c, other, "with", action)
    now = c.story_of(action.uri)
    audit(c, action, now or (other if story_rule else c.story_of(other)), placement)
    rules.add(action.uri, apart=other, actions=action.id)
    if not story_rule:
        rules.add(other, apart=action.uri, actions=action.id)
    if now is not None and now == (other if story_rule else c.story_of(other)):
        editing.move(c, action.uri, None, placement, action.id, new_id=editing.new_story_id(action.uri, action.id))


def _together(c, rules: Constraints, action: Action, placement: Placement) -> None:
    mine, theirs = c.story_of(action.uri), c.story_of(action.with_)
    audit(c, action, mine or theirs, placement)
    rules.add(action.uri, together=action.with_, actions=action.id)
    rules.add(action.with_, together=action.uri, actions=action.id)
    if mine and theirs and mine != theirs and theirs not in rules.barred(action.uri, c.story_of, c.resolve):
        editing.move(c, action.uri, theirs, placement, action.id)


def _pin(c, rules, action: Action, placement: Placement) -> None:
    sid = _story(c, action.story, "story", action)
    audit(c, action, sid, placement)
    editing.pin(c, sid, action.headline, placement, action.id)


def _rekind(c, rules: Constraints, action: Action, placement: Placement) -> None:
    now = c.story_of(action.uri)
    audit(c, action, now, placement)
    rules.add(action.uri, kind=action.kind, actions=action.id)
    if now is not None:
        editing.rekind(c, action.uri, action.kind, placement, action.id)


HANDLERS = {"merge": _merge, "move": _move, "apart": _apart, "together": _together, "pin": _pin, "rekind": _rekind}
