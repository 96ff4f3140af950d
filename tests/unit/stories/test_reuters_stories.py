"""Real Reuters-21578 copy: earnings briefs and market tables stay out of news stories."""

from __future__ import annotations

import gzip
import itertools
import re
from collections import defaultdict

import pytest

from stream import settings
from stream.tools.replay import replay

pytestmark = pytest.mark.model
TICKER = re.compile(r"<([A-Z][A-Z0-9.]{0,9})>")


@pytest.fixture(scope="module")
def reuters_stories(shared_data, tmp_path_factory, encode):
    feed = tmp_path_factory.mktemp("reuters") / "reuters-4000.jsonl"
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rb") as fh:
        feed.write_bytes(b"".join(itertools.islice(fh, 4000)))
    result = replay(feed, settings.load(), encode=encode, progress=False)
    stories = defaultdict(list)
    for line in result.lines:
        if line.get("story_id"):
            stories[line["story_id"]].append(line)
    return result.desk, stories


def test_no_story_mixes_many_companies_or_grows_without_bound(reuters_stories):
    _, stories = reuters_stories
    tickers = {sid: {t for m in members for t in TICKER.findall(m["headline"] or "")} for sid, members in stories.items()}
    assert max(len(t) for t in tickers.values()) < 8
    assert max(len(m) for m in stories.values()) <= 150


def test_templated_copy_never_shares_a_story_with_news(reuters_stories):
    desk, stories = reuters_stories
    kinds = {sid: {m["copy_kind"] for m in members} for sid, members in stories.items()}
    mixed = [k for k in kinds.values() if "news" in k and len(k) > 1]
    assert not mixed
    earnings = [sid for sid, k in kinds.items() if k == {"earnings"}]
    assert len(earnings) > 200  # Reuters' results season is there, and kept apart
