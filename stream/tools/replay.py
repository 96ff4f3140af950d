"""Replay a JSON Lines feed through the desk in-process (no Kafka): one output line per item.

Items are read in file order; an item without ``versioncreated`` takes the previous item's
time. Rejected lines are written too (``rejected`` and ``detail``), never skipped.

Editor actions (``actions=``, a JSON Lines file of :mod:`stream.actions` records) are
applied as the desk would get them: a record without ``time`` stands from the start, one
with ``time`` is applied once the desk's clock reaches it (before the next item), and those
the feed never reaches after its last item. A bad record, or one that cannot be applied,
is reported with its reason and the replay goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import orjson
from tqdm import tqdm

from stream.actions import Action, ActionError, read_actions
from stream.tools import jsonl as feed
from stream.desk import Desk
from stream.settings import Settings
from stream.wire import Item, Rejection
from stream.wire.parse import parse

BATCH = 64  # items judged together so their new copy is embedded in one batch


@dataclass
class ReplayResult:
    lines: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    desk: Desk | None = None
    actions: list[dict] = field(default_factory=list)  # applied: {line, id, action, events}
    action_errors: list[dict] = field(default_factory=list)  # {line, reason}
    alerts: list[dict] = field(default_factory=list)  # breaking and feed alerts, in order

    @property
    def items(self) -> int:
        return len(self.lines)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


def encoder_for(cfg: Settings):
    """The configured encoder as the desk's ``encode`` callable (items -> vectors)."""
    from embeddings import item_encoder
    from stream.settings import encoder_config

    return item_encoder(encoder_config(cfg))


def parsed(path: Path, cfg: Settings) -> Iterator[Item | Rejection]:
    last_time: float | None = None
    for line in feed.lines(path):
        result = parse(
            line,
            fallback_time=last_time,
            max_item_bytes=cfg.input.max_item_bytes,
            max_body_chars=cfg.input.max_body_chars,
            max_nesting=cfg.input.max_nesting,
        )
        if isinstance(result, Item):
            last_time = result.time
        yield result


def chunks(results: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for r in results:
        chunk.append(r)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Timetable:
    """Actions in the order they stand: untimed first (file order), then by time."""

    def __init__(self, result: ReplayResult, records: list[tuple[int, Action]]) -> None:
        self.result = result
        self.pending = sorted(records, key=lambda r: (r[1].time is not None, r[1].time or 0.0, r[0]))

    def due(self, desk: Desk, now: float | None = None) -> None:
        """Apply every action whose time the desk's clock has reached (all: ``now`` inf)."""
        now = desk.clock.now if now is None else now
        applied = False
        while self.pending and (self.pending[0][1].time is None or self.pending[0][1].time <= now):
            line, action = self.pending.pop(0)
            try:
                events = desk.act(action)
            except ActionError as exc:
                self.result.action_errors.append({"line": line, "id": action.id, "reason": str(exc)})
                continue
            self.result.actions.append({"line": line, "id": action.id, "action": action.action, "events": events})
            applied = True
        if applied:
            desk.flush()


def load_actions(path: Path, result: ReplayResult) -> list[tuple[int, Action]]:
    good = []
    for line, parsed_ in read_actions(feed.lines(path)):
        if isinstance(parsed_, ActionError):
            result.action_errors.append({"line": line, "reason": str(parsed_)})
        else:
            good.append((line, parsed_))
    return good


def replay(
    path: Path, cfg: Settings, encode=None, out: IO[bytes] | None = None, progress: bool = True, keep: bool = True,
    actions: Path | None = None,
) -> ReplayResult:
    """Run the desk over ``path``; write a JSON line per input item to ``out``."""
    desk = Desk(cfg, encode=encode)
    result = ReplayResult(desk=desk)
    timetable = Timetable(result, load_actions(actions, result)) if actions else None
    total = feed.count(path) if progress else None
    started = time.perf_counter()
    with tqdm(total=total, unit="item", desc="replay", disable=not progress, smoothing=0.1) as bar:
        for chunk in chunks(parsed(path, cfg), BATCH):
            items = [r for r in chunk if isinstance(r, Item)]
            outcomes = desk.process(items, before=timetable and (lambda: timetable.due(desk)))
            for o in outcomes:
                result.alerts += [] if o.repeated else o.alerts
            decided = iter(outcomes)
            for r in chunk:
                line = rejected_line(r) if isinstance(r, Rejection) else replay_line(next(decided))
                if isinstance(r, Rejection):
                    result.rejected.append(line)
                if keep:
                    result.lines.append(line)
                if out is not None:
                    out.write(orjson.dumps(line) + b"\n")
            bar.update(len(chunk))
    if timetable:
        timetable.due(desk, float("inf"))  # the rest: after the feed's last item
    result.seconds = time.perf_counter() - started
    return result


def replay_line(outcome) -> dict:
    """The output record (without the passed-through item), plus its gold labels if any."""
    line = dict(outcome.record)
    gold = outcome.item.raw.get("eval")
    if gold:
        line["eval"] = gold
    return line


def rejected_line(rejection: Rejection) -> dict:
    return {"uri": rejection.uri, "rejected": rejection.reason, "detail": rejection.detail}


def summary(result: ReplayResult, top: int = 10) -> str:
    """Stories by size, then rejections with their reasons."""
    desk = result.desk
    sizes = Counter(line["story_id"] for line in result.lines if line.get("story_id"))
    kinds = Counter(line.get("dup_kind") or "new" for line in result.lines if "rejected" not in line)
    out = [
        f"{result.items} items in {result.seconds:.1f}s ({result.rate:.0f} items/s): "
        f"{len(sizes)} stories; " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())),
    ]
    for sid, n in sizes.most_common(top):
        snap = desk.snapshot(sid) if desk and sid in desk.clusterer.stories else {}
        agencies = ", ".join(snap.get("agencies", [])) or "-"
        out.append(f"  {sid}  {n:4d} items  [{agencies}]  {snap.get('headline', '')[:90]}")
    if result.actions or result.action_errors:
        out.append(f"{len(result.actions)} editor actions applied, {len(result.action_errors)} not:")
        for a in result.action_errors:
            out.append(f"  actions line {a['line']}: {a['reason']}")
    breaking = [a for a in result.alerts if a["type"] == "breaking"]
    if breaking:
        out.append(f"{len(breaking)} breaking alerts")
    if result.rejected:
        out.append(f"{len(result.rejected)} rejected:")
        for r in result.rejected:
            out.append(f"  {r['uri'] or '(no uri)'}: {r['rejected']} ({r['detail']})")
    return "\n".join(out)
