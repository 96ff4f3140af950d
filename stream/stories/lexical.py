"""Lexical evidence: content terms, anchors, and document frequencies over the window.

Terms are the content words of the headline (counted twice: it says what the story is)
and the first paragraphs. Anchors are the language-independent signals: numbers and
names, which survive translation and rewriting better than wording does.

>>> df = DocFreq()
>>> df.add({"raqqa", "offensive"}); df.add({"offensive", "budget"})
>>> round(df.idf("raqqa"), 3) > round(df.idf("offensive"), 3)
True
>>> cosine({"a": 1.0, "b": 1.0}, {"a": 1.0})
0.7071067811865475
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from stream.wire import Item

WORD = re.compile(r"[^\W\d_]{3,}")
LEAD_PARAGRAPHS = 4

# Function words of the feed's main languages, plus verbs of reporting every item has.
STOPWORDS = frozenset(
    """
    the and for that with from this have has had was were are been being will would could
    should can may might must not but its his her their they them there here who whom whose
    which what when where why how all any some more most other such than then also into onto
    over under after before about against between during without within while said says say
    told according reported report reports new one two three first last year years week
    monday tuesday wednesday thursday friday saturday sunday today yesterday
    der die das und ein eine einer eines dem den des ist sind war wurde werden hat haben mit
    von für auf bei nach aus wie auch nicht sich sie ihr ihre sagte
    les des une est dans pour par sur avec qui que pas plus ont été
    """.split()
)


def terms(item: Item) -> Counter:
    """Content-word counts of the headline (double weight) and the lead paragraphs."""
    counts: Counter = Counter()
    for word in WORD.findall(item.norm_headline):
        if word not in STOPWORDS:
            counts[word] += 2
    for paragraph in item.norm_paragraphs[:LEAD_PARAGRAPHS]:
        for word in WORD.findall(paragraph):
            if word not in STOPWORDS:
                counts[word] += 1
    return counts


def anchors(item: Item) -> set[str]:
    """Numbers and names, prefixed so they never collide with plain terms."""
    return {f"#{n}" for n in item.numbers} | {f"@{n}" for n in item.names}


class DocFreq:
    """Document frequencies over the items in the window, for IDF weights."""

    def __init__(self) -> None:
        self.docs = 0
        self.df: Counter = Counter()

    def add(self, keys: Iterable[str]) -> None:
        self.docs += 1
        self.df.update(set(keys))

    def remove(self, keys: Iterable[str]) -> None:
        self.docs = max(0, self.docs - 1)
        for key in set(keys):
            left = self.df[key] - 1
            if left > 0:
                self.df[key] = left
            else:
                del self.df[key]

    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def weigh(self, counts: Mapping[str, float]) -> dict[str, float]:
        return {k: (1.0 + math.log(v)) * self.idf(k) for k, v in counts.items() if v > 0}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(k, 0.0) for k, w in a.items())
    if dot == 0.0:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def containment(keys: Iterable[str], pool: Mapping[str, object], df: DocFreq) -> float:
    """IDF-weighted share of ``keys`` found in ``pool``: rare shared anchors count most."""
    total = shared = 0.0
    for key in keys:
        weight = df.idf(key)
        total += weight
        if key in pool:
            shared += weight
    return shared / total if total else 0.0
