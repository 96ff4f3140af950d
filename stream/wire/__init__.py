"""Reading wire copy: parse FORMAT.md items, normalise text, extract agencies and anchors."""

from stream.wire.item import Item, Rejection
from stream.wire.normalise import Copy, clean_copy, normalise_text
from stream.wire.parse import parse

__all__ = ["Copy", "Item", "Rejection", "clean_copy", "normalise_text", "parse"]
