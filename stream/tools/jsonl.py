"""Reading feeds: JSON Lines files, gzip-compressed or not, as raw bytes per item.

Lines are returned untouched (bad lines included) so that whoever reads them decides
what is rejected and why.

>>> import gzip, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.jsonl.gz"
>>> _ = p.write_bytes(gzip.compress(b'{"uri": "a"}\\n\\nnot json\\n'))
>>> list(lines(p))
[b'{"uri": "a"}', b'not json']
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import orjson


def lines(path: str | Path) -> Iterator[bytes]:
    """Each non-blank line of a .jsonl or .jsonl.gz file, without its newline."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for line in fh:
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield line


def count(path: str | Path) -> int:
    return sum(1 for _ in lines(path))


def keyed(lines) -> Iterator[tuple[bytes | None, bytes]]:
    """(Kafka key, line) for each line: the key is its uri, or none.

    >>> list(keyed([b'{"uri": "ap:1"}', b"not json"]))
    [(b'ap:1', b'{"uri": "ap:1"}'), (None, b'not json')]
    """
    for line in lines:
        uri = uri_of(line)
        yield (uri.encode() if uri else None), line


def uri_of(line: bytes) -> str | None:
    """The item's uri if the line is a JSON object with a string uri (used as Kafka key)."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    uri = obj.get("uri") if isinstance(obj, dict) else None
    return uri if isinstance(uri, str) and uri else None
