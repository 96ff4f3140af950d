"""The ``copydesk eval`` report, over canned replay lines (no model, no broker)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stream.tools import cli, replay
from stream.evaluate import score_replay


def line(uri: str, story_id: str, language: str = "en", **gold) -> dict:
    return {"uri": uri, "story_id": story_id, "dup_of": None, "language": language, "eval": gold}


LINES = [
    line("tac2009/A/1", "s1", story="x"),
    line("tac2009/A/2", "s1", story="x"),
    line("tac2010/B/3", "s2", story="y"),
    line("semeval8:p:1", "s3", "de", pair="p", pair_score=1.0),
    line("semeval8:p:2", "s3", "en", pair="p", pair_score=1.0),
]


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(replay, "replay", lambda *a, **k: replay.ReplayResult(lines=LINES, seconds=1.0))
    path = tmp_path / "in.jsonl"
    path.write_text("")
    return path


def sections(lines: list[str]) -> list[str]:
    return [l.split(":", 1)[0] for l in lines]


def test_eval_prints_stories_first_then_one_line_per_group(canned: Path) -> None:
    result = CliRunner().invoke(cli.main, ["eval", str(canned), "--no-embeddings"])
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert sections(out) == [
        "stories", "duplicates", "labelled_items",
        "stories_by_dataset[tac2009]", "stories_by_dataset[tac2010]",  # no by-language: all en
        "pairs[all]", "pairs[cross_language]", "pairs[same_language_non_english]",
        "pairs[same_language_english]", "pairs_by_language_pair[de-en]",
        "throughput_items_per_s",
    ]
    assert out[0].startswith("stories: bcubed_precision=1.000  ")
    assert "pairs[cross_language]: same_event=1  same_event_joined=1  recall=1.000  different_events=0  " \
           "different_events_joined=0  false_join_rate=-" in out


def test_eval_json_holds_every_section(canned: Path) -> None:
    result = CliRunner().invoke(cli.main, ["eval", str(canned), "--no-embeddings", "--json"])
    scores = json.loads(result.output)
    assert list(scores["stories_by_language"]) == ["en"]  # printed only for two or more
    assert scores["pairs"]["cross_language"]["false_join_rate"] is None
    assert scores["pairs_unmatched"] == 0
    assert scores["throughput_items_per_s"] == 5.0


def test_single_group_and_empty_sections_are_not_printed() -> None:
    scores = score_replay([line("ap:1", "s1", story="x"), line("ap:2", "s1", "de", story="x")])
    lines = cli.report_lines(scores)
    # One dataset (the samples' agency prefixes are no corpus) but two languages; no pairs.
    assert sections(lines) == ["stories", "duplicates", "labelled_items",
                               "stories_by_language[de]", "stories_by_language[en]"]


def test_story_commands_send_the_action_records_the_desk_reads(monkeypatch):
    from click.testing import CliRunner

    from stream.actions import parse_action
    from stream.tools import cli, desk_actions

    sent = []
    monkeypatch.setattr(desk_actions, "post", lambda cfg, doc, url: (sent.append(doc), (202, {"id": "a"}))[1])
    runner = CliRunner()
    for args in (["merge", "st-b", "st-a"], ["apart", "u1", "st-a"], ["together", "u1", "u2"],
                 ["pin", "st-a", "Quake"], ["rekind", "u1", "advisory"], ["move", "u1", "--to", "new"]):
        assert runner.invoke(cli.main, ["story", "--who", "ed", *args]).exit_code == 0
    assert [parse_action(d).action for d in sent] == ["merge", "apart", "together", "pin", "rekind", "move"]
    assert sent[0] == {"action": "merge", "who": "ed", "story": "st-b", "into": "st-a"}
    assert sent[1]["with"] == "st-a" and sent[5]["to"] == "new"
    monkeypatch.setattr(desk_actions, "post", lambda cfg, doc, url: (401, {"error": "missing or wrong token"}))
    refused = runner.invoke(cli.main, ["story", "--who", "ed", "pin", "st-a", "Quake"])
    assert refused.exit_code != 0 and "wrong token" in refused.output
