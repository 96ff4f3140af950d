"""Training the join model from labelled dev data (``copydesk train``).

Rows come from an *oracle* replay: each dataset is read in order, the gold stories are
built as the items arrive, and every new item is compared with the candidates the real
indexes propose (:meth:`StoryClusterer.candidates`). A row is (features, is it the item's
gold story). Items a dataset cannot label (a pair scored between 1.5 and 3, unlabelled
copy) found their own oracle story and give no rows. Templated copy gives none either: it
never meets the model.

The model is scikit-learn's ``HistGradientBoostingClassifier``, fixed seed and no early
stopping, so the same data always gives the same file. Each dataset weighs the same.

Cross-validation is grouped by event: items are split into folds by their event (an ECB+
topic, which holds two look-alike events; a TAC docset; a SemEval pair), a model is trained
on the other folds, and the real desk (duplicate window, clusterer) replays the fold's items
alone. No event is scored by a model that saw it.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from stream.evaluate import pair_scores, score_replay
from stream.settings import Settings
from stream.stories.cluster import StoryClusterer
from stream.stories.evidence import evidence, item_keys
from stream.stories.features import FEATURES, features
from stream.stories.model import JoinModel, from_sklearn
from stream.stories.story import Story
from stream.wire import Item

FOLDS = 5
TREES = dict(max_iter=200, learning_rate=0.1, max_depth=3, random_state=0, early_stopping=False)
# More of any likeness never makes a join less likely: the trees may not learn otherwise
# from the quirks of a few thousand rows.
RISING = {"cosine", "cosine_recent", "cosine_lead", "names_lead", "lexical", "headline", "names", "numbers", "credits"}
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
MAX_FALSE_JOINS = 0.05
HARDEST = 5  # candidates per item that give training rows, closest first


@dataclass
class Dataset:
    name: str
    path: Path
    items: list[Item]
    vectors: np.ndarray  # one row per item, in order
    rows: dict = field(default_factory=dict)  # X, y, group (of the query item)


def gold(item: Item) -> tuple[str, bool]:
    """(gold story, whether the item can be a training query)."""
    ev = item.raw.get("eval") or {}
    if "story" in ev:
        return str(ev["story"]), True
    if "pair" in ev:
        score = ev.get("pair_score", 2.0)
        if score <= 1.5:
            return f"pair:{ev['pair']}", True
        return item.uri, score >= 3
    return item.uri, False


def event_group(item: Item) -> str:
    """The unit folds never split: ECB+'s topic (two look-alike events), else the event."""
    ev = item.raw.get("eval") or {}
    return str(ev.get("topic") or ev.get("pair") or ev.get("story") or item.uri)


def fold(group: str, folds: int = FOLDS) -> int:
    return zlib.crc32(group.encode()) % folds  # the same in every process (no hash seed)


def load(path: Path, cfg: Settings, encode: Callable) -> Dataset:
    from stream.tools.replay import parsed

    items = [r for r in parsed(path, cfg) if isinstance(r, Item)]
    vectors = np.asarray(encode(items), dtype=np.float32)
    name = path.name.split(".")[0]
    return Dataset(name, path, items, vectors)


def oracle_rows(data: Dataset, cfg: Settings) -> dict:
    """Feature rows of every labelled news item against the candidates the indexes propose."""
    clusterer = StoryClusterer(cfg.stories)  # its indexes only: the model is never asked
    stories: dict[str, Story] = {}
    X, y, groups = [], [], []
    for item, vector in zip(data.items, data.vectors):
        if item.kind != "news" or item.is_kill:
            continue
        story_key, query = gold(item)
        clusterer.count(item.uri, item.language, sorted(item_keys(item)))
        ev = evidence(item, vector, clusterer.window)
        story = stories.get(story_key)
        if query:
            rows = [(features(ev, c.profile), int(c is story)) for c in clusterer.candidates(ev)]
            # The decision is only ever about the closest few: train on those, the hard cases.
            rows.sort(key=lambda r: -max(r[0][0], r[0][1]))
            for f, label in rows[:HARDEST]:
                X.append(f)
                y.append(label)
                groups.append(event_group(item))
        if story is None:
            story = stories[story_key] = Story.found(item.uri, item.time)
            clusterer.stories[story.id] = story
        story.profile.add(ev)
        clusterer._index(story)
    return {"X": np.array(X, dtype=np.float64).reshape(-1, len(FEATURES)), "y": np.array(y), "group": np.array(groups)}


def own_rows(data: Dataset, cfg: Settings, model: JoinModel, keep: Callable[[str], bool]) -> dict:
    """Rows against the stories a model builds itself, impure ones included.

    Trained on oracle stories only, a model never sees a story that has drifted (what it
    will meet at run time: exposure bias). So a second round replays the data with the
    first model and labels each candidate by its items' majority gold story (DAgger-style).
    """
    clusterer = StoryClusterer(cfg.stories, model)
    golds: dict[str, Counter] = defaultdict(Counter)
    X, y, groups = [], [], []
    for item, vector in zip(data.items, data.vectors):
        if item.kind != "news" or item.is_kill or not keep(event_group(item)):
            continue
        story_key, query = gold(item)
        clusterer.count(item.uri, item.language, sorted(item_keys(item)))
        ev = evidence(item, vector, clusterer.window)
        if query:
            rows = [(features(ev, c.profile), int(golds[c.id][story_key] == max(golds[c.id].values())))
                    for c in clusterer.candidates(ev) if golds[c.id]]
            rows.sort(key=lambda r: -max(r[0][0], r[0][1]))
            for f, label in rows[:HARDEST]:
                X.append(f)
                y.append(label)
                groups.append(event_group(item))
        placement = clusterer.place(item, vector, now=item.time)
        for event in placement.events:
            if event["type"] == "merged":
                golds[event["story_id"]].update(golds.pop(event["merged"], Counter()))
        golds[placement.story_id][story_key] += 1
    return {"X": np.array(X, dtype=np.float64).reshape(-1, len(FEATURES)), "y": np.array(y), "group": np.array(groups)}


def fit(datasets: list[Dataset], keep: Callable[[str], bool], threshold: float, version: str, meta=None, cfg=None) -> JoinModel:
    """A model trained on the rows whose event group ``keep`` accepts; each dataset weighs
    the same. With ``cfg``, a second round adds rows against the first model's own stories."""
    first = _fit(datasets, [d.rows for d in datasets], keep, threshold, version, meta)
    if cfg is None:
        return first
    both = [_concat(d.rows, own_rows(d, cfg, first, keep)) for d in datasets]
    return _fit(datasets, both, keep, threshold, version, meta)


def _concat(a: dict, b: dict) -> dict:
    return {k: np.concatenate([a[k], b[k]]) if len(b[k]) else a[k] for k in a}


def _fit(datasets, rows, keep, threshold, version, meta) -> JoinModel:
    from sklearn.ensemble import HistGradientBoostingClassifier

    Xs, ys, ws = [], [], []
    for r in rows:
        mask = np.array([keep(g) for g in r["group"]], dtype=bool)
        if not mask.any():
            continue
        Xs.append(r["X"][mask])
        ys.append(r["y"][mask])
        ws.append(np.full(mask.sum(), 1.0 / mask.sum()))
    X, y, w = np.vstack(Xs), np.concatenate(ys), np.concatenate(ws)
    monotonic = [1 if f in RISING else 0 for f in FEATURES]
    trees = HistGradientBoostingClassifier(**TREES, monotonic_cst=monotonic).fit(X, y, sample_weight=w * len(y))
    return JoinModel.from_dict(from_sklearn(trees, FEATURES, threshold, version, meta))


def cross_validate(datasets: list[Dataset], cfg: Settings, thresholds=THRESHOLDS, folds: int = FOLDS, progress=None) -> dict:
    """{threshold: {dataset: scores}} from replaying each fold with a model that never saw it."""
    from stream.desk import Desk
    from stream.tools.replay import replay_line

    lines: dict[float, dict[str, list]] = {t: defaultdict(list) for t in thresholds}
    for k in range(folds):
        model = fit(datasets, lambda g, k=k: fold(g, folds) != k, thresholds[0], f"cv-{k}", cfg=cfg)
        for d in datasets:
            chosen = [(i, v) for i, v in zip(d.items, d.vectors) if fold(event_group(i), folds) == k]
            vectors = {i.uri: v for i, v in chosen}
            for t in thresholds:
                fold_cfg = cfg.model_copy(update={"stories": cfg.stories.model_copy(update={"join_probability": t})})
                desk = Desk(fold_cfg, encode=lambda items: [vectors[i.uri] for i in items], model=model)
                for outcome in desk.process([i for i, _ in chosen]):
                    line = replay_line(outcome)
                    if line.get("story_id"):
                        line["story_id"] = f"{k}:{line['story_id']}"  # stories never span folds
                    lines[t][d.name].append(line)
        if progress:
            progress(k + 1, folds)
    return {t: {name: summarise(ls) for name, ls in by_set.items()} for t, by_set in lines.items()}


def summarise(lines: list[dict]) -> dict:
    scores = score_replay(lines)
    out = {}
    if scores["stories"]:
        s = scores["stories"]
        out["bcubed"] = {k: round(s[f"bcubed_{k}"], 4) for k in ("precision", "recall", "f1")}
    pairs = pair_scores(lines).get("pairs")
    if pairs:
        out["pairs"] = {kind: {"recall": v.get("recall"), "false_join_rate": v.get("false_join_rate")}
                        for kind, v in pairs.items()}
    return out


def describe(scores: dict) -> str:
    """One line: B-cubed, or pair recall / false-join rate by kind."""
    parts = []
    if "bcubed" in scores:
        b = scores["bcubed"]
        parts.append(f"B-cubed P {b['precision']:.3f} R {b['recall']:.3f} F1 {b['f1']:.3f}")
    for kind, v in scores.get("pairs", {}).items():
        if v["recall"] is not None:
            parts.append(f"{kind} recall {v['recall']:.3f} false joins {v['false_join_rate']:.3f}")
    return "; ".join(parts)


def objective(by_set: dict) -> float:
    """One figure per threshold: mean B-cubed F1 of the story sets and, for pair sets, the
    recall of each pair kind, less a penalty for every point of false joins over 5 %."""
    parts = []
    for scores in by_set.values():
        if "bcubed" in scores:
            parts.append(scores["bcubed"]["f1"])
        for kind, v in scores.get("pairs", {}).items():
            if kind == "all" or v["recall"] is None:
                continue
            over = max(0.0, (v["false_join_rate"] or 0.0) - MAX_FALSE_JOINS)
            parts.append(v["recall"] - 4 * over)
    return sum(parts) / len(parts) if parts else 0.0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


DEV_FILES = ("ecbplus.jsonl.gz", "tac-dev.jsonl.gz", "xling-dev.jsonl.gz")


def dev_paths(shared: Path, samples: Path) -> list[Path]:
    """The dev data the model is trained on: ECB+, tac-dev, xling-dev and the sample desk."""
    return [shared / name for name in DEV_FILES] + [samples]


def train(paths: list[Path], cfg: Settings, encode: Callable, say: Callable[[str], None] = print) -> dict:
    """Cross-validate, choose the join threshold, fit on everything: the model file's content."""
    import sklearn

    datasets = []
    for path in paths:
        say(f"reading and embedding {path} ...")
        d = load(path, cfg, encode)
        d.rows = oracle_rows(d, cfg)
        say(f"  {len(d.items)} items, {len(d.rows['y'])} rows, {int(d.rows['y'].sum())} joins")
        datasets.append(d)
    say(f"cross-validating ({FOLDS} folds grouped by event, thresholds {', '.join(map(str, THRESHOLDS))}) ...")
    cv = cross_validate(datasets, cfg, progress=lambda k, n: say(f"  fold {k}/{n}"))
    best = max(cv, key=lambda t: (round(objective(cv[t]), 4), -t))
    meta = {
        "trained_on": {d.path.name: {"sha256": digest(d.path), "items": len(d.items), "rows": len(d.rows["y"])}
                       for d in datasets},
        "encoder": cfg.embeddings.backend,
        "max_tokens": cfg.embeddings.max_tokens,
        "scikit_learn": sklearn.__version__,
        "trees": {k: v for k, v in TREES.items()},
        "cross_validation": {str(t): {"objective": round(objective(r), 4), **r} for t, r in cv.items()},
        "chosen_threshold": best,
    }
    model = fit(datasets, lambda g: True, best, "", meta, cfg=cfg)
    trees = json.dumps(model.to_dict()["trees"], sort_keys=True).encode()
    model.version = "join-" + hashlib.sha256(trees).hexdigest()[:10]  # names exactly these trees
    return {"model": model, "cv": cv, "threshold": best}
