"""Dead letters: rejected input, kept byte for byte, with the reason in Kafka headers.

The value is the original record untouched (so it can be fixed and replayed); why it was
rejected travels in headers, the convention Kafka Connect's dead letter queues use.

>>> h = headers("no_text", "neither headline nor body", "wire.items/2/41")
>>> h["copydesk.reason"], h["copydesk.source"]
(b'no_text', b'wire.items/2/41')
"""

from __future__ import annotations

import time


def headers(reason: str, detail: str, source: str) -> dict[str, bytes]:
    """``source`` is where the record was read: "topic/partition/offset"."""
    return {
        "copydesk.reason": reason.encode(),
        "copydesk.detail": detail.encode("utf-8", "replace")[:2000],
        "copydesk.source": source.encode(),
        "copydesk.rejected_at": f"{time.time():.3f}".encode(),
    }


def reason_of(record_headers) -> dict[str, str]:
    """Read the copydesk headers back from a consumed dead letter (list of (key, bytes))."""
    return {
        k.removeprefix("copydesk."): v.decode("utf-8", "replace")
        for k, v in (record_headers or ())
        if k.startswith("copydesk.")
    }
