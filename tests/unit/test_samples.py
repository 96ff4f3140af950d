"""The sample feeds in samples/: valid FORMAT items, the intended bad records, reproducible bytes.

These tests check the files against FORMAT.md directly (a small reference check written here),
not through the pipeline's parser, so a parser bug cannot hide a broken sample or vice versa.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT
SAMPLES = ROOT / "samples"
FEEDS = ("desk.jsonl", "raqqa.jsonl")
GENERATED = ("raqqa.jsonl", "desk.jsonl", "bad.jsonl")
PUBSTATUS = {"usable", "withheld", "canceled"}
AGENCIES = {"AP", "AFP", "Reuters", "dpa"}

# What each line of bad.jsonl is meant to be rejected for, in order (see samples/README.md).
BAD_EXPECTED = [
    "not_json",  # truncated JSON object
    "not_json",  # a line of wire furniture, not JSON at all
    "invalid_utf8",  # Latin-1 bytes
    "not_object",  # a JSON array holding an item
    "not_object",  # a JSON string
    "missing_uri",  # no uri key
    "missing_uri",  # empty uri
    "no_text",  # neither headline nor body
    "no_text",  # whitespace-only headline and body
]


def violation(line: bytes) -> str | None:
    """The FORMAT.md rule a JSON Lines record breaks, or None for a valid item."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "invalid_utf8"
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return "not_json"
    if not isinstance(obj, dict):
        return "not_object"
    uri = obj.get("uri")
    if not isinstance(uri, str) or not uri.strip():
        return "missing_uri"
    if not any(isinstance(obj.get(k), str) and obj[k].strip() for k in ("headline", "body_text", "body_html")):
        return "no_text"
    return None


def lines_of(name: str) -> list[bytes]:
    data = (SAMPLES / name).read_bytes()
    assert data.endswith(b"\n"), f"{name} must end with a newline"
    return data[:-1].split(b"\n")


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in lines_of(name)]


def when(s: str) -> dt.datetime:
    t = dt.datetime.fromisoformat(s)
    assert t.tzinfo is not None, f"{s} has no time zone"
    return t


def paragraphs(it: dict) -> list[str]:
    if it.get("body_text"):
        return it["body_text"].split("\n\n")
    if it.get("body_html"):
        return re.findall(r"<p>(.*?)</p>", it["body_html"])
    return []


@pytest.fixture(scope="module")
def desk() -> list[dict]:
    return load("desk.jsonl")


@pytest.fixture(scope="module")
def raqqa() -> list[dict]:
    return load("raqqa.jsonl")


# --- every sample line is a valid FORMAT item ------------------------------------------------


@pytest.mark.parametrize("name", FEEDS)
def test_every_line_is_a_valid_item(name):
    lines = lines_of(name)
    assert lines
    bad = [(n, violation(line)) for n, line in enumerate(lines, 1) if violation(line)]
    assert not bad, f"{name}: invalid lines {bad[:5]}"
    items = [json.loads(line) for line in lines]
    uris = [i["uri"] for i in items]
    assert len(set(uris)) == len(uris), f"duplicate uris: {[u for u, c in Counter(uris).items() if c > 1]}"
    times = [when(i["versioncreated"]) for i in items]
    assert all(a <= b for a, b in zip(times, times[1:])), "versioncreated must not decrease"
    for it, t in zip(items, times):
        assert it.get("pubstatus", "usable") in PUBSTATUS, it["uri"]
        if "firstcreated" in it:
            assert when(it["firstcreated"]) <= t, it["uri"]
        for key in ("headline", "body_text", "body_html", "slugline", "language", "copyrightholder"):
            assert key not in it or isinstance(it[key], str), (it["uri"], key)
        assert isinstance(it.get("eval", {}).get("story"), str), it["uri"]
        assert isinstance(it["eval"].get("dup_group"), str), it["uri"]


def test_uris_unique_across_feeds(desk, raqqa):
    uris = [i["uri"] for i in desk + raqqa]
    assert len(set(uris)) == len(uris)


@pytest.mark.parametrize("name", FEEDS)
def test_labels_are_consistent(name):
    items = load(name)
    story_of = defaultdict(set)
    for it in items:
        story_of[it["eval"]["dup_group"]].add(it["eval"]["story"])
    assert all(len(s) == 1 for s in story_of.values()), "a dup_group spans two stories"
    # versions within a group carry one holder and count up
    by_group = defaultdict(list)
    for it in items:
        by_group[it["eval"]["dup_group"]].append(it)
    for group, members in by_group.items():
        assert len({m["copyrightholder"] for m in members}) == 1, group
        versions = [int(m["version"]) for m in members if "version" in m]
        assert versions == sorted(versions), group


# --- the dead letter demo ---------------------------------------------------------------------


def test_bad_records_violate_format_as_intended():
    lines = lines_of("bad.jsonl")
    assert [violation(line) for line in lines] == BAD_EXPECTED


def test_bad_records_match_the_generator():
    sys.path.insert(0, str(SAMPLES))
    try:
        import build
    finally:
        sys.path.remove(str(SAMPLES))
    assert [reason for reason, _ in build.bad_records()] == BAD_EXPECTED


# --- reproducible -----------------------------------------------------------------------------


def test_build_output_is_byte_identical(tmp_path):
    subprocess.run([sys.executable, str(SAMPLES / "build.py"), "--out", str(tmp_path)], check=True, timeout=120)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), (
            f"samples/{name} is stale: run python samples/build.py"
        )


# --- the desk demo feed -----------------------------------------------------------------------


def test_desk_size_and_spread(desk):
    assert 300 <= len(desk) <= 400
    stories = {i["eval"]["story"] for i in desk}
    assert 40 <= len(stories) <= 60
    span = when(desk[-1]["versioncreated"]) - when(desk[0]["versioncreated"])
    assert dt.timedelta(hours=36) <= span <= dt.timedelta(hours=48)
    holders = Counter(i["copyrightholder"] for i in desk)
    assert AGENCIES <= set(holders)
    assert "DW" in holders and len(set(holders) - AGENCIES) >= 2  # DW and a regional paper


def test_desk_version_mechanics(desk):
    slugs = [i.get("slugline") or "" for i in desk]
    heads = [i.get("headline") or "" for i in desk]
    assert any(s.endswith(", Urgent") for s in slugs)
    assert any(h.startswith("URGENT") for h in heads)
    assert any("1st Ld-Writethru" in s for s in slugs) and any("2nd Ld-Writethru" in s for s in slugs)
    assert any(s.startswith("UPDATE 1-") for s in slugs) and any(s.startswith("UPDATE 2-") for s in slugs)
    assert any(h.startswith("REFILE-") for h in heads)
    assert any(h.startswith("CORRECTED-") for h in heads)
    assert any(i.get("pubstatus") == "withheld" for i in desk)
    # exact re-sends: same copy under a new uri, in the same dup group
    seen = {}
    resends = 0
    for it in desk:
        key = (it["copyrightholder"], it.get("headline"), it.get("body_text"), it.get("body_html"))
        if key in seen:
            assert seen[key]["eval"]["dup_group"] == it["eval"]["dup_group"], it["uri"]
            resends += 1
        seen[key] = it
    assert resends >= 5
    # refiles repeat the previous version, identical or with one word changed
    previous = {}
    refiles = 0
    for it in desk:
        group = it["eval"]["dup_group"]
        if it.get("headline", "").startswith("REFILE-"):
            before = [p for p in paragraphs(previous[group]) if not p.startswith("(")]
            after = [p for p in paragraphs(it) if not p.startswith("(")]
            ops = difflib.SequenceMatcher(None, " ".join(before).split(), " ".join(after).split()).get_opcodes()
            changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
            assert changed <= 1, (it["uri"], changed)
            refiles += 1
        previous[group] = it
    assert refiles >= 3


def test_desk_kills(desk):
    kills = [i for i in desk if i.get("pubstatus") == "canceled"]
    assert kills
    by_uri = {i["uri"]: (n, i) for n, i in enumerate(desk)}
    for k in kills:
        assert k["uri"].endswith(":kill")
        n, killed = by_uri[k["uri"].removesuffix(":kill")]
        assert n < by_uri[k["uri"]][0], "a kill follows the item it kills"
        assert killed["slugline"] == k["slugline"]
        assert killed["eval"] == k["eval"]


def test_desk_publisher_rewrites_credit_agencies_on_the_story(desk):
    agencies_on = defaultdict(set)
    for it in desk:
        if it["copyrightholder"] in AGENCIES:
            agencies_on[it["eval"]["story"]].add(it["copyrightholder"])
    rewrites = [i for i in desk if i["copyrightholder"] not in AGENCIES]
    assert len(rewrites) >= 10
    for it in rewrites:
        signoff = paragraphs(it)[-1]
        credited = {a for a in AGENCIES if re.search(rf"\b{a}\b", signoff)}
        assert credited, (it["uri"], signoff)
        assert credited <= agencies_on[it["eval"]["story"]], it["uri"]


def test_desk_languages_html_and_escaping_demo(desk):
    german = [i for i in desk if i["language"] == "de"]
    assert german and all(i["copyrightholder"] == "dpa" for i in german)
    for it in german:
        assert any(o["language"] == "en" and o["eval"]["story"] == it["eval"]["story"] for o in desk)
    assert sum("body_html" in i for i in desk) >= 3
    hostile = [i for i in desk if i.get("headline") == "<img src=x onerror=alert(1)>"]
    assert len(hostile) == 1 and violation(json.dumps(hostile[0]).encode()) is None
    assert any("&amp;" in i.get("body_html", "") for i in desk)


def test_desk_bodies_look_like_wire_copy(desk):
    for it in desk:
        paras = paragraphs(it)
        if it["copyrightholder"] in AGENCIES and paras and it.get("pubstatus") != "canceled":
            lead = next(p for p in paras if not p.startswith("("))
            assert re.search(r"\((AP|AFP|Reuters|dpa)\) [—-] ", lead), (it["uri"], lead[:80])
    full = [i for i in desk if len(paragraphs(i)) >= 3]
    assert len(full) >= 0.8 * len(desk)
    reuters = [i for i in desk if i["copyrightholder"] == "Reuters" and i.get("body_text")
               and i.get("pubstatus") != "canceled"]
    assert all(paragraphs(i)[-1].startswith("(Reporting by") for i in reuters)


# --- the Raqqa seed scenario ------------------------------------------------------------------


def test_raqqa_seed_items(raqqa):
    story = [i for i in raqqa if i["eval"]["story"] == "raqqa-offensive"]
    assert [(i["copyrightholder"], i["versioncreated"][11:16]) for i in story] == [
        ("AP", "09:40"), ("AFP", "10:15"), ("AP", "12:55")]
    ap1, afp, ap2 = story
    assert ap1["body_text"].startswith("BEIRUT (AP) —") and afp["body_text"].startswith("Beirut (AFP) -")
    assert ap2["slugline"].endswith("1st Ld-Writethru") and ap2["eval"]["dup_group"] == ap1["eval"]["dup_group"]
    assert afp["eval"]["dup_group"] != ap1["eval"]["dup_group"]
    # a real write-thru: new top, most paragraphs rewritten
    old = set(paragraphs(ap1))
    new = paragraphs(ap2)
    assert new[0] not in old and sum(p not in old for p in new) > len(new) / 2
    # the DW rewrite is not in the file: the harness adds it at 14:00Z, after everything here
    assert "DW" not in {i["copyrightholder"] for i in raqqa}
    assert all(i["versioncreated"] < "2016-06-04T14:00:00Z" for i in raqqa)
    assert all(i["language"] == "en" for i in raqqa)


def test_raqqa_distractors(raqqa):
    others = [i for i in raqqa if i["eval"]["story"] != "raqqa-offensive"]
    assert 10 <= len(others) <= 15
    assert len({i["eval"]["story"] for i in others}) >= 10
    syria = [i for i in others if "Syria" in i["body_text"] or "Syrian" in i["body_text"]]
    assert len(syria) >= 3  # other Syria copy that must stay out of the Raqqa story


def shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_raqqa_agency_copy_shares_sentences_with_dw(raqqa, shared_data):
    dw = shingles((shared_data / "dw-raqqa-2016-06-04.txt").read_text(encoding="utf-8"))
    overlap = {i["uri"]: len(shingles(i["headline"] + " " + i["body_text"]) & dw) for i in raqqa}
    for uri in ("ap:2016-06-04:syria-raqqa:v1", "afp:2016-06-04:syria-conflict-is-raqqa:v1"):
        assert overlap[uri] >= 30, (uri, overlap[uri])
    for it in raqqa:
        if it["eval"]["story"] != "raqqa-offensive":
            assert overlap[it["uri"]] <= 5, it["uri"]
