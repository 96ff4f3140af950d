"""What editors have ruled about items and stories, held on every later decision.

Rules live in a mapping (a dict in replay, a Faust table in the worker), JSON only, one
entry per item an action named (``item/<uri>``), so they survive a restart from the
changelog like the rest of the desk's state:

- ``apart``: uris and story ids the item is never in one story with;
- ``away``: stories the item was moved out of (it never drifts back);
- ``together``: uris it always shares a story with (either may arrive later);
- ``to``: a story id (or ``new``) an item not seen yet is to go to;
- ``kind``: the copy kind an editor gave it.

Story ids are read through merges (a story merged away stands for the one it went into).

>>> rules = Constraints({})
>>> rules.add("ap:2", apart="ap:1")
>>> rules.add("ap:1", apart="ap:2")
>>> rules.of("ap:2")["apart"], "ap:1" in rules.constrained
(['ap:1'], True)
>>> rules.barred("ap:2", story_of={"ap:1": "st-a"}.get, resolve={}.get)
{'st-a': 'ap:1'}
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

LISTS = ("apart", "away", "together", "actions")  # "actions": the ids of the actions that made them
ITEM = "item/"


class Constraints:
    def __init__(self, state: MutableMapping[str, dict]) -> None:
        self.state = state
        # uris with an apart or away rule: the only members a merge must check
        self.constrained: set[str] = set()

    def restore(self) -> None:
        for key, rule in self.state.items():
            if key.startswith(ITEM) and (rule.get("apart") or rule.get("away")):
                self.constrained.add(key[len(ITEM):])

    def of(self, uri: str) -> dict:
        return self.state.get(ITEM + uri) or {}

    def add(self, uri: str, **values) -> None:
        """Add to the item's lists (``apart``, ``away``, ``together``), set ``to`` or ``kind``.

        An item-item rule replaces its opposite: the latest word on a pair stands.
        """
        rule = {k: list(v) if isinstance(v, list) else v for k, v in self.of(uri).items()}
        for key, value in values.items():
            if key in LISTS:
                opposite = {"apart": "together", "together": "apart"}.get(key)  # the latest word stands
                if opposite and value in rule.get(opposite, []):
                    rule[opposite].remove(value)
                if value not in rule.setdefault(key, []):
                    rule[key].append(value)
            else:
                rule[key] = value
        if values.get("to") and values["to"] in rule.get("away", []):
            rule["away"].remove(values["to"])  # moved back by an editor: allowed again
        self.state[ITEM + uri] = rule
        if rule.get("apart") or rule.get("away"):
            self.constrained.add(uri)

    def barred(self, uri: str, story_of: Callable[[str], str | None], resolve: Callable[[str], str | None]) -> dict[str, str]:
        """Stories ``uri`` may not join, each with what bars it (a uri or a story id)."""
        rule = self.of(uri)
        out: dict[str, str] = {}
        for other in rule.get("apart", []) + rule.get("away", []):
            sid = resolve(other) or story_of(other)
            if sid:
                out.setdefault(sid, other)
        return out

    def target(self, uri: str, story_of: Callable[[str], str | None], resolve: Callable[[str], str | None]) -> tuple[str | None, str | None]:
        """Where an editor sent ``uri`` before it came: (story id or ``new``, the rule), else (None, None)."""
        rule = self.of(uri)
        to = rule.get("to")
        if to:
            return (to if to == "new" else resolve(to)), "move"
        for other in rule.get("together", []):
            sid = story_of(other)
            if sid:
                return sid, "together"
        return None, None

    def kind(self, uri: str) -> str | None:
        return self.of(uri).get("kind")

    def actions_of(self, uri: str) -> list[str]:
        return list(self.of(uri).get("actions", []))
