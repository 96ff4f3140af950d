"""Items with the fields the clusterer reads, and unit vectors."""

from __future__ import annotations

import numpy as np

from stream.wire import parse


def news(uri: str, headline: str, body: str, when: str = "2019-08-06T11:00:00Z", holder: str = "AP", **fields):
    """A parsed FORMAT item (the real parser: kinds, names, figures as in production)."""
    import orjson

    doc = {"uri": uri, "headline": headline, "body_text": body, "versioncreated": when,
           "copyrightholder": holder, "language": "en", **fields}
    return parse(orjson.dumps(doc))


def unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)
