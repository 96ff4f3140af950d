"""What a new version changed: paragraphs added, removed, changed (paired) and moved.

Paragraph lists are aligned with :class:`difflib.SequenceMatcher` on paragraph hashes (of the
normalised text); inside a replaced block, old and new paragraphs are paired greedily by word
similarity, so an edited paragraph shows as *changed* (old, new) rather than as one removed and
one added. A paragraph that only moved is reported as moved, not as removed + added.

>>> old = ["Syrian forces entered Raqqa province.", "The monitor said 26 were killed.", "More follows."]
>>> new = ["Syrian forces entered Raqqa province on Saturday.", "The monitor said 26 were killed.",
...        "Kerry called Lavrov."]
>>> rev = diff(old, new, base="ap:1")
>>> rev.counts()
{'added': 1, 'removed': 1, 'changed': 1, 'moved': 0, 'unchanged': 1}
>>> rev.changed[0][1]
'Syrian forces entered Raqqa province on Saturday.'
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from stream.dedup.fingerprint import WORD, paragraph_hashes

#: Two paragraphs of a replaced block with at least this word similarity are one *changed*
#: paragraph; below it they are unrelated (one removed, one added).
PAIR_RATIO = 0.5
# Largest replaced block paired by similarity (old x new comparisons); bigger blocks, e.g. a
# complete rewrite, are reported as removed + added without pairing, to bound the cost.
_MAX_PAIRINGS = 400


@dataclass(frozen=True, slots=True)
class Revision:
    """The difference from ``base`` (the previous version) to the new version."""

    base: str  # uri of the version compared against
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, str], ...] = ()  # (old, new)
    moved: tuple[str, ...] = ()
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
            "moved": len(self.moved),
            "unchanged": self.unchanged,
        }

    def to_dict(self) -> dict:
        return {
            "base": self.base,
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [list(pair) for pair in self.changed],
            "moved": list(self.moved),
            "unchanged": self.unchanged,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Revision:
        """Inverse of :meth:`to_dict`.

        >>> rev = diff(["a b"], ["a c"], base="x")
        >>> Revision.from_dict(rev.to_dict()) == rev
        True
        """
        return cls(
            base=data["base"],
            added=tuple(data["added"]),
            removed=tuple(data["removed"]),
            changed=tuple((old, new) for old, new in data["changed"]),
            moved=tuple(data["moved"]),
            unchanged=data["unchanged"],
        )


def diff(
    old: Sequence[str],
    new: Sequence[str],
    *,
    base: str,
    old_keys: Sequence[int] | None = None,
    new_keys: Sequence[int] | None = None,
) -> Revision:
    """Compare two versions' paragraphs.

    ``old`` and ``new`` are the texts reported; ``old_keys`` / ``new_keys`` are what is aligned
    (hashes of the normalised paragraphs; by default the hashes of the texts themselves).
    """
    old_keys = paragraph_hashes(old) if old_keys is None else old_keys
    new_keys = paragraph_hashes(new) if new_keys is None else new_keys
    added: list[str] = []
    removed: list[str] = []
    changed: list[tuple[str, str]] = []
    unchanged = 0
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            unchanged += i2 - i1
        elif op == "delete":
            removed.extend(old[i1:i2])
        elif op == "insert":
            added.extend(new[j1:j2])
        else:
            pairs, gone, came = _pair(old[i1:i2], new[j1:j2])
            changed.extend(pairs)
            removed.extend(gone)
            added.extend(came)
    moved = _moved(removed, added)
    return Revision(
        base=base,
        added=tuple(p for p in added if p not in moved),
        removed=tuple(p for p in removed if p not in moved),
        changed=tuple(changed),
        moved=tuple(sorted(moved, key=added.index)),
        unchanged=unchanged,
    )


def _moved(removed: list[str], added: list[str]) -> set[str]:
    """Paragraphs that left one place and reappear verbatim elsewhere."""
    return set(removed) & set(added)


def _pair(old: Sequence[str], new: Sequence[str]):
    """Pair the paragraphs of a replaced block; returns (pairs, unpaired old, unpaired new)."""
    if len(old) * len(new) > _MAX_PAIRINGS:
        return [], list(old), list(new)
    old_words = [WORD.findall(p.lower()) for p in old]
    new_words = [WORD.findall(p.lower()) for p in new]
    scored = []
    for i, ow in enumerate(old_words):
        for j, nw in enumerate(new_words):
            ratio = SequenceMatcher(None, ow, nw, autojunk=False).ratio()
            if ratio >= PAIR_RATIO:
                scored.append((-ratio, i, j))
    scored.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _, i, j in scored:  # best pairs first: greedy one-to-one matching
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j))
    pairs.sort()
    return (
        [(old[i], new[j]) for i, j in pairs],
        [p for i, p in enumerate(old) if i not in used_old],
        [p for j, p in enumerate(new) if j not in used_new],
    )
