"""The intake -> desk record: an item as received, with its signature and vector.

Binary, not JSON: the item's bytes travel as they came (JSON would escape every quote in
them, doubling a hostile record) and the arrays as raw little-endian values.

    b"CDP1" | u32 header length | header (JSON) | item bytes | signature | vector

>>> import numpy as np
>>> sig = np.arange(4, dtype=np.uint64)
>>> vec = np.array([0.6, 0.8], dtype=np.float32)
>>> p = unpack(pack(b'{"uri": "ap:1"}', 12.0, 13.0, sig, vec, key=b"ap:1", source="wire.items/2/41"))
>>> p.raw, p.time, p.received, p.signature.tolist(), p.vector.tolist()
(b'{"uri": "ap:1"}', 12.0, 13.0, [0, 1, 2, 3], [0.6000000238418579, 0.800000011920929])
>>> p.key, p.source
(b'ap:1', 'wire.items/2/41')
>>> unpack(pack(b"{}", 1.0, 2.0, sig, None)).vector is None
True
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np
import orjson

MAGIC = b"CDP1"
_LEN = struct.Struct("<I")
_SIG = np.dtype("<u8")
_VEC = np.dtype("<f4")


@dataclass(frozen=True)
class Prepared:
    raw: bytes  # the input record's value, untouched
    time: float  # the item's time as intake read it (the fallback for a missing date)
    received: float  # the input record's Kafka timestamp
    signature: np.ndarray
    vector: np.ndarray | None
    key: bytes | None = None  # the input record's key and where it was read: a dead letter
    source: str | None = None  # from the desk still names the record as it came


def pack(
    raw: bytes, time: float, received: float, signature: np.ndarray, vector: np.ndarray | None,
    key: bytes | None = None, source: str | None = None,
) -> bytes:
    sig = np.ascontiguousarray(signature, dtype=_SIG).tobytes()
    vec = b"" if vector is None else np.ascontiguousarray(vector, dtype=_VEC).tobytes()
    header = orjson.dumps({
        "time": time, "received": received, "raw": len(raw), "sig": len(sig), "vec": len(vec),
        # latin-1: any key bytes as a JSON string, and back
        "key": key.decode("latin-1") if key is not None else None, "source": source,
    })
    return b"".join((MAGIC, _LEN.pack(len(header)), header, raw, sig, vec))


def unpack(data: bytes) -> Prepared:
    if data[:4] != MAGIC:
        raise ValueError("not a copydesk prepared record")
    (size,) = _LEN.unpack_from(data, 4)
    start = 8 + size
    header = orjson.loads(data[8:start])
    raw_end = start + header["raw"]
    sig_end = raw_end + header["sig"]
    vec = data[sig_end : sig_end + header["vec"]]
    return Prepared(
        raw=data[start:raw_end],
        time=header["time"],
        received=header["received"],
        signature=np.frombuffer(data[raw_end:sig_end], dtype=_SIG).astype(np.uint64),
        vector=np.frombuffer(vec, dtype=_VEC).astype(np.float32) if vec else None,
        key=header["key"].encode("latin-1") if header.get("key") is not None else None,
        source=header.get("source"),
    )
