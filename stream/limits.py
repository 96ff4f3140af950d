"""Record size limits, all derived from ``input.max_item_bytes``.

Every record copydesk writes carries at most one item's worth of text a few times over: the
intake->desk record holds the item's bytes, an output record the item plus its revision, an
``items`` changelog entry the item's paragraphs twice (duplicate window and attribution). So
one factor of the item limit bounds them all, and the worker sets that bound everywhere a
record can be refused: the producer's request size, ``max.message.bytes`` on the topics it
writes, and the consumer's fetch size.

>>> limits = Limits.of(Input(max_item_bytes=1_000_000, max_body_chars=200_000))
>>> limits.record_bytes, limits.topic_bytes
(4000000, 4065536)
>>> limits.fits(b"k", b"v" * 3_999_000), limits.fits(b"k", b"v" * 4_000_000)
(True, False)
>>> key, value, headers = limits.clip(b"ap:1", b"x" * 5_000_000)
>>> len(value) == limits.deadletter_bytes - 4, headers["copydesk.original_size"]
(True, b'5000000')
"""

from __future__ import annotations

from dataclasses import dataclass

from stream.settings import ConfigError, Input

RECORD_FACTOR = 4  # records copydesk writes may be this many times an input item
OVERHEAD = 64 * 1024  # key, headers and Kafka's batch framing above a record's value
WORST_ESCAPE = 6  # JSON bytes per character at worst (a control character is \\u0000)
MAX_KEY_BYTES = 16 * 1024  # a dead letter's key (the uri) is cut to this
BODY_COPIES = 2  # the body's text is held twice in an items entry (window, attribution)


@dataclass(frozen=True)
class Limits:
    max_item_bytes: int
    record_bytes: int  # largest key + value copydesk sends

    @classmethod
    def of(cls, cfg: Input) -> Limits:
        limits = cls(cfg.max_item_bytes, RECORD_FACTOR * cfg.max_item_bytes)
        limits.check(cfg)
        return limits

    @property
    def topic_bytes(self) -> int:
        """``max.message.bytes`` for the topics copydesk writes, and the producer's request size."""
        return self.record_bytes + OVERHEAD

    @property
    def deadletter_bytes(self) -> int:
        """A dead letter's value is cut to this (the headers say how large the record was)."""
        return self.record_bytes - OVERHEAD

    def check(self, cfg: Input) -> None:
        """The body text held in one changelog entry must fit a record beside the item."""
        body = BODY_COPIES * WORST_ESCAPE * cfg.max_body_chars
        if cfg.max_item_bytes + body > self.record_bytes:
            raise ConfigError(
                "copydesk: input.max_body_chars = "
                f"{cfg.max_body_chars:,} is too large for input.max_item_bytes = {cfg.max_item_bytes:,}: "
                f"a desk record could reach {cfg.max_item_bytes + body:,} bytes, over the "
                f"{self.record_bytes:,} byte record limit ({RECORD_FACTOR} x max_item_bytes). Lower "
                "max_body_chars (COPYDESK_INPUT_MAX_BODY_CHARS) or raise max_item_bytes "
                "(COPYDESK_INPUT_MAX_ITEM_BYTES)."
            )

    def fits(self, key: bytes | None, value: bytes | None, headers: dict | None = None) -> bool:
        size = len(key or b"") + len(value or b"")
        size += sum(len(k) + len(v) for k, v in (headers or {}).items())
        return size <= self.record_bytes

    def clip(self, key: bytes | None, value: bytes) -> tuple[bytes | None, bytes, dict[str, bytes]]:
        """Key and value cut to what a dead letter may carry, and headers saying so (none if whole)."""
        key = key[:MAX_KEY_BYTES] if key else key
        room = self.deadletter_bytes - len(key or b"")
        if len(value) <= room:
            return key, value, {}
        headers = {"copydesk.original_size": str(len(value)).encode(), "copydesk.truncated": b"true"}
        return key, value[:room], headers


def topic_config(limits: Limits) -> dict[str, str]:
    """Topic settings for every topic the worker creates (so the broker takes what we send)."""
    return {"max.message.bytes": str(limits.topic_bytes)}
