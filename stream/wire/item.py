"""The parsed wire item and the rejection record: the contract between the stages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Item:
    """One version of a piece of copy, parsed and normalised.

    ``raw`` is the object as received, ``source`` its JSON bytes exactly as sent (what outputs
    pass through, so no field changes: orjson reads an integer above 2**64 as a float);
    everything else is derived. Times are epoch seconds (UTC).
    """

    uri: str
    time: float
    headline: str  # as sent, unescaped text (for display)
    language: str  # primary BCP 47 subtag: "en", "de"
    holder: str | None = None  # copyrightholder as sent
    agency: str | None = None  # canonical issuing agency ("AP", "AFP", "Reuters", "dpa") or None
    is_agency: bool = False  # issued by a news agency (False: a publisher's rewrite)
    credits: tuple[str, ...] = ()  # canonical agencies credited in the copy, sorted
    slug: str | None = None
    slug_family: str | None = None  # slug without version markers: "SYRIA-RAQQA"
    version_signal: str | None = None  # "writethru", "update", "refile", "corrected", "urgent", "lead"
    version_number: int | None = None  # "UPDATE 2" -> 2, "1st Ld-Writethru" -> 1
    pubstatus: str = "usable"  # usable | withheld | canceled
    urgency: int | None = None  # 1 (flash), 2 (urgent) .. 9, as sent; None when absent or not a number
    firstcreated: float | None = None
    paragraphs: tuple[str, ...] = ()  # story paragraphs, original case, furniture/dateline/trailer removed
    norm_paragraphs: tuple[str, ...] = ()  # the same, normalised for comparison (case, quotes, dashes)
    norm_headline: str = ""
    numbers: frozenset[str] = frozenset()  # language-independent anchors: "26", "80", "2014"
    names: frozenset[str] = frozenset()  # capitalised names: "raqqa", "tabqa", "john kerry" (lower-cased)
    kind: str = "news"  # news | advisory | budget | schedule | earnings | results | market_report (wire.kinds)
    subject: str | None = None  # templated copy: what it is about ("BDEP", "us gold prices"); None for news
    raw: dict = field(default_factory=dict, repr=False)
    source: bytes = field(default=b"", repr=False)

    @property
    def text(self) -> str:
        """Normalised headline and body: what fingerprints and lexical similarity read."""
        return "\n".join((self.norm_headline, *self.norm_paragraphs))

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.paragraphs else ""

    @property
    def is_kill(self) -> bool:
        return self.pubstatus == "canceled"


@dataclass(slots=True)
class Rejection:
    """Input that cannot be processed, kept whole for the dead letter topic."""

    reason: str  # not_json | invalid_utf8 | not_object | too_deep | missing_uri | no_text | too_large
    detail: str
    raw: bytes
    uri: str | None = None
