"""Duplicate detection over the wire: exact copies, near duplicates, versions and kills.

Pure Python (numpy + datasketch), no Faust: ``fingerprint`` computes signatures and hashes,
``window`` keeps the sliding duplicate window, ``revision`` says what a version changed and
``verdict`` is the answer handed to the stream layer.

>>> from stream.settings import Dedup
>>> from stream.wire.item import Item
>>> win = DuplicateWindow(Dedup())
>>> win.observe(Item("ap:1", 0.0, "Quake", "en", agency="AP", norm_headline="quake hits chile")).verdict
Verdict(uri='ap:1', dup_of=None, kind=None, similarity=0.0, matched=None, tie=None, containment=0.0, revision=None, retracts=None, retracted_by=None)
"""

from stream.dedup.fingerprint import exact_hash, from_bytes, item_signature, jaccard, signature, to_bytes
from stream.dedup.revision import Revision, diff
from stream.dedup.verdict import Observation, Verdict
from stream.dedup.window import DuplicateWindow

__all__ = [
    "DuplicateWindow",
    "Observation",
    "Revision",
    "Verdict",
    "diff",
    "exact_hash",
    "from_bytes",
    "item_signature",
    "jaccard",
    "signature",
    "to_bytes",
]
