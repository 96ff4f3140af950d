"""Wire fixtures: the development corpora, parsed once per session (skipped without the data)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from stream.wire import Item, Rejection, parse

DW_HEADLINE = "'IS' under attack on two fronts in Raqqa"


def _parse_file(path: Path) -> list[tuple[bytes, Item | Rejection]]:
    with gzip.open(path) as lines:
        return [(line, parse(line)) for line in lines]


@pytest.fixture(scope="session")
def reuters(shared_data: Path) -> list[tuple[bytes, Item | Rejection]]:
    """Every Reuters-21578 line with what ``parse`` made of it."""
    return _parse_file(shared_data / "reuters21578.jsonl.gz")


@pytest.fixture(scope="session")
def ecbplus(shared_data: Path) -> list[tuple[bytes, Item | Rejection]]:
    return _parse_file(shared_data / "ecbplus.jsonl.gz")


@pytest.fixture(scope="session")
def dw_text(shared_data: Path) -> str:
    """The Deutsche Welle rewrite, page furniture and all."""
    return (shared_data / "dw-raqqa-2016-06-04.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dw_headline() -> str:
    return DW_HEADLINE


@pytest.fixture(scope="session")
def dw_item(dw_text: str) -> Item:
    item = parse({"uri": "dw:1J0fw", "copyrightholder": "DW", "headline": DW_HEADLINE,
                  "versioncreated": "2016-06-04T15:00:00Z", "body_text": dw_text})
    assert isinstance(item, Item)
    return item
