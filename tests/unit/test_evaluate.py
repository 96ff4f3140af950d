"""Clustering and duplicate scores against hand-computed and brute-force values."""

from __future__ import annotations

import itertools
import random

import pytest
from sklearn.metrics.cluster import pair_confusion_matrix

from stream.evaluate import OTHER, dataset_of, dup_scores, pair_scores, score_replay, story_scores

# The classic B-cubed example, items a b c d e:
#   gold {a,b,c} {d,e}      pred {a,b} {c,d,e}
GOLD = ["G1", "G1", "G1", "G2", "G2"]
PRED = ["P1", "P1", "P2", "P2", "P2"]


def test_classic_bcubed_example() -> None:
    # Per item (precision = |pred ∩ gold| / |pred|, recall = |pred ∩ gold| / |gold|):
    #   a: pred {a,b}, gold {a,b,c}: ∩ {a,b}  P 2/2  R 2/3
    #   b: same as a                           P 1    R 2/3
    #   c: pred {c,d,e}, gold {a,b,c}: ∩ {c}   P 1/3  R 1/3
    #   d: pred {c,d,e}, gold {d,e}: ∩ {d,e}   P 2/3  R 2/2
    #   e: same as d                           P 2/3  R 1
    # P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15;  R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    s = story_scores(GOLD, PRED)
    assert s["bcubed_precision"] == pytest.approx(11 / 15)
    assert s["bcubed_recall"] == pytest.approx(11 / 15)
    assert s["bcubed_f1"] == pytest.approx(11 / 15)


def test_classic_pairwise_and_ari() -> None:
    # Gold pairs: ab ac bc de (4). Pred pairs: ab cd ce de (4). Both: ab de (2).
    s = story_scores(GOLD, PRED)
    assert s["pairwise_precision"] == pytest.approx(2 / 4)
    assert s["pairwise_recall"] == pytest.approx(2 / 4)
    assert s["pairwise_f1"] == pytest.approx(0.5)
    # ARI: index 2, expected 4*4/C(5,2) = 1.6, max (4+4)/2 = 4 -> (2-1.6)/(4-1.6) = 1/6.
    assert s["ari"] == pytest.approx(1 / 6)
    assert -1.0 <= s["ami"] < 1.0
    assert (s["items"], s["gold_clusters"], s["pred_clusters"]) == (5, 2, 2)


def test_asymmetric_example() -> None:
    # gold {a,b,c,d}  pred {a,b} {c} {d}
    # B-cubed P: every predicted cluster is pure -> 1.
    # B-cubed R: a,b: 2/4; c,d: 1/4 -> (1/2 + 1/2 + 1/4 + 1/4) / 4 = 3/8.
    # Pairwise: gold 6 pairs, pred 1 pair (ab), common 1 -> P 1, R 1/6.
    s = story_scores(list("gggg"), ["x", "x", "y", "z"])
    assert s["bcubed_precision"] == 1.0
    assert s["bcubed_recall"] == pytest.approx(3 / 8)
    assert s["bcubed_f1"] == pytest.approx(2 * 1 * (3 / 8) / (1 + 3 / 8))
    assert (s["pairwise_precision"], s["pairwise_recall"]) == (1.0, pytest.approx(1 / 6))


def test_perfect_clustering_any_label_names() -> None:
    gold = ["a", "a", "b", "c", "c", "c"]
    pred = [7, 7, (1, 2), None, None, None]  # renamed labels, mixed types
    s = story_scores(gold, pred)
    for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_precision",
                "pairwise_recall", "pairwise_f1", "ari", "ami"):
        assert s[key] == pytest.approx(1.0), key
    assert (s["gold_clusters"], s["pred_clusters"]) == (3, 3)


def test_all_singletons_prediction() -> None:
    # Every item alone: nothing wrongly merged (precision 1), recall only from the items
    # that are alone in gold too.  gold {a,b,c} {d}: B-cubed R = (1/3*3 + 1) / 4 = 1/2.
    s = story_scores(["g", "g", "g", "h"], [1, 2, 3, 4])
    assert s["bcubed_precision"] == 1.0
    assert s["bcubed_recall"] == pytest.approx(1 / 2)
    assert s["pairwise_precision"] == 1.0  # no predicted pairs: none wrong
    assert s["pairwise_recall"] == 0.0
    assert s["pairwise_f1"] == 0.0
    assert s["pred_clusters"] == 4


def test_all_in_one_prediction() -> None:
    # One big cluster: recall 1, precision = how much each item's cluster is its story.
    # gold {a,b,c} {d}: B-cubed P = (3/4*3 + 1/4) / 4 = 10/16; pairwise P = 3 / C(4,2) = 1/2.
    s = story_scores(["g", "g", "g", "h"], ["all"] * 4)
    assert s["bcubed_recall"] == 1.0
    assert s["bcubed_precision"] == pytest.approx(10 / 16)
    assert s["pairwise_recall"] == 1.0
    assert s["pairwise_precision"] == pytest.approx(1 / 2)
    assert s["ari"] == pytest.approx(0.0)


def test_single_item() -> None:
    s = story_scores(["g"], ["p"])
    assert s["bcubed_f1"] == s["pairwise_f1"] == 1.0
    assert s["items"] == 1


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        story_scores(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        story_scores([], [])
    with pytest.raises(ValueError):
        dup_scores([None], [])


def brute_force_pairs(gold: list, pred: list) -> tuple[int, int, int]:
    """O(n^2) count of (common, gold, pred) same-cluster pairs."""
    common = in_gold = in_pred = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        g, p = gold[i] == gold[j], pred[i] == pred[j]
        in_gold += g
        in_pred += p
        common += g and p
    return common, in_gold, in_pred


def brute_force_bcubed(gold: list, pred: list) -> tuple[float, float]:
    n = len(gold)
    precision = recall = 0.0
    for i in range(n):
        same_pred = {j for j in range(n) if pred[j] == pred[i]}
        same_gold = {j for j in range(n) if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    return precision / n, recall / n


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    gold = [rng.randrange(12) for _ in range(150)]
    pred = [g if rng.random() < 0.7 else rng.randrange(20) for g in gold]
    common, in_gold, in_pred = brute_force_pairs(gold, pred)
    s = story_scores(gold, pred)
    assert s["pairwise_precision"] == pytest.approx(common / in_pred)
    assert s["pairwise_recall"] == pytest.approx(common / in_gold)
    precision, recall = brute_force_bcubed(gold, pred)
    assert s["bcubed_precision"] == pytest.approx(precision)
    assert s["bcubed_recall"] == pytest.approx(recall)
    # sklearn counts ordered pairs: [[tn, fp], [fn, tp]], each unordered pair twice.
    (_, fp), (fn, tp) = pair_confusion_matrix(gold, pred)
    assert (tp // 2, (tp + fn) // 2, (tp + fp) // 2) == (common, in_gold, in_pred)


# ---------------------------------------------------------------------------------------------
# Duplicates


def test_dup_scores_none_is_a_singleton() -> None:
    # Items: 0 1 2 3 4 5.  Gold groups {0,1,2} {3,4}, 5 alone.
    # Pred groups {0,1} {2,5}; 3, 4 alone (None must not put them together).
    # Gold pairs: 01 02 12 34 (4). Pred pairs: 01 25 (2). Common: 01 (1).
    d = dup_scores(["A", "A", "A", "B", "B", None], ["x", "x", "y", None, None, "y"])
    assert (d["common_pairs"], d["gold_pairs"], d["pred_pairs"]) == (1, 4, 2)
    assert d["precision"] == pytest.approx(1 / 2)
    assert d["recall"] == pytest.approx(1 / 4)
    assert d["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)
    assert d["items"] == 6


def test_dup_scores_all_none() -> None:
    # Nothing duplicated and nothing predicted: perfect, vacuously.
    d = dup_scores([None, None, None], [None, None, None])
    assert (d["precision"], d["recall"], d["f1"]) == (1.0, 1.0, 1.0)
    assert d["gold_pairs"] == d["pred_pairs"] == 0
    # Predicting a duplicate where there is none: precision 0.
    d = dup_scores([None, None, None], ["g", "g", None])
    assert (d["precision"], d["recall"], d["f1"]) == (0.0, 1.0, 0.0)


def test_dup_scores_agree_with_brute_force() -> None:
    rng = random.Random(7)
    gold = [rng.choice([None, None, None, *range(15)]) for _ in range(200)]
    pred = [g if rng.random() < 0.8 else rng.choice([None, *range(30)]) for g in gold]
    # Brute force on explicit singleton labels.
    explicit = lambda groups: [("single", i) if g is None else g for i, g in enumerate(groups)]  # noqa: E731
    common, in_gold, in_pred = brute_force_pairs(explicit(gold), explicit(pred))
    d = dup_scores(gold, pred)
    assert (d["common_pairs"], d["gold_pairs"], d["pred_pairs"]) == (common, in_gold, in_pred)
    assert d["precision"] == pytest.approx(common / in_pred)
    assert d["recall"] == pytest.approx(common / in_gold)


# ---------------------------------------------------------------------------------------------
# Replay output lines


def line(uri: str, story_id: str | None, language: str = "en", **gold) -> dict:
    return {"uri": uri, "story_id": story_id, "dup_of": None, "language": language, "eval": gold}


def test_items_without_a_story_label_are_left_out_of_story_scores() -> None:
    # a, b in gold story x, both predicted s1: perfect. c, d carry only pair labels and are
    # predicted apart; counted as one gold story None they would cost recall.
    lines = [
        line("a", "s1", story="x"),
        line("b", "s1", story="x"),
        line("c", "s2", pair="p", pair_score=1.0),
        line("d", "s3", pair="p", pair_score=1.0),
    ]
    s = score_replay(lines)
    assert s["stories"]["items"] == 2
    assert s["stories"]["bcubed_recall"] == 1.0
    assert s["labelled_items"] == 4
    assert s["duplicates"]["items"] == 4


def test_no_story_labels_at_all_gives_no_story_scores() -> None:
    s = score_replay([line("c", "s2", pair="p", pair_score=1.0), line("d", "s2", pair="p", pair_score=1.0)])
    assert s["stories"] == {}
    assert s["labelled_items"] == 2


def test_dataset_is_the_uri_prefix_when_it_names_a_corpus() -> None:
    assert dataset_of("tac2009/D0901A-A/APW19990421.0284") == "tac2009"
    assert dataset_of("semeval8:1484008155es_1483984703:1") == "semeval8"
    assert dataset_of("reuters21578:17") == "reuters21578"
    # The samples' prefixes are agencies, not corpora: one group for all of them.
    assert dataset_of("reuters:2019-08-06:markets-chip-selloff:v1") == OTHER
    assert dataset_of("dpa:2019-08-07:utrecht-art-theft:v1") == OTHER
    assert dataset_of("no-separator") == OTHER


def test_story_scores_per_dataset_and_language() -> None:
    # tac2009: gold {a,b} {c}, pred {a,b,c}: B-cubed P = (2/3 + 2/3 + 1/3) / 3 = 5/9, R 1.
    # tac2010: gold {d,e}, pred {d} {e}: P 1, R 1/2.
    # By language, en = a, b, d: gold {a,b} {d}, pred {a,b} {d}: perfect; de = c, e alone.
    lines = [
        line("tac2009/A/1", "s1", story="x"),
        line("tac2009/A/2", "s1", story="x"),
        line("tac2009/B/3", "s1", "de", story="y"),
        line("tac2010/C/4", "s2", story="z"),
        line("tac2010/C/5", "s3", "de", story="z"),
        line("semeval8:p:1", "s4", pair="p", pair_score=1.0),  # no story label: in no group
    ]
    s = score_replay(lines)
    by_dataset = s["stories_by_dataset"]
    assert list(by_dataset) == ["tac2009", "tac2010"]
    assert by_dataset["tac2009"]["bcubed_precision"] == pytest.approx(5 / 9)
    assert by_dataset["tac2009"]["bcubed_recall"] == 1.0
    assert by_dataset["tac2010"]["bcubed_precision"] == 1.0
    assert by_dataset["tac2010"]["bcubed_recall"] == pytest.approx(1 / 2)
    assert (by_dataset["tac2009"]["items"], by_dataset["tac2010"]["items"]) == (3, 2)
    by_language = s["stories_by_language"]
    assert list(by_language) == ["de", "en"]
    assert by_language["en"]["bcubed_f1"] == 1.0
    assert (by_language["en"]["items"], by_language["de"]["items"]) == (3, 2)
    # de = c (gold y, pred s1) and e (gold z, pred s3): two singletons both ways.
    assert by_language["de"]["bcubed_f1"] == 1.0
    assert by_language["de"]["gold_clusters"] == 2


def test_no_labels_gives_empty_sections() -> None:
    s = score_replay([{"uri": "a", "story_id": "s1"}, {"uri": "b", "rejected": "not_json"}])
    assert s["labelled_items"] == 0
    assert s["stories"] == s["duplicates"] == s["stories_by_dataset"] == s["stories_by_language"] == {}


Side = tuple[str, str | None]  # (language, predicted story)


def pair(name: str, score: float, first: Side, second: Side) -> list[dict]:
    """The two lines of an article pair."""
    return [
        line(f"semeval8:{name}:{n}", story, language, pair=name, pair_score=score)
        for n, (language, story) in enumerate((first, second), 1)
    ]


def figures(f: dict) -> tuple[int, int, int, int]:
    return f["same_event"], f["same_event_joined"], f["different_events"], f["different_events_joined"]


def rejecting_first(lines: list[dict]) -> list[dict]:
    return [{**lines[0], "rejected": "too_large"}, *lines[1:]]


def test_pair_figures_by_kind_and_language_pair() -> None:
    lines = [
        *pair("p1", 1.0, ("de", "s1"), ("en", "s1")),  # cross, same event, joined
        *pair("p2", 1.5, ("zh", "s2"), ("en", "s3")),  # cross, same event (boundary), apart
        *pair("p3", 3.0, ("en", "s4"), ("de", "s4")),  # cross, different (boundary), joined
        *pair("p4", 2.0, ("de", "s5"), ("en", "s5")),  # between 1.5 and 3: not counted
        *pair("p5", 1.0, ("es", "s6"), ("es", "s6")),  # es, same event, joined
        *pair("p6", 4.0, ("es", "s7"), ("es", "s8")),  # es, different, apart
        *pair("p7", 1.2, ("en", None), ("en", None)),  # en, same event, in no story: apart
        *pair("p8", 3.7, ("en", "s9"), ("en", "s9")),  # en, different, joined
        *pair("p9", 1.0, ("en", "s10"), ("en", "s10"))[:1],  # its partner never arrived
        *pair("p10", 1.0, ("en", "s11"), ("en", "s11")),
        line("semeval8:p10:3", "s11", pair="p10", pair_score=1.0),  # three lines: not a pair
        *rejecting_first(pair("p11", 1.0, ("en", "s12"), ("en", "s12"))),
    ]
    p = pair_scores(lines)
    kinds = p["pairs"]
    assert list(kinds) == ["all", "cross_language", "same_language_non_english", "same_language_english"]
    assert figures(kinds["all"]) == (4, 2, 3, 2)
    assert (kinds["all"]["recall"], kinds["all"]["false_join_rate"]) == (0.5, pytest.approx(2 / 3))
    assert figures(kinds["cross_language"]) == (2, 1, 1, 1)
    assert figures(kinds["same_language_non_english"]) == (1, 1, 1, 0)
    assert figures(kinds["same_language_english"]) == (1, 0, 1, 1)
    assert kinds["same_language_english"]["recall"] == 0.0
    by_languages = p["pairs_by_language_pair"]
    assert list(by_languages) == ["de-en", "en-en", "en-zh", "es-es"]  # codes sorted within a pair
    assert figures(by_languages["de-en"]) == (1, 1, 1, 1)  # p4 is not counted
    assert figures(by_languages["en-zh"]) == (1, 0, 0, 0)
    assert by_languages["en-zh"]["false_join_rate"] is None  # no different-event pairs: unknown
    assert p["pairs_unmatched"] == 3  # p9, p10 and p11 (whose other line was rejected)


def test_score_replay_carries_pair_figures_and_no_pairs_gives_empty_sections() -> None:
    s = score_replay([*pair("p1", 1.0, ("de", "s1"), ("fr", "s1")), line("a", "s2", story="x")])
    assert s["pairs"]["cross_language"]["recall"] == 1.0
    assert list(s["pairs_by_language_pair"]) == ["de-fr"]
    assert s["stories"]["items"] == 1
    s = score_replay([line("a", "s1", story="x"), line("b", "s1", story="x")])
    assert s["pairs"] == s["pairs_by_language_pair"] == {}
    assert s["pairs_unmatched"] == 0
