"""Helpers for the dashboard tests: story snapshots shaped like the desk's (see
``stream.stories.cluster.StoryClusterer.snapshot``)."""

from __future__ import annotations

import pytest


def member(uri: str, time: float, agency: str, kind: str = "new", headline: str = "", **extra) -> dict:
    m = {
        "uri": uri,
        "time": time,
        "agency": agency,
        "is_agency": agency in {"AP", "AFP", "Reuters", "dpa"},
        "kind": kind,
        "headline": headline or f"{agency} copy {uri}",
        "language": "en",
        "dup_of": None,
    }
    m.update(extra)
    return m


def snapshot(sid: str, headline: str, members: list[dict], status: str = "active", **extra) -> dict:
    live = [m for m in members if m["kind"] != "kill"]
    first = min((m for m in live if m["is_agency"]), key=lambda m: m["time"], default=None)
    kinds = {k: sum(1 for m in members if m["kind"] == k) for k in ("new", "version", "duplicate", "rewrite", "kill")}
    snap = {
        "id": sid,
        "status": status,
        "merged_into": None,
        "headline": headline,
        "created": min((m["time"] for m in members), default=0.0),
        "updated": max((m["time"] for m in members), default=0.0),
        "first_report": first and {k: first[k] for k in ("uri", "agency", "time")},
        "agencies": sorted({m["agency"] for m in live if m["is_agency"]}),
        "publishers": sorted({m["agency"] for m in live if not m["is_agency"]}),
        "languages": sorted({m["language"] for m in live}),
        "counts": {"items": len(members), **kinds},
        "timeline": members,
        "provenance": {m["uri"]: m["provenance"] for m in members if m.get("provenance")},
    }
    snap.update(extra)
    return snap


@pytest.fixture
def quake() -> dict:
    return snapshot(
        "st-quake",
        "Strong earthquake hits eastern Turkey",
        [
            member("reuters:q1", 1000.0, "Reuters", headline="Strong earthquake hits eastern Turkey"),
            member("ap:q1", 1100.0, "AP", headline="Quake in eastern Turkey kills at least 4"),
            member("ap:q2", 1200.0, "AP", "version", "Quake in eastern Turkey kills 8", dup_of="ap:q1"),
            member(
                "dw:q", 1300.0, "DW", "rewrite", "Deadly quake rattles Malatya",
                provenance=[{"uri": "ap:q1", "agency": "AP", "share": 0.4}, {"uri": "reuters:q1", "agency": "Reuters", "share": 0.2}],
            ),
        ],
    )


@pytest.fixture
def markets() -> dict:
    return snapshot(
        "st-markets",
        "Asian shares slide as chip warning rattles tech",
        [member("reuters:m1", 500.0, "Reuters", headline="Asian shares slide as chip warning rattles tech")],
    )
