"""What an item brings to the story decision, computed once: words, names, figures, vector.

Words are weighted by how rare they are in their own language: the lower of two IDFs, one
from ``wordfreq``'s word frequencies (a background no single day's news can skew) and one
from the copy in the duplicate window (:class:`WindowFrequency`: a wire's own jargon,
"mln dlrs", "pct", is rare in general text and common on the wire). Words are cut to a
7-letter stem so
that "government" and "governments", or Polish and Turkish case endings, meet. Chinese and
Japanese, written without spaces, are read as character pairs. Names are the capitalised
sequences the parser found, transliterated to ASCII (``anyascii``: "Kérry" and "Kerry"
meet; "Raqqa" and "Rakka" still do not) and split into words. Figures are the parser's
language-independent numbers.

>>> from stream.wire import parse
>>> item = parse('{"uri": "ap:1", "language": "en", "headline": "Troops near Raqqa", '
...              '"body_text": "Syrian troops advanced on Raqqa, 80 km away, said Sergey Lavrov."}')
>>> ev = evidence(item)
>>> sorted(ev.head), sorted(ev.names), sorted(ev.numbers)
(['near', 'raqqa', 'troops'], ['lavrov', 'raqqa', 'sergey'], ['80'])
>>> ev.terms["raqqa"] > ev.terms["near"] > 0
True
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from stream.wire import Item

STEM = 7  # letters of a word kept as its key
MAX_ZIPF = 7.0  # words this common ("the": 7.7) weigh nothing
UNLISTED_ZIPF = 2.0  # rarer than the wordlist reaches: weighs 5
LEAD_PARAGRAPHS = 4
_WORD = re.compile(r"[^\W\d_]{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TICKER = re.compile(r"<([A-Z][A-Z0-9.]{0,9})>")
_NAME_WORD = re.compile(r"[a-z]{3,}")
SPACELESS = frozenset({"zh", "ja"})
_JOINERS = frozenset("the for and del della von van der den des dos das bin ibn".split())


@dataclass(frozen=True, slots=True)
class Evidence:
    uri: str
    time: float
    language: str
    agency: str | None
    terms: dict[str, float]  # stem -> (1 + log tf) * idf, headline and lead
    head: dict[str, float]  # the headline's alone
    names: frozenset[str]  # name words, transliterated
    numbers: frozenset[str]
    tickers: frozenset[str]  # "<GM>" in a headline: whose copy this is
    credits: frozenset[str]  # agencies credited other than the issuer
    vector: np.ndarray | None = field(default=None, compare=False)
    terms_norm2: float = field(default=-1.0, compare=False)  # squared norms, for cosines
    head_norm2: float = field(default=-1.0, compare=False)

    def __post_init__(self) -> None:
        if self.terms_norm2 < 0:
            object.__setattr__(self, "terms_norm2", sum(w * w for w in self.terms.values()))
            object.__setattr__(self, "head_norm2", sum(w * w for w in self.head.values()))


def evidence(item: Item, vector: np.ndarray | None = None, window: WindowFrequency | None = None) -> Evidence:
    lang = item.language
    head = weigh(Counter(keys(item.norm_headline, lang)), lang, window)
    counts = item_keys(item)
    credits = set(item.credits) - {item.agency} if item.is_agency else set(item.credits)
    return Evidence(
        uri=item.uri,
        time=item.time,
        language=lang,
        agency=item.agency or item.holder,
        terms=weigh(counts, lang, window),
        head=head,
        names=name_words(item.names),
        numbers=item.numbers,
        tickers=frozenset(_TICKER.findall(item.headline)),
        credits=frozenset(credits),
        vector=vector,
    )


def item_keys(item: Item) -> Counter:
    """Key counts of the headline and lead: what the window counts and the item weighs."""
    counts: Counter = Counter()
    for text in (item.norm_headline, *item.norm_paragraphs[:LEAD_PARAGRAPHS]):
        counts.update(keys(text, item.language))
    return counts


class WindowFrequency:
    """Document frequencies of keys over the copy in the duplicate window, per language.

    The prior of ``PRIOR_DOCS`` keeps a thin window (a quiet desk, a sparse archive) from
    calling everything rare-and-common at once: it speaks only once it holds many items.

    >>> w = WindowFrequency()
    >>> for _ in range(3000): w.add("en", {"mln", "dlrs"})
    >>> w.add("en", {"raqqa"})
    >>> round(w.idf("en", "mln"), 2), round(w.idf("en", "raqqa"), 2)
    (0.29, 7.6)
    """

    PRIOR_DOCS = 1000

    def __init__(self) -> None:
        self.docs: Counter = Counter()
        self.df: dict[str, Counter] = {}

    def add(self, lang: str, keys) -> None:
        self.docs[lang] += 1
        self.df.setdefault(lang, Counter()).update(keys)

    def remove(self, lang: str, keys) -> None:
        self.docs[lang] -= 1
        df = self.df.get(lang, Counter())
        for k in keys:
            df[k] -= 1
            if df[k] <= 0:
                del df[k]

    def idf(self, lang: str, key: str) -> float:
        df = self.df.get(lang)
        return math.log((self.docs[lang] + self.PRIOR_DOCS) / ((df.get(key, 0) if df else 0) + 1))


def keys(text: str, lang: str) -> list[str]:
    """The word keys of normalised ``text``: 7-letter stems, or CJK character pairs."""
    if lang in SPACELESS:
        out = []
        for run in _CJK.findall(text):
            out.extend(run[i : i + 2] for i in range(max(1, len(run) - 1)))
        return out + [w[:STEM] for w in _WORD.findall(_CJK.sub(" ", text))]
    return [w[:STEM] for w in _WORD.findall(text)]


def weigh(counts: Counter, lang: str, window: WindowFrequency | None = None) -> dict[str, float]:
    frequencies = _frequencies(lang)
    weights = {}
    for key, n in counts.items():
        zipf = frequencies.get(key, UNLISTED_ZIPF)
        idf = MAX_ZIPF - zipf
        if window is not None:
            idf = min(idf, window.idf(lang, key))
        if idf > 0:
            weights[key] = (1.0 + math.log(n)) * idf
    return weights


def name_words(names: frozenset[str]) -> frozenset[str]:
    """The words of the names, transliterated; not the "of", "for", "de" that join them."""
    from anyascii import anyascii

    return frozenset(
        w for name in names for w in _NAME_WORD.findall(anyascii(name).lower()) if w not in _JOINERS
    )


@lru_cache(maxsize=64)
def _frequencies(lang: str) -> dict[str, float]:
    """Zipf frequency of each stem in ``lang`` (the most frequent word sharing the stem);
    empty for a language wordfreq does not know: every word weighs the same there."""
    import wordfreq

    try:
        words = wordfreq.get_frequency_dict(lang, wordlist="small")
    except (LookupError, ImportError, ValueError):
        return {}
    out: dict[str, float] = {}
    for word, freq in words.items():
        key = word[:STEM]
        zipf = math.log10(freq * 1e9) if freq > 0 else 0.0
        if zipf > out.get(key, -1.0):
            out[key] = zipf
    return out
