"""The intake -> desk record: an item as intake parsed it, with its signature and vector.

The desk never parses again: the record carries the item's fields, the input record's bytes
(passed through to the outputs untouched), the MinHash signature and the embedding.
Binary, not JSON throughout: the item's bytes travel as they came (JSON would escape every
quote in them, doubling a hostile record) and the arrays as raw little-endian values
(:func:`embeddings.to_bytes`, the one vector encoding copydesk uses).

    b"CDP2" | u32 header length | header (JSON: the item's fields, sizes) | item bytes | signature | vector

>>> import numpy as np
>>> from stream.wire import parse
>>> item = parse(b'{"uri": "ap:1", "headline": "Quake hits Iran", "versioncreated": "2016-06-04T13:05Z"}')
>>> sig = np.arange(4, dtype=np.uint64)
>>> h = unpack(pack(item, sig, np.array([0.6, 0.8], dtype=np.float32), 13.0, key=b"ap:1", source="wire.items/2/41"))
>>> h.item == item, h.item.source == item.source, h.received, h.signature.tolist(), h.vector.tolist()
(True, True, 13.0, [0, 1, 2, 3], [0.6000000238418579, 0.800000011920929])
>>> h.key, h.source, unpack(pack(item, sig, None, 13.0)).vector is None
(b'ap:1', 'wire.items/2/41', True)

An editor's action reaches the desk on the same topic, in order with the items, as the
record it came in (``CDA1`` and its bytes, then where it came from):

>>> a = pack_action(b'{"action": "pin", "story": "st-1", "headline": "Quake"}', "desk.actions/0/7")
>>> is_action(a), unpack_action(a)
(True, (b'{"action": "pin", "story": "st-1", "headline": "Quake"}', 'desk.actions/0/7'))
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, fields

import numpy as np
import orjson

from embeddings import from_bytes, to_bytes
from stream.wire import Item

MAGIC = b"CDP2"
ACTION = b"CDA1"
_LEN = struct.Struct("<I")
_SIG = np.dtype("<u8")
_SETS = {"numbers", "names"}  # frozensets in the item, lists in JSON
_TUPLES = {"credits", "paragraphs", "norm_paragraphs"}
_CARRIED = [f.name for f in fields(Item) if f.name not in ("raw", "source")]


@dataclass(frozen=True)
class Handoff:
    item: Item
    received: float  # the input record's Kafka timestamp
    signature: np.ndarray
    vector: np.ndarray | None
    key: bytes | None = None  # the input record's key and where it was read: a dead letter
    source: str | None = None  # from the desk still names the record as it came


def pack(item: Item, signature: np.ndarray, vector: np.ndarray | None, received: float,
         key: bytes | None = None, source: str | None = None) -> bytes:
    sig = np.ascontiguousarray(signature, dtype=_SIG).tobytes()
    vec = b"" if vector is None else to_bytes(vector)
    fields_ = {name: getattr(item, name) for name in _CARRIED}
    for name in _SETS:
        fields_[name] = sorted(fields_[name])
    header = orjson.dumps({
        "item": fields_, "received": received, "raw": len(item.source), "sig": len(sig), "vec": len(vec),
        # latin-1: any key bytes as a JSON string, and back
        "key": key.decode("latin-1") if key is not None else None, "source": source,
    })
    return b"".join((MAGIC, _LEN.pack(len(header)), header, item.source, sig, vec))


def unpack(data: bytes) -> Handoff:
    if data[:4] != MAGIC:
        raise ValueError("not a copydesk intake record")
    (size,) = _LEN.unpack_from(data, 4)
    start = 8 + size
    header = orjson.loads(data[8:start])
    raw_end = start + header["raw"]
    sig_end = raw_end + header["sig"]
    vec = data[sig_end : sig_end + header["vec"]]
    values = header["item"]
    for name in _SETS:
        values[name] = frozenset(values[name])
    for name in _TUPLES:
        values[name] = tuple(values[name])
    source = data[start:raw_end]
    item = Item(**values, raw=orjson.loads(source) if source else {}, source=source)
    return Handoff(
        item=item,
        received=header["received"],
        signature=np.frombuffer(data[raw_end:sig_end], dtype=_SIG).astype(np.uint64),
        vector=from_bytes(vec) if vec else None,
        key=header["key"].encode("latin-1") if header.get("key") is not None else None,
        source=header.get("source"),
    )


def original(data: bytes) -> tuple[bytes, bytes | None, str | None]:
    """The input record's bytes, key and source, from a record the desk could not decide."""
    h = unpack(data)
    return h.item.source, h.key, h.source


def pack_action(record: bytes, source: str) -> bytes:
    src = source.encode()
    return b"".join((ACTION, _LEN.pack(len(src)), src, record))


def is_action(data: bytes) -> bool:
    return data[:4] == ACTION


def unpack_action(data: bytes) -> tuple[bytes, str]:
    """The action record's bytes and where it came from."""
    (n,) = _LEN.unpack_from(data, 4)
    return data[8 + n :], data[8 : 8 + n].decode()
