"""Editor actions: what the desk tells copydesk about its stories, as typed records.

One JSON object per action (a line of a ``--actions`` file, a record on ``desk.actions``).
Every action has ``action``, ``who`` and ``why``; ``time`` (ISO 8601 or epoch seconds) is
optional, and ``id`` is the record's own or, when absent, derived from its content, so the
same record sent twice is one action. The rest depends on the action:

=========  =======================================  ==========================================
action     fields                                   effect
=========  =======================================  ==========================================
merge      ``story``, ``into`` (or ``stories``:     ``story`` joins ``into`` and redirects to
           ``[story, into]``)                       it (``merged_into``)
move       ``uri``, ``to``: a story id or ``new``   the item leaves its story for good
apart      ``uri``, ``with``: a uri or a story id   never in one story
together   ``uri``, ``with``: a uri                 always in one story (either may come later)
pin        ``story``, ``headline`` (null: unpin)    the headline stays until unpinned
rekind     ``uri``, ``kind``: ``news``, ``advisory``  the item is copy of that kind
=========  =======================================  ==========================================

>>> a = parse_action('{"action": "move", "uri": "ap:1", "to": "new", "who": "kim", "why": "other fire"}')
>>> a.action, a.uri, a.to, a.id == parse_action(a.to_record()).id, a.id.startswith("act-")
('move', 'ap:1', 'new', True, True)
>>> parse_action({"action": "merge", "stories": ["st-a", "st-b"], "who": "kim"}).into
'st-b'
>>> parse_action({"action": "pin", "story": "st-a", "who": "kim"})
Traceback (most recent call last):
...
stream.actions.ActionError: pin: missing field 'headline'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime

import orjson

from stream.wire.kinds import KINDS

NEW = "new"  # move's target: a story of its own
# For each action, the fields it needs (besides who/why/time/id).
FIELDS = {
    "merge": ("story", "into"),
    "move": ("uri", "to"),
    "apart": ("uri", "with"),
    "together": ("uri", "with"),
    "pin": ("story", "headline"),
    "rekind": ("uri", "kind"),
}
COMMON = ("action", "who", "why", "time", "id")


class ActionError(ValueError):
    """A record that is no action, or one that cannot be applied; the message says why."""


@dataclass(frozen=True)
class Action:
    action: str
    who: str
    why: str = ""
    time: float | None = None  # when it stands from (epoch seconds); None: from the start
    id: str = ""
    story: str | None = None  # merge, pin
    into: str | None = None  # merge
    uri: str | None = None  # move, apart, together, rekind
    to: str | None = None  # move
    with_: str | None = None  # apart, together ("with" in JSON)
    headline: str | None = None  # pin (None: unpin)
    kind: str | None = None  # rekind

    def to_record(self) -> dict:
        """The JSON form, as :func:`parse_action` reads it (only the fields in use)."""
        out = {("with" if k == "with_" else k): v for k, v in asdict(self).items()}
        keep = set(COMMON) | set(FIELDS[self.action])
        return {k: v for k, v in out.items() if k in keep and (v is not None or k == "headline")}


def parse_action(data: dict | str | bytes) -> Action:
    """One record as an :class:`Action`; raise :class:`ActionError` saying what is wrong."""
    doc = json_object(data)
    name = doc.get("action")
    if name not in FIELDS:
        raise ActionError(f"unknown action {name!r} (one of {', '.join(FIELDS)})")
    if name == "merge" and "stories" in doc:
        doc = {**_pair(doc), **{k: v for k, v in doc.items() if k != "stories"}}
    values = {f: _field(doc, name, f) for f in FIELDS[name]}
    who = _text(doc, name, "who")
    if name == "rekind" and values["kind"] not in KINDS:
        raise ActionError(f"rekind: kind {values['kind']!r} is none of {', '.join(KINDS)}")
    if name in ("apart", "together") and values["uri"] == values["with"]:
        raise ActionError(f"{name}: an item is always with itself")
    if name == "merge" and values["story"] == values["into"]:
        raise ActionError("merge: a story cannot merge into itself")
    values["with_"] = values.pop("with", None)
    why = doc.get("why") or ""
    if not isinstance(why, str):
        raise ActionError(f"{name}: 'why' must be text")
    action = Action(action=name, who=who, why=why, time=parse_time(doc.get("time")), **values)
    given = doc.get("id")
    if given is not None and (not isinstance(given, str) or not given.strip()):
        raise ActionError(f"{name}: 'id' must be non-empty text")
    return Action(**{**asdict(action), "id": given or content_id(action)})


def content_id(action: Action) -> str:
    """Stable id of a record without one: a hash of what it says (the same record, one action)."""
    body = {k: v for k, v in action.to_record().items() if k != "id"}
    return "act-" + hashlib.blake2b(orjson.dumps(body, option=orjson.OPT_SORT_KEYS), digest_size=8).hexdigest()


def parse_time(value) -> float | None:
    """ISO 8601 (``2016-06-04T13:05:00Z``) or epoch seconds; None when absent."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            if when.tzinfo is None:
                raise ActionError(f"time {value!r} has no time zone (add Z or +00:00)")
            return when.timestamp()
    raise ActionError(f"time {value!r} is neither ISO 8601 nor epoch seconds")


def read_actions(lines: Iterable[bytes | str]) -> Iterator[tuple[int, Action | ActionError]]:
    """Each non-blank line's number and its action, or the error that says why it is none."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield n, parse_action(line)
        except ActionError as exc:
            yield n, exc


def json_object(data) -> dict:
    """``data`` (JSON text or already a dict) as a dict; :class:`ActionError` if it is not one."""
    if isinstance(data, (str, bytes)):
        try:
            data = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise ActionError(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ActionError("an action is a JSON object")
    return data


def _pair(doc: dict) -> dict:
    stories = doc["stories"]
    if not (isinstance(stories, list) and len(stories) == 2):
        raise ActionError("merge: 'stories' must be two story ids: [story, into]")
    return {"story": stories[0], "into": stories[1]}


def _field(doc: dict, name: str, key: str):
    if name == "pin" and key == "headline":
        if key not in doc:
            raise ActionError(f"{name}: missing field {key!r}")
        value = doc[key]
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ActionError("pin: 'headline' must be text (null unpins)")
        return value.strip() if value else None
    return _text(doc, name, key)


def _text(doc: dict, name: str, key: str) -> str:
    if key not in doc or doc[key] is None:
        raise ActionError(f"{name}: missing field {key!r}")
    value = doc[key]
    if not isinstance(value, str) or not value.strip():
        raise ActionError(f"{name}: {key!r} must be non-empty text")
    return value.strip()
