"""Reading wire copy: parse FORMAT.md items, normalise text, extract agencies and anchors."""

from stream.wire.item import Item, Rejection

__all__ = ["Item", "Rejection"]
