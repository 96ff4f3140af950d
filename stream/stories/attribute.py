"""Provenance of a rewrite: which agency items it reuses, and how much.

A publisher's rewrite (DW crediting "(AP, AFP)") is mostly agency sentences, lightly edited
and interleaved with its own. We attribute sentence by sentence: each rewrite sentence goes
to the one source sentence that contains the largest part of its word 3-grams
(*containment*: shared shingles / the rewrite sentence's shingles). Containment, not
Jaccard, because a rewrite that keeps half of a long agency sentence has still copied it.

Weights (tuned on the DW Raqqa seed case and small hand-made paraphrases):

* containment >= ``FULL_MATCH`` (0.5): the sentence is reused; all its words count.
  A substituted word breaks at most three 3-grams, so a 20-word sentence with two
  edits still keeps ~0.6; in the seed case light edits score 0.57-1.0.
* ``PARTIAL_MATCH`` (0.3) <= containment < 0.5: a paraphrase that keeps the facts and
  runs of wording, or an agency sentence merged with other material; half its words
  count. In the seed case the restructured agency sentences score 0.35-0.48.
* below 0.3: the publisher's own sentence. Copy on another event of the same war shares
  only stock phrases ("the syrian observatory for human rights"): at most 0.2 in the
  seed case, so 0.3 leaves a margin.

Word 3-grams rather than 2-grams: with bigrams the paraphrases rise (0.44-0.58) but so
does the noise (0.23-0.30), and the gap closes.

A sentence that matches several sources equally well goes to the earliest (the first
report: lowest ``time``, then the caller's order).

>>> from stream.wire import Item
>>> ap = Item("ap:1", 1.0, "h", "en", agency="AP", is_agency=True,
...           norm_paragraphs=("syrian troops pushed into raqqa province on saturday.",))
>>> dw = Item("dw:1", 2.0, "h", "en", norm_paragraphs=(
...     "syrian troops pushed into raqqa province on saturday. we watched it on tv.",))
>>> provenance(dw, [ap])
[{'uri': 'ap:1', 'agency': 'AP', 'share': 0.615}]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from stream.wire import Item

SHINGLE = 3
FULL_MATCH = 0.5
PARTIAL_MATCH = 0.3
PARTIAL_WEIGHT = 0.5

# ---------------------------------------------------------------------------------------------
# Sentences and words

# Sentence-final punctuation, optionally followed by closing quotes/brackets, then space.
# Requiring the space keeps decimals ("2.5") and "U.S.-backed" whole. The ellipsis and
# curly quotes are here because the normaliser folds them ("\u2026" -> "..."): original and
# normalised text must split alike.
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+")
_LAST_TOKEN = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s*(\w+)")
# "u.s", "u.n", "z.b", "a" (initials): the final dot belongs to the abbreviation.
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
# Titles and abbreviations that end in a dot mid-sentence (English and German copy).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep rev st jr sr vs etc approx
    inc corp co ltd dept est fig ft mt jan feb mar apr jun jul aug sep sept oct nov dec
    nr bzw ca vgl str inkl evtl ggf mio mrd abs hr fr
    """.split()
)
# German ordinal dates: "am 4. juni" is one sentence.
_GERMAN_MONTHS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember".split()
)
# Words for shingles: letters/digits, keeping "it's", "u.s" and "2.5" whole; hyphens split
# so "us-backed" and "us backed" agree.
_WORD = re.compile(r"\w+(?:['\u2019.]\w+)*")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences; robust to "U.S.", "Mr." and decimals.

    Works on original or lower-cased text alike (the decisions never look at case), so
    ``paragraphs`` and ``norm_paragraphs`` split the same way.

    >>> split_sentences('mr. smith paid $2.5 million to u.s. officials. "it was fair," he said. why?')
    ['mr. smith paid $2.5 million to u.s. officials.', '"it was fair," he said.', 'why?']
    """
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, boundary):
            continue
        sentence = text[start : boundary.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = boundary.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_abbreviation(text: str, boundary: re.Match[str]) -> bool:
    """Is the single dot at ``boundary`` part of a word rather than the end of a sentence?"""
    punct = boundary.group().rstrip()
    if not punct.startswith(".") or punct.startswith(".."):
        return False  # "?", "!" and ellipses always end a sentence
    before = _LAST_TOKEN.search(text, 0, boundary.start())
    if before is None:
        return False
    token = before.group(1).lstrip("\"'(\u201c\u2018\u00ab[").lower()
    if token in _ABBREVIATIONS or _INITIALS.fullmatch(token):
        return True
    if token.isdigit() and len(token) <= 2:
        after = _NEXT_WORD.match(text, boundary.end())
        return after is not None and after.group(1).lower() in _GERMAN_MONTHS
    return False


def words(text: str) -> list[str]:
    """Lower-cased word tokens.

    >>> words("US-backed forces, 50 miles (80 km) from Raqqa's dam")
    ['us', 'backed', 'forces', '50', 'miles', '80', 'km', 'from', "raqqa's", 'dam']
    """
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str], n: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """Word n-grams; a sentence shorter than ``n`` words is one shingle of all its words.

    >>> sorted(shingles(["a", "b", "c", "d"]))
    [('a', 'b', 'c'), ('b', 'c', 'd')]
    """
    if len(tokens) < n:
        return frozenset([tuple(tokens)]) if tokens else frozenset()
    return frozenset(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _item_sentences(item: Item) -> list[str]:
    return [s for p in item.norm_paragraphs for s in split_sentences(p)]


def _display_sentences(item: Item) -> list[str]:
    """The item's sentences in original case, aligned with ``_item_sentences``.

    Falls back to the normalised sentence, paragraph by paragraph, wherever the
    original does not split the same way (so indexes always line up).
    """
    if len(item.paragraphs) != len(item.norm_paragraphs):
        return _item_sentences(item)
    shown: list[str] = []
    for original, norm in zip(item.paragraphs, item.norm_paragraphs):
        norm_sentences = split_sentences(norm)
        original_sentences = split_sentences(original)
        aligned = len(original_sentences) == len(norm_sentences)
        shown.extend(original_sentences if aligned else norm_sentences)
    return shown


# ---------------------------------------------------------------------------------------------
# Matching


@dataclass(frozen=True, slots=True)
class _Sentence:
    words: int
    shingles: frozenset[tuple[str, ...]]


def _sentence(text: str) -> _Sentence:
    tokens = words(text)
    return _Sentence(len(tokens), shingles(tokens, min(SHINGLE, len(tokens)) or SHINGLE))


@dataclass(frozen=True, slots=True)
class _Match:
    sentence: int  # index into the rewrite's sentences
    words: int
    source: int | None  # index into the earliest-first sources; None: the rewrite's own
    source_sentence: int | None
    containment: float
    weight: float  # 1.0, PARTIAL_WEIGHT or 0.0


class _SourceIndex:
    """Inverted index shingle -> (source, sentence) over all source sentences.

    Built once per call, so matching costs the postings actually shared with the
    rewrite, not rewrite sentences x source sentences. Shingles shorter than three
    words (for very short rewrite sentences) are indexed lazily, on first need.
    """

    def __init__(self, sources: Sequence[Item]) -> None:
        self.sentences = [[_sentence(s) for s in _item_sentences(item)] for item in sources]
        self._postings: dict[int, dict[tuple[str, ...], list[tuple[int, int]]]] = {}

    def postings(self, n: int) -> dict[tuple[str, ...], list[tuple[int, int]]]:
        if n not in self._postings:
            index: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
            for src, sentences in enumerate(self.sentences):
                for k, sentence in enumerate(sentences):
                    grams = sentence.shingles if n == SHINGLE else _ngrams_of(sentence, n)
                    for gram in grams:
                        index[gram].append((src, k))
            self._postings[n] = index
        return self._postings[n]

    def best(self, sentence: _Sentence) -> tuple[int, int, float] | None:
        """(source, sentence, containment) of the best match; ties go to the earliest."""
        if not sentence.shingles:
            return None
        n = len(next(iter(sentence.shingles)))
        postings = self.postings(n)
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for gram in sentence.shingles:
            for hit in postings.get(gram, ()):
                shared[hit] += 1
        if not shared:
            return None
        # Most shared shingles wins; (source, sentence) order breaks ties: earliest report.
        (src, k), count = min(shared.items(), key=lambda kv: (-kv[1], kv[0]))
        return src, k, count / len(sentence.shingles)


def _ngrams_of(sentence: _Sentence, n: int) -> frozenset[tuple[str, ...]]:
    """n-grams (n < 3) of a source sentence, recovered from its 3-grams."""
    grams: set[tuple[str, ...]] = set()
    for gram in sentence.shingles:
        grams.update(gram[i : i + n] for i in range(len(gram) - n + 1))
    return frozenset(g for g in grams if len(g) == n)


def _weight(containment: float) -> float:
    if containment >= FULL_MATCH:
        return 1.0
    if containment >= PARTIAL_MATCH:
        return PARTIAL_WEIGHT
    return 0.0


def _earliest_first(rewrite: Item, sources: Sequence[Item]) -> list[Item]:
    """Sources in report order (time, then given order), without the rewrite itself."""
    order = sorted(range(len(sources)), key=lambda i: (sources[i].time, i))
    return [sources[i] for i in order if sources[i].uri != rewrite.uri]


def _match(rewrite: Item, ordered: Sequence[Item]) -> list[_Match]:
    index = _SourceIndex(ordered)
    matches: list[_Match] = []
    for i, text in enumerate(_item_sentences(rewrite)):
        sentence = _sentence(text)
        src, k, containment = index.best(sentence) or (None, None, 0.0)
        weight = _weight(containment)
        if not weight:  # the rewrite's own sentence; keep the near miss for explain()
            src = k = None
        matches.append(_Match(i, sentence.words, src, k, containment, weight))
    return matches


# ---------------------------------------------------------------------------------------------
# Public API


def provenance(rewrite: Item, sources: Sequence[Item], min_share: float = 0.05) -> list[dict]:
    """Which agency items ``rewrite`` reuses: ``[{"uri", "agency", "share"}]``, largest first.

    ``share`` is the (weighted) words of rewrite sentences attributed to the source over all
    words of the rewrite body, rounded to 3 decimals; sources below ``min_share`` are left
    out. Sources sharing a uri (versions of one agency story) are reported once, summed.
    """
    ordered = _earliest_first(rewrite, sources)
    matches = _match(rewrite, ordered)
    total = sum(m.words for m in matches)
    if not total:
        return []
    credited: dict[str, float] = {}
    agency: dict[str, str | None] = {}
    for m in matches:
        if m.source is not None:
            source = ordered[m.source]
            credited[source.uri] = credited.get(source.uri, 0.0) + m.weight * m.words
            agency.setdefault(source.uri, source.agency)
    first = {item.uri: rank for rank, item in reversed(list(enumerate(ordered)))}
    result = [
        {"uri": uri, "agency": agency[uri], "share": round(words / total, 3)}
        for uri, words in credited.items()
        if words / total >= min_share
    ]
    result.sort(key=lambda r: (-r["share"], first[r["uri"]]))
    return result


def explain(rewrite: Item, sources: Sequence[Item]) -> list[dict]:
    """Every rewrite sentence with the source sentence it was attributed to, for the dashboard.

    In rewrite order: ``{"sentence", "words", "uri", "agency", "source_sentence",
    "containment", "weight"}``. Sentences are shown in original case where the item's
    ``paragraphs`` split like its ``norm_paragraphs``. The rewrite's own sentences have
    ``uri`` and ``source_sentence`` None and weight 0 (``containment`` is still the best
    found, to show near misses).
    """
    ordered = _earliest_first(rewrite, sources)
    matches = _match(rewrite, ordered)
    shown = _display_sentences(rewrite)
    source_shown: dict[int, list[str]] = {}
    rows = []
    for m in matches:
        row = {
            "sentence": shown[m.sentence],
            "words": m.words,
            "uri": None,
            "agency": None,
            "source_sentence": None,
            "containment": round(m.containment, 3),
            "weight": m.weight,
        }
        if m.source is not None and m.source_sentence is not None:
            source = ordered[m.source]
            if m.source not in source_shown:
                source_shown[m.source] = _display_sentences(source)
            row.update(
                uri=source.uri,
                agency=source.agency,
                source_sentence=source_shown[m.source][m.source_sentence],
            )
        rows.append(row)
    return rows
