"""``copydesk``: the command line for ops, the desk and tests."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import click

from stream import settings


@click.group()
def main() -> None:
    """copydesk: deduplicated wire feed and evolving stories (see README.md)."""


@main.command()
@click.argument("feed_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rate", type=float, default=None, help="Items per second (default: full speed).")
@click.option("--wait/--no-wait", default=False, help="Follow the outputs until every item is accounted for.")
@click.option("--timeout", type=float, default=600.0, show_default=True, help="Seconds to wait for outputs.")
def produce(feed_file: Path, rate: float | None, wait: bool, timeout: float) -> None:
    """Send a JSON Lines feed (.jsonl or .jsonl.gz) to the input topic, with progress."""
    from stream import kafka
    from stream.tools import produce as p

    cfg = settings.current()

    async def run() -> int:
        await kafka.ensure_topics(cfg)
        start = await kafka.end_offsets(cfg) if wait else {}
        sent = await p.send_feed(cfg, feed_file, rate)
        click.echo(f"sent {sent.records} items to {cfg.topics.name('items')}", err=True)
        if not wait:
            return 0
        counts = await p.follow_outputs(cfg, start, sent.inputs, timeout)
        done = sum(counts.values())
        summary = ", ".join(f"{cfg.topics.name(k)}: {n}" for k, n in sorted(counts.items()))
        click.echo(f"accounted for {done}/{sent.inputs} items ({summary})")
        return 0 if done >= sent.inputs else 1

    sys.exit(asyncio.run(run()))


@main.command()
@click.argument("input_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write one JSON line per input item.")
@click.option("--no-embeddings", is_flag=True, help="Cluster on words, anchors and credits only.")
@click.option("--actions", "actions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Editor actions (JSON Lines, see README 'Editor actions'), applied as the desk's clock reaches them.")
def replay(input_file: Path, out_file: Path, no_embeddings: bool, actions_file: Path | None) -> None:
    """Run the pipeline in-process (no Kafka) over a JSON Lines file, in order."""
    from stream.tools import replay as r

    cfg = settings.current()
    encode = None if no_embeddings else r.encoder_for(cfg)
    with open(out_file, "wb") as out:
        result = r.replay(input_file, cfg, encode=encode, out=out, actions=actions_file)
    click.echo(r.summary(result))
    click.echo(f"wrote {result.items} lines to {out_file}")


@main.command()
@click.argument("uri")
@click.option("--feed", "feed_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Replay this feed (JSON Lines, plain or .gz) and explain from it; without it, ask the worker.")
@click.option("--url", default=None, help="The worker (default: http://127.0.0.1:<web.port>).")
@click.option("--actions", "actions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Editor actions to apply during the replay.")
@click.option("--no-embeddings", is_flag=True, help="Cluster on words, anchors and credits only.")
def explain(uri: str, feed_file: Path | None, url: str | None, actions_file: Path | None, no_embeddings: bool) -> None:
    """Why the desk put item URI where it did: from the running worker, or by replaying FEED."""
    from urllib.parse import quote

    from stream.tools import desk_actions
    from stream.tools import replay as r
    from stream.tools.explain import explanation, from_worker

    cfg = settings.current()
    if feed_file is None:
        status, body = desk_actions.get(cfg, f"/explain?uri={quote(uri, safe='')}", url)
        if status != 200:
            raise click.ClickException(f"worker answered {status}: {body.get('error', body)}")
        click.echo(from_worker(body))
        return
    encode = None if no_embeddings else r.encoder_for(cfg)
    result = r.replay(feed_file, cfg, encode=encode, keep=False, actions=actions_file, progress=False)
    text = explanation(result.desk, uri)
    if text is None:
        raise click.ClickException(f"{uri} is not in {feed_file} (or was rejected)")
    click.echo(text)


@main.group()
@click.option("--who", default=None, help="Who acts (default: $USER).")
@click.option("--why", default=None, help="Why, for the audit trail on stories.events.")
@click.option("--url", default=None, help="The worker (default: http://127.0.0.1:<web.port>).")
@click.pass_context
def story(ctx, who: str | None, why: str | None, url: str | None) -> None:
    """Editors' actions on stories, sent to the worker (needs web.token, see README)."""
    import os

    ctx.obj = {"who": who or os.environ.get("USER") or "cli", "why": why, "url": url}


def _act(ctx, action: str, **fields) -> None:
    import orjson

    from stream.tools import desk_actions

    cfg = settings.current()
    doc = desk_actions.record(action, who=ctx.obj["who"], why=ctx.obj["why"], **fields)
    status, body = desk_actions.post(cfg, doc, ctx.obj["url"])
    if status != 202:
        raise click.ClickException(f"refused ({status}): {body.get('error', body)}")
    click.echo(orjson.dumps(body).decode())


# The story commands with two arguments: (what the action calls them, help).
_TWO_ARGUMENTS = {
    "merge": (("story", "into"), "Merge story STORY into INTO (INTO keeps its id; STORY redirects to it)."),
    "apart": (("uri", "with"), "Keep item URI out of story (or away from item) WITH, now and later."),
    "together": (("uri", "with"), "Keep items URI and WITH in one story (either may not have arrived yet)."),
    "pin": (("story", "headline"), "Pin STORY's headline (an empty HEADLINE unpins it)."),
    "rekind": (("uri", "kind"), "Say what copy item URI is (advisory, news, ...): templated copy leaves news stories."),
}


def _two_argument_command(action: str, fields: tuple[str, str], doc: str) -> None:
    @click.pass_context
    def command(ctx, **values) -> None:
        _act(ctx, action, **values)

    for name in reversed(fields):  # click applies decorators bottom-up
        command = click.argument(name)(command)
    story.command(action, help=doc)(command)


for _action, (_fields, _doc) in _TWO_ARGUMENTS.items():
    _two_argument_command(_action, _fields, _doc)


@story.command("move")
@click.argument("uri")
@click.option("--to", "to", required=True, help="A story id, or 'new' for a story of its own.")
@click.pass_context
def story_move(ctx, uri: str, to: str) -> None:
    """Move item URI into another story, or out into a new one."""
    _act(ctx, "move", uri=uri, to=to)


@main.command("eval")
@click.argument("input_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--no-embeddings", is_flag=True, help="Cluster on words, anchors and credits only.")
def evaluate(input_file: Path, as_json: bool, no_embeddings: bool) -> None:
    """Replay a labelled file; score stories, duplicate groups and article pairs against eval labels."""
    import orjson

    from stream.tools import replay as r
    from stream.evaluate import score_replay

    cfg = settings.current()
    encode = None if no_embeddings else r.encoder_for(cfg)
    result = r.replay(input_file, cfg, encode=encode)
    scores = score_replay(result.lines)
    scores["throughput_items_per_s"] = round(result.rate, 1)
    if as_json:
        click.echo(orjson.dumps(scores, option=orjson.OPT_INDENT_2).decode())
        return
    for line in report_lines(scores):
        click.echo(line)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the one copydesk ships, stream/stories/join-model.json).")
def train(files: tuple[Path, ...], out_file: Path | None) -> None:
    """Train the join model on labelled dev data and report cross-validated figures.

    With no FILES: ../shared/data/{ecbplus,tac-dev,xling-dev}.jsonl.gz and samples/desk.jsonl.
    """
    import json

    from stream.tools import replay as r
    from stream.stories import training

    cfg = settings.current()
    paths = list(files) or training.dev_paths(settings.ROOT.parent / "shared" / "data", settings.ROOT / "samples" / "desk.jsonl")
    result = training.train(paths, cfg, r.encoder_for(cfg), say=lambda m: click.echo(m, err=True))
    for threshold, by_set in result["cv"].items():
        mark = "  <- chosen" if threshold == result["threshold"] else ""
        click.echo(f"join_probability {threshold}: objective {training.objective(by_set):.4f}{mark}")
        for name, scores in by_set.items():
            click.echo(f"  {name}: " + training.describe(scores))
    out = out_file or Path(training.__file__).with_name("join-model.json")
    out.write_text(json.dumps(result["model"].to_dict(), sort_keys=True) + "\n", encoding="utf-8")
    click.echo(f"wrote {out} (version {result['model'].version}); set stories.join_probability = {result['threshold']}")


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port to serve on (default: [dashboard] port, 6067).")
@click.option("--bind", default=None, help="Address to bind (default: [dashboard] bind, 127.0.0.1).")
def dashboard(port: int | None, bind: str | None) -> None:
    """Serve the news desk dashboard (reads stories.state and stories.events)."""
    from stream.tools.dashboard import server

    cfg = settings.current()
    server.run(cfg, bind or cfg.dashboard.bind, port or cfg.dashboard.port)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON snapshot per line instead of a table.")
def stories(as_json: bool) -> None:
    """Print the current stories from the compacted stories.state topic."""
    import orjson

    from stream.tools.state import read_state, table

    current = asyncio.run(read_state(settings.current()))
    if as_json:
        for snapshot in sorted(current.values(), key=lambda s: s["updated"], reverse=True):
            click.echo(orjson.dumps(snapshot).decode())
    else:
        click.echo(table(current))


# Sections holding one score dict per group, with the fewest groups worth printing: story
# scores of a single group repeat the ``stories:`` line.
_GROUPED = {"stories_by_dataset": 2, "stories_by_language": 2, "pairs": 1, "pairs_by_language_pair": 1}


def report_lines(scores: dict) -> list[str]:
    """``section: k=v ...`` per section, ``section[group]: k=v ...`` per group, in order."""
    out = []
    for section, values in scores.items():
        if section in _GROUPED:
            if len(values) >= _GROUPED[section]:
                out.extend(f"{section}[{group}]: {_keyvalues(figures)}" for group, figures in values.items())
        elif section == "pairs_unmatched":
            if values:
                out.append(f"{section}: {values}")
        elif isinstance(values, dict):
            out.append(f"{section}: {_keyvalues(values)}")
        else:
            out.append(f"{section}: {_fmt(values)}")
    return out


def _keyvalues(values: dict) -> str:
    return "  ".join(f"{k}={_fmt(v)}" for k, v in values.items())


def _fmt(v) -> str:
    if v is None:
        return "-"  # a rate over nothing
    return f"{v:.3f}" if isinstance(v, float) else str(v)


if __name__ == "__main__":
    main()
