"""Items and stored state for the desk's tests of editor actions and alerts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import orjson

from stream.wire import Item
from stream.wire.parse import parse

STRIKE = ("Dock workers strike in Rotterdam",
          "ROTTERDAM - Dock workers at Rotterdam, Europe's biggest port, walked out on Monday over pay, halting "
          "container traffic at the main terminals, the FNV union said. The strike is the first in a decade.")
FIRE = ("Wildfire forces evacuations near Marseille",
        "MARSEILLE - A wildfire driven by strong winds forced hundreds of people from their homes north of "
        "Marseille on Tuesday, firefighters said, as water bombers tried to stop it reaching the suburbs.")


def at(minutes: float) -> str:
    when = datetime(2019, 8, 5, 8, tzinfo=timezone.utc) + timedelta(minutes=minutes)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def wire(uri: str, text: tuple[str, str], minutes: float, holder: str = "AP", **fields) -> Item:
    doc = {"uri": uri, "headline": text[0], "body_text": text[1], "versioncreated": at(minutes),
           "copyrightholder": holder, "language": "en", **fields}
    item = parse(orjson.dumps(doc))
    assert isinstance(item, Item)
    return item


def as_stored(table: dict) -> dict:
    """A state mapping as it comes back from a changelog: JSON."""
    return {k: orjson.loads(orjson.dumps(v)) for k, v in table.items()}


def rebuilt(desk, cls):
    """A new desk over ``desk``'s state, as after a restart."""
    desk.flush()
    return cls(desk.cfg, items=as_stored(desk.items), stories=as_stored(desk.stories), meta=as_stored(desk.meta),
               members=as_stored(desk.members), actions=as_stored(desk.actions),
               alerts=as_stored(desk.breaking.state), feeds=as_stored(desk.feeds.state))
