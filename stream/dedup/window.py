"""The duplicate window: every item of the last ``window_hours``, indexed to answer "seen it?".

Rules, in order, for an item not seen before (by uri):

* **exact** -- the same normalised headline and body is in the window, from any agency (an
  exact re-send by another agency is still the same copy, so it is not news twice);
* **near** -- a MinHash Jaccard estimate of at least ``near_threshold`` against any item of any
  agency (re-sends, refiles, one-word fixes), found through datasketch's ``MinHashLSH``;
* **version** -- same agency (``agency``, else ``holder``), an earlier or equally timed item,
  tied by the same ``slug_family`` (with a little textual overlap, or a version signal such as
  "writethru"), by ``version_containment`` of the earlier item's sentences in this one, or by
  a Jaccard estimate of at least ``version_jaccard`` (an edit bigger than a re-send).
  Write-thrus often rewrite more than half the text, so Jaccard alone misses them. An item the
  agency marks as a version (writethru, update, corrected, refile) also ties to the latest
  earlier same-agency item with its headline (markers stripped; a headline shortened to make
  room for "CORRECTED - " counts when one starts with the other over ``HEADLINE_PREFIX``
  characters). A tie that
  is also a near duplicate counts as a version only when the item says so (a version signal:
  writethru, update, corrected, lead); otherwise it is a re-send, i.e. near.

Service and templated copy (``Item.kind`` other than news: budgets, advisories, diaries, market
reports, results, earnings briefs) shares its template with every other item of its kind, so
for it the evidence above is not enough (:meth:`DuplicateWindow._same_copy`):

* a version needs the same ``subject`` (ticker, report name) or the same stripped headline;
  its sentence evidence leaves out template lines (figure tables count only their rows with
  figures, and sentences match only within one subject);
* a recurring kind (budget, schedule, results, market report) sent on another day is another
  edition, never a version or a near duplicate, unless the agency marks it as a version;
* budgets, advisories and diaries are versions only when the agency marks them so;
* figure tables must share their figures: Jaccard of ``Item.numbers`` at least
  ``version_jaccard`` for a version, ``near_threshold`` for a near duplicate.

``dup_of`` is always the family root: the first item of the chain (a version of a version
points to the root), even after the root itself left the window or was killed. The revision of
a version is computed against the latest earlier version of that chain.

Kills (``pubstatus == "canceled"``) retract their target: the item with the kill's own uri if it
is in the window; else the latest earlier item with the same agency and slug family; else the
closest same-agency near duplicate. The target leaves the index; the kill stays as a tombstone
so that delivering the kill or its target again changes nothing.

Eviction is measured against the newest item time seen, or the caller's clock when it passes
one (the desk passes a clock no single wrong date can push): items older than ``newest - window``
leave the index (a heap in time order: O(evicted log n)); items arriving already that late are
judged but not indexed.

>>> from stream.settings import Dedup
>>> from stream.wire.item import Item
>>> win = DuplicateWindow(Dedup())
>>> lead = "syrian government forces entered raqqa province for the first time since 2014, a monitor said."
>>> first = Item("ap:1", 0.0, "Raqqa", "en", agency="AP", norm_headline="raqqa", norm_paragraphs=(lead,))
>>> resend = Item("afp:9", 60.0, "Raqqa", "en", agency="AFP", norm_headline="raqqa", norm_paragraphs=(lead,))
>>> win.observe(first).verdict.kind is None
True
>>> v = win.observe(resend).verdict
>>> v.kind, v.dup_of
('exact', 'ap:1')
>>> sorted(win.entry("afp:9"))[:4]
['agency', 'canonical', 'exact', 'fp']
"""

from __future__ import annotations

import base64
import heapq
from bisect import insort
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from stream.dedup import fingerprint as fp
from stream.dedup.revision import diff
from stream.dedup.verdict import Observation, Verdict
from stream.settings import Dedup
from stream.wire.item import Item
from stream.wire.kinds import FIGURES, NEWS, RECURRING, SERVICE

#: Version signals that make a near-identical same-family item a version, not a re-send.
VERSION_SIGNALS = frozenset({"writethru", "update", "corrected", "lead"})
#: Signals by which an agency says service or templated copy is the same item again.
SAME_ITEM_SIGNALS = VERSION_SIGNALS | {"refile"}
DAY_S = 86400.0
HEADLINE_PREFIX = 24  # characters of a stripped headline that must agree when one was shortened
#: A sentence found in more live items than this is boilerplate ("The company did not give
#: details."), not evidence that two items are versions of one story.
BOILERPLATE_POSTINGS = 50
ENTRY_VERSION = 1
_NONE = np.empty(0, dtype=np.uint64)


@dataclass(slots=True, eq=False)
class _Record:
    """One item in the window (or a kill's tombstone when ``kill``)."""

    uri: str
    time: float
    seq: int  # arrival order: breaks time ties, orders the replay on restore
    newest: float  # the window's newest time when this was recorded (restores `newest`)
    verdict: Verdict
    canonical: str | None = None  # family root (own uri for new copy)
    agency: str | None = None  # agency, else holder
    slug: str | None = None  # slug family
    exact: bytes = b""
    signature: np.ndarray | None = None  # None: no words, not in the LSH
    sentences: np.ndarray = field(default_factory=lambda: _NONE)  # sorted, agency-salted
    paragraph_keys: tuple[int, ...] = ()
    paragraphs: tuple[str, ...] = ()
    kill: bool = False
    target: str | None = None  # kill: the uri it retracted
    urgent: bool = False  # an urgent: the next item under its slug is its first full version
    kind: str = NEWS  # Item.kind: templated copy ties only to the same subject (see _same_copy)
    subject: str | None = None
    headline: str = ""  # normalised headline without version markers
    figures: frozenset[str] = frozenset()  # Item.numbers: what a table's versions share

    @property
    def in_chain(self) -> bool:
        """Roots and versions make up a family's version chain (re-sends do not)."""
        return self.verdict.kind in (None, "version")


@dataclass(slots=True)
class _Probe:
    """An incoming item with everything the rules compare, computed once."""

    item: Item
    agency: str | None
    exact: bytes
    signature: np.ndarray | None
    sentences: np.ndarray
    sentence_words: np.ndarray  # word count of each sentence hash
    paragraph_keys: tuple[int, ...]
    paragraphs: tuple[str, ...]
    sketch: LeanMinHash | None  # the signature as the LSH takes it (built once per item)
    candidates: list[tuple[float, _Record]]  # LSH hits with Jaccard, best first


class DuplicateWindow:
    """Exact, near and version duplicates among the items of the last ``cfg.window_hours``.

    Use :meth:`observe` in the stream (judge and index), :meth:`check` to judge without
    indexing; persist :meth:`entry` for each observed uri and rebuild with :meth:`restore`.
    """

    def __init__(self, cfg: Dedup) -> None:
        self.cfg = cfg
        self.window_s = cfg.window_hours * 3600.0
        self.newest = float("-inf")
        self._seq = 0
        self._lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
        self._records: dict[str, _Record] = {}
        self._heap: list[tuple[float, int, str]] = []  # (time, seq, uri), stale ones skipped
        self._exact: dict[bytes, list[str]] = {}
        self._slugs: dict[tuple[str, str], list[str]] = {}
        self._heads: dict[tuple[str, str], list[str]] = {}  # (agency, headline start) -> uris
        self._postings: dict[int, str | list[str]] = {}  # sentence hash -> uri(s)
        self._chains: dict[str, list[tuple[float, int, str]]] = {}  # root -> versions in time order
        self._killed: dict[str, str] = {}  # retracted uri -> kill uri

    # -- public API ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, uri: str) -> bool:
        return uri in self._records

    @property
    def fingerprint_id(self) -> str:
        """Signatures are comparable only between windows with the same id."""
        return f"{fp.VERSION}:{self.cfg.num_perm}:{self.cfg.shingle_size}"

    def check(self, item: Item, signature: np.ndarray | None = None) -> Verdict:
        """Judge ``item`` against the window without changing it.

        ``signature`` defaults to :func:`fingerprint.item_signature` of the item.
        """
        known = self._known(item)
        if known is not None:
            return known
        return self._judge(self._probe(item, signature))

    def observe(self, item: Item, signature: np.ndarray | None = None, now: float | None = None) -> Observation:
        """Judge ``item``, index it, and evict what aged out. Idempotent per uri.

        ``now`` is the time the window ages by; by default the newest item time seen.
        """
        known = self._known(item)
        if known is not None:
            return Observation(known)
        probe = self._probe(item, signature)
        verdict = self._judge(probe)
        return Observation(verdict, self._commit(probe, verdict, item.time if now is None else now))

    def retract(self, uri: str) -> bool:
        """Take ``uri`` out of the index (what a kill does); False if it is not there.

        Unlike a kill item, this leaves no tombstone: delivering ``uri`` again re-indexes it.
        """
        rec = self._records.get(uri)
        if rec is None or rec.kill:
            return False
        self._remove(uri)
        return True

    def entry(self, uri: str) -> dict:
        """JSON-serialisable state of one uri in the window, for a changelog-backed table."""
        rec = self._records[uri]
        out = {
            "v": ENTRY_VERSION,
            "fp": self.fingerprint_id,
            "uri": rec.uri,
            "time": rec.time,
            "seq": rec.seq,
            "newest": rec.newest if rec.newest != float("-inf") else None,
            "verdict": rec.verdict.to_dict(),
        }
        if rec.kill:
            out.update(kill=True, target=rec.target)
            return out
        out.update(
            canonical=rec.canonical,
            agency=rec.agency,
            slug=rec.slug,
            exact=rec.exact.hex(),
            signature=_b64(fp.to_bytes(rec.signature)) if rec.signature is not None else None,
            sentences=_b64(fp.to_bytes(rec.sentences)),
            paragraph_keys=_b64(fp.to_bytes(np.array(rec.paragraph_keys, dtype=np.uint64))),
            paragraphs=list(rec.paragraphs),
            urgent=rec.urgent,
            headline=rec.headline,
        )
        if rec.kind != NEWS:
            out.update(kind=rec.kind, subject=rec.subject, figures=sorted(rec.figures))
        return out

    def entries(self) -> Iterator[dict]:
        """Every entry, in arrival order."""
        for rec in sorted(self._records.values(), key=lambda r: r.seq):
            yield self.entry(rec.uri)

    def restore(self, entries: Iterable[dict]) -> tuple[str, ...]:
        """Rebuild this (empty) window from :meth:`entry` dicts, e.g. a recovered table.

        Returns the uris of entries already outside the window (delete them from the table).
        Raises ValueError for entries written with other fingerprint settings: their
        signatures cannot be compared with new ones.
        """
        if self._records:
            raise ValueError("restore() needs an empty window")
        records = []
        for data in entries:
            if data.get("v") != ENTRY_VERSION or data.get("fp") != self.fingerprint_id:
                raise ValueError(
                    f"dedup entry {data.get('uri')!r} has format {data.get('v')}/{data.get('fp')}, "
                    f"this window {ENTRY_VERSION}/{self.fingerprint_id}: clear the dedup table"
                )
            records.append(_from_entry(data))
        records.sort(key=lambda r: r.seq)
        for rec in records:
            self._index(rec)
        if records:
            self.newest = max(r.newest for r in records)  # -inf stored as null reads back as -inf
            self._seq = records[-1].seq
        return tuple(self._evict())

    # -- judging ------------------------------------------------------------------------------

    def _known(self, item: Item) -> Verdict | None:
        """The verdict already given for this uri, if any (idempotent redelivery)."""
        rec = self._records.get(item.uri)
        if item.is_kill:
            return rec.verdict if rec is not None and rec.kill else None
        if item.uri in self._killed:
            return Verdict(item.uri, retracted_by=self._killed[item.uri])
        return rec.verdict if rec is not None else None

    def _probe(self, item: Item, signature: np.ndarray | None) -> _Probe:
        if signature is None:
            signature = fp.item_signature(item, self.cfg)
        elif len(signature) != self.cfg.num_perm:
            raise ValueError(f"signature has {len(signature)} values, num_perm is {self.cfg.num_perm}")
        if fp.is_empty(signature):
            signature = None  # no words: nothing to compare by shingles
        agency = item.agency or item.holder
        sketch = None if signature is None else _sketch(signature)
        if sketch is not None:  # its own copy: never keep a caller's batch matrix alive by a row view
            signature = sketch.hashvalues
        texts = item.paragraphs if len(item.paragraphs) == len(item.norm_paragraphs) else item.norm_paragraphs
        # sentences are version evidence, and versions need an agency: none, no sentences
        sentences, sentence_words = fp.sentence_hashes(*_evidence(item, agency))
        return _Probe(
            item=item,
            agency=agency,
            exact=fp.exact_hash(item.text),
            signature=signature,
            sentences=sentences,
            sentence_words=sentence_words,
            paragraph_keys=fp.paragraph_hashes(item.norm_paragraphs),
            paragraphs=tuple(texts),
            sketch=sketch,
            candidates=self._candidates(signature, sketch),
        )

    def _candidates(self, signature: np.ndarray | None, sketch: LeanMinHash | None) -> list[tuple[float, _Record]]:
        if sketch is None or not self._records:
            return []
        hits = []
        for uri in self._lsh.query(sketch):
            rec = self._records[uri]
            hits.append((fp.jaccard(signature, rec.signature), rec))
        hits.sort(key=lambda h: (-h[0], h[1].seq))  # best first, earlier first on ties
        return hits

    def _judge(self, probe: _Probe) -> Verdict:
        if probe.item.is_kill:
            return self._judge_kill(probe)
        uri = probe.item.uri
        hit = self._first_live(self._exact.get(probe.exact))
        if hit is not None:
            return Verdict(uri, hit.canonical, "exact", 1.0, matched=hit.uri)
        near = self._near(probe)
        tie = self._tie(probe)
        if tie is not None and (near is None or probe.item.version_signal in VERSION_SIGNALS):
            return self._version(probe, *tie)
        if near is not None:
            score, rec = near
            return Verdict(uri, rec.canonical, "near", score, matched=rec.uri)
        if probe.candidates:
            score, rec = probe.candidates[0]
            return Verdict(uri, similarity=score, matched=rec.uri)
        return Verdict(uri)

    def _near(self, probe: _Probe) -> tuple[float, _Record] | None:
        for score, rec in probe.candidates:
            if score < self.cfg.near_threshold:
                return None
            if self._same_copy(probe, rec, near=True):
                return score, rec
        return None

    def _tie(self, probe: _Probe) -> tuple[str, _Record] | None:
        """The earlier same-agency item this one is a version of, and why."""
        if probe.agency is None:
            return None
        rec = self._slug_tie(probe)
        if rec is not None:
            return "slug", rec
        rec = self._containment_tie(probe)
        if rec is not None:
            return "containment", rec
        rec = self._similarity_tie(probe)
        if rec is not None:
            return "similarity", rec
        rec = self._headline_tie(probe)
        if rec is not None:
            return "headline", rec
        return None

    def _headline_tie(self, probe: _Probe) -> _Record | None:
        """The agency says it is a version: the latest earlier item under the same headline."""
        item = probe.item
        if item.version_signal not in SAME_ITEM_SIGNALS or not item.norm_headline:
            return None
        head = item.norm_headline
        uris = self._heads.get((probe.agency, head[:HEADLINE_PREFIX]), ())
        return self._latest(
            (u for u in uris if _same_headline(head, self._records[u].headline) and self._same_copy(probe, self._records[u])),
            item.time,
        )

    def _slug_tie(self, probe: _Probe) -> _Record | None:
        slug = probe.item.slug_family
        if not slug:
            return None
        earlier = self._latest(
            (u for u in self._slugs.get((probe.agency, slug), ()) if self._same_copy(probe, self._records[u])),
            probe.item.time,
        )
        if earlier is None:
            return None
        # Recurring slugs (daily market reports) are not one story: ask for some shared text
        # unless the agency itself labels the item a new version, or the earlier item was an
        # urgent (two lines of flash copy, always followed by the story under its slug).
        if probe.item.version_signal in VERSION_SIGNALS or earlier.urgent:
            return earlier
        overlap = max(_jaccard(probe.signature, earlier.signature), _containment(earlier.sentences, probe.sentences))
        return earlier if overlap >= self.cfg.slug_min_overlap else None

    def _containment_tie(self, probe: _Probe) -> _Record | None:
        shared: dict[str, list[int]] = {}  # uri -> [sentences shared, words in them]
        for h, n_words in zip(probe.sentences.tolist(), probe.sentence_words.tolist()):
            post = self._postings.get(h)
            if post is None or (not isinstance(post, str) and len(post) > BOILERPLATE_POSTINGS):
                continue
            for u in (post,) if isinstance(post, str) else post:
                tally = shared.setdefault(u, [0, 0])
                tally[0] += 1
                tally[1] += n_words
        best, best_key = None, None
        for u, (n, n_words) in shared.items():
            rec = self._records[u]
            if rec.time > probe.item.time or rec.agency != probe.agency or not self._same_copy(probe, rec):
                continue
            share = n / len(rec.sentences)
            # Templates share whole short bodies ("Qtly div 10 cts vs 10 cts prior / Pay April
            # 30"): ask for at least a full news sentence's worth of shared words as well.
            if share < self.cfg.version_containment or n_words < self.cfg.version_min_words:
                continue
            key = (share, rec.time, rec.seq)  # most contained, then latest
            if best_key is None or key > best_key:
                best, best_key = rec, key
        return best

    def _similarity_tie(self, probe: _Probe) -> _Record | None:
        """The most similar earlier same-agency item above ``version_jaccard`` (a correction
        that changed a figure in each short sentence shares no sentence, but most shingles)."""
        for score, rec in probe.candidates:
            if score < self.cfg.version_jaccard:
                return None
            if rec.agency == probe.agency and rec.time <= probe.item.time and self._same_copy(probe, rec):
                return rec
        return None

    def _same_copy(self, probe: _Probe, rec: _Record, near: bool = False) -> bool:
        """Whether service or templated copy may tie to ``rec`` at all (news always may).

        Their template is shared with every item of their kind, so the evidence must come
        from what is theirs: subject, day, the agency's own version marker, figures.
        """
        item = probe.item
        if item.kind == NEWS and rec.kind == NEWS:
            return True
        kinds = {item.kind, rec.kind}
        signalled = item.version_signal in SAME_ITEM_SIGNALS
        same_subject = (item.subject is not None and item.subject == rec.subject) or (
            bool(item.norm_headline) and item.norm_headline == rec.headline
        )
        if not same_subject:
            return False
        if kinds & RECURRING and not signalled and item.time // DAY_S != rec.time // DAY_S:
            return False  # today's edition of a daily report, not a version of yesterday's
        if kinds & SERVICE and not near and not signalled:
            return False  # a new budget or advisory, unless the agency says it is the same one
        if kinds & FIGURES:
            need = self.cfg.near_threshold if near else self.cfg.version_jaccard
            return _set_jaccard(item.numbers, rec.figures) >= need
        return True

    def _version(self, probe: _Probe, tie: str, rec: _Record) -> Verdict:
        base = self._chain_latest(rec.canonical, probe.item.time) or rec
        revision = diff(
            base.paragraphs,
            probe.paragraphs,
            base=base.uri,
            old_keys=base.paragraph_keys,
            new_keys=probe.paragraph_keys,
        )
        return Verdict(
            probe.item.uri,
            rec.canonical,
            "version",
            _jaccard(probe.signature, base.signature),
            matched=base.uri,
            tie=tie,
            containment=_containment(base.sentences, probe.sentences),
            revision=revision,
        )

    def _judge_kill(self, probe: _Probe) -> Verdict:
        item = probe.item
        target = self._records.get(item.uri)
        if target is None and probe.agency and item.slug_family:
            target = self._latest(self._slugs.get((probe.agency, item.slug_family), ()), item.time)
        if target is None:
            same = [(s, r) for s, r in probe.candidates if r.agency == probe.agency]
            if same and same[0][0] >= self.cfg.near_threshold:
                target = same[0][1]
        if target is None:
            return Verdict(item.uri)
        return Verdict(item.uri, matched=target.uri, retracts=target.uri)

    # -- lookups ------------------------------------------------------------------------------

    def _first_live(self, uris: list[str] | None) -> _Record | None:
        return self._records[uris[0]] if uris else None

    def _latest(self, uris: Iterable[str], time: float) -> _Record | None:
        """The latest of ``uris`` not later than ``time`` (uris are in arrival order)."""
        best = None
        for u in uris:
            rec = self._records[u]
            if rec.time <= time and (best is None or (rec.time, rec.seq) > (best.time, best.seq)):
                best = rec
        return best

    def _chain_latest(self, root: str, time: float) -> _Record | None:
        for t, _, u in reversed(self._chains.get(root, ())):
            if t <= time:
                return self._records[u]
        return None

    # -- indexing -----------------------------------------------------------------------------

    def _commit(self, probe: _Probe, verdict: Verdict, now: float) -> tuple[str, ...]:
        item = probe.item
        gone = []
        if verdict.retracts is not None:
            self._remove(verdict.retracts)
            gone.append(verdict.retracts)
        self.newest = max(self.newest, now)
        self._seq += 1
        rec = _Record(item.uri, item.time, self._seq, self.newest, verdict)
        if item.is_kill:
            rec.kill, rec.target = True, verdict.retracts
        else:
            rec.canonical = verdict.dup_of or item.uri
            rec.agency, rec.slug = probe.agency, item.slug_family or None
            rec.exact, rec.signature, rec.sentences = probe.exact, probe.signature, probe.sentences
            rec.paragraph_keys, rec.paragraphs = probe.paragraph_keys, probe.paragraphs
            rec.urgent = item.version_signal == "urgent"
            rec.headline = item.norm_headline
            if item.kind != NEWS:
                rec.kind, rec.subject, rec.figures = item.kind, item.subject, item.numbers
        if item.time >= self.newest - self.window_s:  # too late for the window: judged only
            self._index(rec, probe.sketch)
        gone.extend(self._evict())
        return tuple(u for u in gone if u not in self._records)

    def _index(self, rec: _Record, sketch: LeanMinHash | None = None) -> None:
        self._records[rec.uri] = rec
        heapq.heappush(self._heap, (rec.time, rec.seq, rec.uri))
        if rec.kill:
            if rec.target is not None:
                self._killed[rec.target] = rec.uri
            return
        if rec.signature is not None:
            self._lsh.insert(rec.uri, sketch or _sketch(rec.signature))
        self._exact.setdefault(rec.exact, []).append(rec.uri)
        if rec.slug and rec.agency:
            self._slugs.setdefault((rec.agency, rec.slug), []).append(rec.uri)
        if rec.headline and rec.agency:
            self._heads.setdefault((rec.agency, rec.headline[:HEADLINE_PREFIX]), []).append(rec.uri)
        for h in rec.sentences.tolist():
            post = self._postings.get(h)
            if post is None:
                self._postings[h] = rec.uri  # most sentences are unique: no list for them
            elif isinstance(post, str):
                self._postings[h] = [post, rec.uri]
            else:
                post.append(rec.uri)
        if rec.in_chain:
            insort(self._chains.setdefault(rec.canonical, []), (rec.time, rec.seq, rec.uri))

    def _remove(self, uri: str) -> None:
        rec = self._records.pop(uri)
        if rec.kill:
            if rec.target is not None and self._killed.get(rec.target) == uri:
                del self._killed[rec.target]
            return
        if rec.signature is not None:
            self._lsh.remove(uri)
        _unlist(self._exact, rec.exact, uri)
        if rec.slug and rec.agency:
            _unlist(self._slugs, (rec.agency, rec.slug), uri)
        if rec.headline and rec.agency:
            _unlist(self._heads, (rec.agency, rec.headline[:HEADLINE_PREFIX]), uri)
        for h in rec.sentences.tolist():
            post = self._postings[h]
            if isinstance(post, str):
                del self._postings[h]
            else:
                post.remove(uri)
                if len(post) == 1:
                    self._postings[h] = post[0]
        if rec.in_chain:
            _unlist(self._chains, rec.canonical, (rec.time, rec.seq, rec.uri))

    def _evict(self) -> list[str]:
        """Drop everything older than ``newest - window``; the uris dropped."""
        cutoff = self.newest - self.window_s
        out = []
        while self._heap and self._heap[0][0] < cutoff:
            _, seq, uri = heapq.heappop(self._heap)
            rec = self._records.get(uri)
            if rec is not None and rec.seq == seq:  # else retracted or replaced: stale
                self._remove(uri)
                out.append(uri)
        return out


# -- helpers -----------------------------------------------------------------------------------


def _sketch(signature: np.ndarray) -> LeanMinHash:
    """The signature as the datasketch object MinHashLSH indexes."""
    return LeanMinHash(seed=fp.SEED, hashvalues=signature, scheme="affine64")


def _jaccard(a: np.ndarray | None, b: np.ndarray | None) -> float:
    return fp.jaccard(a, b) if a is not None and b is not None else 0.0


def _same_headline(a: str, b: str) -> bool:
    """Equal, or one shortened from the other ("datron <datr> agrees to buyout [by officers]")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= HEADLINE_PREFIX and long.startswith(short)


def _set_jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard of two sets of figures; two tables without figures do not disagree."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _evidence(item: Item, agency: str | None) -> tuple[tuple[str, ...], str]:
    """The paragraphs whose sentences are version evidence, and their salt.

    Templated copy counts only within its subject (the salt), and a figure table only its
    rows with figures: its labels ("Year", "Six mths", "Following are the closing indices")
    are the template, the same in every item of its kind.
    """
    if not agency:
        return (), ""
    if item.kind == NEWS:
        return item.norm_paragraphs, agency
    paragraphs = item.norm_paragraphs
    if item.kind in FIGURES:
        paragraphs = tuple(p for p in paragraphs if any(c.isdigit() for c in p))
    return paragraphs, f"{agency}\x1f{item.kind}\x1f{item.subject or item.norm_headline}"


def _containment(earlier: np.ndarray, later: np.ndarray) -> float:
    """Share of the earlier item's sentences that the later one repeats."""
    if not len(earlier):
        return 0.0
    return len(np.intersect1d(earlier, later, assume_unique=True)) / len(earlier)


def _unlist(index: dict, key, value) -> None:
    values = index[key]
    values.remove(value)
    if not values:
        del index[key]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _from_entry(data: dict) -> _Record:
    newest = data["newest"] if data["newest"] is not None else float("-inf")  # JSON has no -inf
    rec = _Record(data["uri"], data["time"], data["seq"], newest, Verdict.from_dict(data["verdict"]))
    if data.get("kill"):
        rec.kill, rec.target = True, data.get("target")
        return rec
    rec.canonical, rec.agency, rec.slug = data["canonical"], data["agency"], data["slug"]
    rec.exact = bytes.fromhex(data["exact"])
    rec.signature = fp.from_bytes(_unb64(data["signature"])) if data["signature"] else None
    rec.sentences = fp.from_bytes(_unb64(data["sentences"]))
    rec.paragraph_keys = tuple(fp.from_bytes(_unb64(data["paragraph_keys"])).tolist())
    rec.paragraphs = tuple(data["paragraphs"])
    rec.urgent = data.get("urgent", False)
    rec.kind, rec.subject = data.get("kind", NEWS), data.get("subject")
    rec.headline, rec.figures = data.get("headline", ""), frozenset(data.get("figures", ()))
    return rec
