"""Why the join model scored an item as it did against one story: each feature's part.

The model is trees, whose features interact, so there is no exact additive split that is
also simple. copydesk reports an ablation: a feature's contribution is the probability
the model gives minus the probability it gives when that one feature alone takes its value
for :data:`BASELINE`, a story the item has nothing in common with (no shared vector
direction, words, names, figures or credits) that was just founded by one item in the
item's language. A positive contribution is how much that feature raised the probability
above what an unrelated story would get for it; the parts do not sum to the total.

>>> from stream.stories.model import FORMAT, JoinModel
>>> from stream.stories.features import FEATURES
>>> tree = {"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
...         "leaf": [False, True, True], "value": [0.0, -2.0, 2.0]}
>>> model = JoinModel.from_dict({"format": FORMAT, "version": "t", "features": list(FEATURES),
...                              "baseline": 0.0, "threshold": 0.5, "trees": [tree]})
>>> row = [0.9] + [0.0] * (len(FEATURES) - 1)
>>> parts = contributions(model, row)
>>> parts["cosine"], parts["names"]
(0.7616, 0.0)
"""

from __future__ import annotations

import math

import numpy as np

from stream.stories.features import FEATURES

# The values an item shows against an unrelated story, just founded, in its own language.
BASELINE = {name: 0.0 for name in FEATURES} | {"size_log": math.log1p(1), "same_language": 1.0, "lexical_comparable": 1.0}


def contributions(model, row: list[float]) -> dict[str, float]:
    """Each feature's contribution to the probability of ``row`` (see the module docstring)."""
    rows = np.tile(np.asarray(row, dtype=np.float64), (len(FEATURES) + 1, 1))
    for i, name in enumerate(FEATURES):
        rows[i + 1, i] = BASELINE[name]
    probs = model.probabilities(rows)
    return {name: round(float(probs[0] - probs[i + 1]), 4) for i, name in enumerate(FEATURES)}


TOP = 3  # feature contributions a timeline entry keeps


def compact(why: dict) -> dict:
    """The part of a ``why`` a story's timeline keeps per item: the rule, the decision, the
    probability against the boundary and the ``TOP`` strongest contributions (the whole of it
    is on the item's ``item_added`` event and in ``copydesk explain``).

    >>> compact({"rule": "model", "decision": "joined", "probability": 0.91, "boundary": 0.6,
    ...          "contributions": {"cosine": 0.4, "names": -0.1, "gap_hours": 0.05, "figures": 0.0}})
    {'rule': 'model', 'decision': 'joined', 'probability': 0.91, 'boundary': 0.6, 'top': [['cosine', 0.4], ['names', -0.1], ['gap_hours', 0.05]]}
    """
    out = {k: why[k] for k in ("rule", "decision", "probability", "boundary", "constraint", "action", "dup_kind",
                               "dup_of", "key") if why.get(k) is not None}
    parts = why.get("contributions") or {}
    if parts:
        out["top"] = [[k, v] for k, v in sorted(parts.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:TOP]]
    return out


def describe(why: dict) -> list[str]:
    """A placement's ``why`` as lines for a person (``copydesk explain``)."""
    rule = why.get("rule")
    lines = [f"decided by: {RULES.get(rule, rule)}"]
    if why.get("action"):
        lines.append(f"  editor action {why['action']} ({why.get('constraint', '')})")
    if why.get("dup_of"):
        lines.append(f"  {why.get('dup_kind')} of {why['dup_of']}")
    if "probability" in why:
        verdict = ">=" if why["probability"] >= why["boundary"] else "<"
        lines.append(f"  best candidate {why.get('best')}: p = {why['probability']:.3f} {verdict} "
                     f"join_probability {why['boundary']} -> {why['decision']}")
    for sid, p in why.get("candidates", []):
        lines.append(f"  candidate {sid}: p = {p:.3f}")
    for rule_name, sids in sorted(why.get("excluded", {}).items()):
        lines.append(f"  excluded by {RULES.get(rule_name, rule_name)}: {', '.join(sids)}")
    parts = why.get("contributions") or {}
    if parts:
        lines.append("  features (contribution to p against an unrelated new story):")
        for name, value in sorted(parts.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
            lines.append(f"    {name:20s} {value:+.3f}  (value {why['features'][name]:.3f})")
    return lines


RULES = {
    "model": "the join model",
    "dedup": "the duplicate window (copy follows its root item)",
    "kill": "a kill (follows the copy it retracts)",
    "template": "the template rule (kind, agency, subject, same day)",
    "ticker": "the ticker rule (copy about one company)",
    "editor": "an editor action",
}
