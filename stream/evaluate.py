"""Scoring story clustering and duplicate detection against gold labels.

Pure functions over aligned label sequences (one label per item, any hashable). Everything
is computed from the sparse contingency table, so a score over n items costs O(n), not the
O(n^2) of looking at every pair.

>>> s = story_scores(["a", "a", "a", "b", "b"], [1, 1, 2, 2, 2])
>>> round(s["bcubed_f1"], 4), s["pairwise_f1"], round(s["ari"], 4)
(0.7333, 0.5, 0.1667)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score
from sklearn.metrics.cluster import contingency_matrix

# The corpora in ../shared/data, by uri prefix. Other prefixes (the samples' agency names,
# ``reuters:2019-08-06:...``) do not name a corpus, so their items form one group.
DATASETS = frozenset({"ecbplus", "reuters21578", "semeval8", "tac2009", "tac2010"})
OTHER = "other"

# FORMAT.md: article pairs scored <= 1.5 report one event and must share a story; pairs scored
# >= 3 must not. Pairs in between are not counted.
SAME_EVENT = 1.5
DIFFERENT_EVENTS = 3.0
PAIR_KINDS = ("all", "cross_language", "same_language_non_english", "same_language_english")


def _codes(labels: Sequence[Hashable]) -> np.ndarray:
    """Integer codes in first-seen order.

    Done here, not by numpy: ``np.unique`` cannot sort mixed types (``None`` and str) and
    turns tuple labels into a 2-D array.
    """
    seen: dict[Hashable, int] = {}
    return np.fromiter((seen.setdefault(label, len(seen)) for label in labels), np.int64, len(labels))


def _check(gold: Sequence[object], pred: Sequence[object]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels, pred {len(pred)}")
    if not len(gold):
        raise ValueError("no items to score")


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(counts: np.ndarray) -> int:
    """Unordered pairs within groups of the given sizes: sum of C(k, 2)."""
    counts = np.asarray(counts, dtype=np.int64)
    return int((counts * (counts - 1) // 2).sum())


def _pair_counts(table: sparse.csr_matrix) -> tuple[int, int, int]:
    """(pairs together in both, together in gold, together in pred)."""
    return (
        _pairs(table.data),
        _pairs(np.ravel(table.sum(axis=1))),
        _pairs(np.ravel(table.sum(axis=0))),
    )


def _pairwise(common: int, gold_pairs: int, pred_pairs: int) -> dict[str, float]:
    # No predicted pairs means no wrong pair: precision 1 (and recall 1 with no gold pairs),
    # so all-singletons against all-singletons scores perfectly.
    precision = common / pred_pairs if pred_pairs else 1.0
    recall = common / gold_pairs if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def _bcubed(table: sparse.csr_matrix) -> dict[str, float]:
    """Bagga & Baldwin B-cubed, averaged over items.

    An item in gold cluster i and predicted cluster j has precision n_ij / |pred j| and
    recall n_ij / |gold i|; the n_ij items of a cell share them, so the sums over items are
    sum n_ij^2 / |pred j| and sum n_ij^2 / |gold i|.
    """
    coo = table.tocoo()
    cell = coo.data.astype(np.float64)
    gold_sizes = np.ravel(table.sum(axis=1))[coo.row]
    pred_sizes = np.ravel(table.sum(axis=0))[coo.col]
    n = cell.sum()
    precision = float((cell**2 / pred_sizes).sum() / n)
    recall = float((cell**2 / gold_sizes).sum() / n)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def story_scores(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict:
    """Story clustering scores: B-cubed, pairwise, ARI, AMI and counts.

    ``gold[i]`` and ``pred[i]`` are the story labels of item i. Pairwise scores treat
    "in the same cluster" as the positive class over unordered item pairs; with no pairs
    predicted (or none in gold) precision (recall) is 1.

    >>> story_scores(["x", "x", "y"], ["p", "p", "q"])["pairwise_f1"]
    1.0
    >>> story_scores(["x", "x", "y"], ["p", "q", "r"])["bcubed_recall"]
    0.6666666666666666
    """
    _check(gold, pred)
    gold_codes, pred_codes = _codes(gold), _codes(pred)
    table = contingency_matrix(gold_codes, pred_codes, sparse=True)
    bcubed = _bcubed(table)
    pairwise = _pairwise(*_pair_counts(table))
    return {
        "bcubed_precision": bcubed["precision"],
        "bcubed_recall": bcubed["recall"],
        "bcubed_f1": bcubed["f1"],
        "pairwise_precision": pairwise["precision"],
        "pairwise_recall": pairwise["recall"],
        "pairwise_f1": pairwise["f1"],
        "ari": float(adjusted_rand_score(gold_codes, pred_codes)),
        "ami": float(adjusted_mutual_info_score(gold_codes, pred_codes)),
        "items": len(gold),
        "gold_clusters": table.shape[0],
        "pred_clusters": table.shape[1],
    }


def _singletons(groups: Sequence[Hashable | None]) -> np.ndarray:
    """Codes where every ``None`` gets a label of its own (it is a duplicate of nothing)."""
    seen: dict[Hashable, int] = {}
    codes = np.empty(len(groups), dtype=np.int64)
    for i, label in enumerate(groups):
        # Negative codes for singletons never collide with a real group's code.
        codes[i] = -1 - i if label is None else seen.setdefault(label, len(seen))
    return codes


def dup_scores(gold_groups: Sequence[Hashable | None], pred_groups: Sequence[Hashable | None]) -> dict:
    """Pairwise precision/recall/F1 of duplicate detection.

    ``gold_groups[i]`` is item i's duplicate group, or ``None`` when it duplicates nothing;
    the same for ``pred_groups``. A pair is positive when both items are in one group.

    >>> d = dup_scores(["g", "g", None, None], ["k", "k", "k", None])
    >>> d["precision"], d["recall"], d["pred_pairs"]
    (0.3333333333333333, 1.0, 3)
    """
    _check(gold_groups, pred_groups)
    table = contingency_matrix(_singletons(gold_groups), _singletons(pred_groups), sparse=True)
    common, gold_pairs, pred_pairs = _pair_counts(table)
    return {
        **_pairwise(common, gold_pairs, pred_pairs),
        "items": len(gold_groups),
        "gold_pairs": gold_pairs,
        "pred_pairs": pred_pairs,
        "common_pairs": common,
    }


def dataset_of(uri: str) -> str:
    """The corpus an item comes from: its uri prefix, if that names one, else ``OTHER``.

    >>> dataset_of("tac2010/D1015C-A/XIE19960412.0020"), dataset_of("ecbplus:1_10ecb")
    ('tac2010', 'ecbplus')
    >>> dataset_of("reuters:2019-08-06:markets-chip-selloff:v1")
    'other'
    """
    return prefix if (prefix := re.split(r"[:/]", uri, maxsplit=1)[0]) in DATASETS else OTHER


def stories_by(groups: Sequence[Hashable], gold: Sequence[Hashable], pred: Sequence[Hashable]) -> dict:
    """Story scores within each group, item i being in group ``groups[i]``; sorted by group.

    A story split across groups is scored as separate stories, one in each. No items, no
    groups.

    >>> s = stories_by(["en", "en", "de", "de"], ["x", "x", "x", "x"], [1, 1, 1, 2])
    >>> list(s), s["en"]["bcubed_recall"], s["de"]["bcubed_recall"]
    (['de', 'en'], 1.0, 0.5)
    """
    if not len(groups) == len(gold) == len(pred):
        raise ValueError(f"{len(groups)} groups, {len(gold)} gold and {len(pred)} pred labels")
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        members[group].append(i)
    return {
        group: story_scores([gold[i] for i in idx], [pred[i] for i in idx])
        for group, idx in sorted(members.items())
    }


@dataclass
class _PairTally:
    same: int = 0
    same_joined: int = 0
    different: int = 0
    different_joined: int = 0

    def add(self, same_event: bool, joined: bool) -> None:
        if same_event:
            self.same += 1
            self.same_joined += joined
        else:
            self.different += 1
            self.different_joined += joined

    def figures(self) -> dict:
        # A rate over no pairs is unknown (None), not vacuously perfect.
        return {
            "same_event": self.same,
            "same_event_joined": self.same_joined,
            "recall": self.same_joined / self.same if self.same else None,
            "different_events": self.different,
            "different_events_joined": self.different_joined,
            "false_join_rate": self.different_joined / self.different if self.different else None,
        }


def _pair_kind(languages: tuple[str, str]) -> str:
    if languages[0] != languages[1]:
        return "cross_language"
    return "same_language_english" if languages[0] == "en" else "same_language_non_english"


def pair_scores(lines: list[dict]) -> dict:
    """How often article pairs share a story, against their gold similarity.

    Two lines with the same ``eval.pair`` are a pair, joined when both have the same
    ``story_id``. ``recall`` is the share of same-event pairs (score <= 1.5) joined, the
    ``false_join_rate`` the share of different-event pairs (score >= 3) joined; by kind (all,
    cross-language, same-language non-English, same-language English) and by language pair.
    Pairs without exactly two lines are counted in ``pairs_unmatched`` and nothing else.

    >>> def item(uri, story, lang, pair, score):
    ...     return {"uri": uri, "story_id": story, "language": lang,
    ...             "eval": {"pair": pair, "pair_score": score}}
    >>> p = pair_scores([item("a", "s1", "de", "p", 1.0), item("b", "s1", "en", "p", 1.0),
    ...                  item("c", "s2", "en", "q", 4.0), item("d", "s3", "en", "q", 4.0)])
    >>> p["pairs"]["cross_language"]["recall"], p["pairs"]["same_language_english"]["false_join_rate"]
    (1.0, 0.0)
    >>> list(p["pairs_by_language_pair"]), p["pairs_unmatched"]
    (['de-en', 'en-en'], 0)
    """
    members: dict[Hashable, list[dict]] = defaultdict(list)
    for line in lines:
        pair = (line.get("eval") or {}).get("pair")
        if pair is not None and "rejected" not in line:
            members[pair].append(line)
    if not members:
        return {"pairs": {}, "pairs_by_language_pair": {}, "pairs_unmatched": 0}
    kinds = {kind: _PairTally() for kind in PAIR_KINDS}
    by_languages: dict[str, _PairTally] = defaultdict(_PairTally)
    unmatched = 0
    for two in members.values():
        if len(two) != 2:
            unmatched += 1
            continue
        a, b = two
        score = a["eval"].get("pair_score")
        if score is None or SAME_EVENT < score < DIFFERENT_EVENTS:
            continue
        joined = a.get("story_id") is not None and a.get("story_id") == b.get("story_id")
        languages = tuple(sorted((a.get("language") or "und", b.get("language") or "und")))
        for tally in (kinds["all"], kinds[_pair_kind(languages)], by_languages["-".join(languages)]):
            tally.add(score <= SAME_EVENT, joined)
    return {
        "pairs": {kind: tally.figures() for kind, tally in kinds.items()},
        "pairs_by_language_pair": {key: by_languages[key].figures() for key in sorted(by_languages)},
        "pairs_unmatched": unmatched,
    }


def _story(line: dict) -> Hashable:
    """The predicted story; an item placed in none is a story of its own."""
    return line.get("story_id") or line["uri"]


def score_replay(lines: list[dict]) -> dict:
    """Scores for replay output lines that carry ``eval`` labels (rejected lines excluded).

    Predicted duplicate groups are canonical items: an item and everything ``dup_of`` it;
    a kill belongs with the item it retracts.

    >>> lines = [
    ...     {"uri": "a", "story_id": "s1", "dup_of": None, "eval": {"story": "x", "dup_group": "g"}},
    ...     {"uri": "b", "story_id": "s1", "dup_of": "a", "eval": {"story": "x", "dup_group": "g"}},
    ...     {"uri": "c", "story_id": "s2", "dup_of": None, "eval": {"story": "y"}},
    ... ]
    >>> s = score_replay(lines)
    >>> s["stories"]["bcubed_f1"], s["duplicates"]["f1"]
    (1.0, 1.0)
    """
    labelled = [l for l in lines if l.get("eval") and "rejected" not in l]
    # Only items with a gold story are scored on stories: a file labelled for something else
    # (article pairs) would otherwise put every item in one gold story, None.
    storied = [l for l in labelled if l["eval"].get("story") is not None]
    gold = [l["eval"]["story"] for l in storied]
    pred = [_story(l) for l in storied]
    gold_dup = [l["eval"].get("dup_group") for l in labelled]
    pred_dup = [l.get("dup_of") or l.get("retracts") or l["uri"] for l in labelled]
    return {
        "stories": story_scores(gold, pred) if storied else {},
        "duplicates": dup_scores(gold_dup, pred_dup) if labelled else {},
        "labelled_items": len(labelled),
        "stories_by_dataset": stories_by([dataset_of(l["uri"]) for l in storied], gold, pred),
        "stories_by_language": stories_by([l.get("language") or "und" for l in storied], gold, pred),
        **pair_scores(labelled),
    }
