"""Reading one wire item (FORMAT.md) into an :class:`Item`, or a :class:`Rejection` saying why not.

Never raises on bad input: whatever arrives either parses or becomes a dead letter with a reason.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser

from stream.wire import extract, kinds
from stream.wire.item import Item, Rejection
from stream.wire.normalise import clean_copy, normalise_text

HEADLINE_MAX_CHARS = 1_000  # a longer "headline" is a body in the wrong field; cut it
_DETECT_CHARS = 400  # headline + lead characters given to the language detector
_DETECT_MIN_CHARS = 20  # below this, detection guesses; assume English
_BOM = b"\xef\xbb\xbf"
_STATUS = {"usable": "usable", "withheld": "withheld", "canceled": "canceled",
           "cancelled": "canceled", "killed": "canceled", "kill": "canceled"}


def parse(
    raw: bytes | str | dict,
    *,
    fallback_time: float | None = None,
    max_item_bytes: int = 1_000_000,
    max_body_chars: int = 200_000,
    max_nesting: int = 64,
) -> Item | Rejection:
    """Parse one item as received (Kafka value bytes, a JSON line, or an already decoded dict).

    >>> item = parse('{"uri": "ap:1", "headline": "Quake hits Iran", '
    ...              '"versioncreated": "2016-06-04T13:05Z", "copyrightholder": "AP", '
    ...              '"body_text": "TEHRAN, Iran (AP) — A quake killed 10 people."}')
    >>> item.time, item.agency, item.credits, item.paragraphs, item.numbers
    (1465045500.0, 'AP', ('AP',), ('A quake killed 10 people.',), frozenset({'10'}))
    >>> parse(b'[1, 2]').reason, parse(b'{"uri": "x:1"}').reason
    ('not_object', 'no_text')
    >>> parse(b'{"uri": "x:2", "headline": "Deep", "a": [[[[1]]]]}', max_nesting=4).reason
    'too_deep'
    """
    loaded = _load(raw, max_item_bytes)
    if isinstance(loaded, Rejection):
        return loaded
    doc, data = loaded
    if (depth := _nesting(doc, max_nesting)) > max_nesting:
        return Rejection("too_deep", f"JSON nested more than {max_nesting} levels (at least {depth})", data)
    uri = doc.get("uri")
    if not isinstance(uri, str) or not uri.strip():
        return Rejection("missing_uri", "item has no uri (a non-empty string)", data)
    headline = _headline(doc.get("headline"))
    body = _body(doc, max_body_chars)
    if not headline and not body.strip():
        return Rejection("no_text", "item has neither headline nor body text", data, uri)
    item = _item(doc, uri, headline, body, fallback_time)
    item.source = data.removeprefix(_BOM)
    return item


# --- loading -----------------------------------------------------------------------------------

def _load(raw: bytes | str | dict, max_item_bytes: int) -> tuple[dict, bytes] | Rejection:
    """The decoded object and its bytes (for the dead letter), size checked before decoding."""
    if isinstance(raw, dict):
        data = _dump(raw)
        if len(data) > max_item_bytes:
            return _too_large(data, max_item_bytes)
        return raw, data
    if isinstance(raw, str):
        data = raw.encode("utf-8", "surrogatepass")  # a lone surrogate fails below as bad UTF-8
    elif isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
    else:
        return Rejection("not_json", f"{type(raw).__name__} is not JSON text", repr(raw).encode())
    if len(data) > max_item_bytes:
        return _too_large(data, max_item_bytes)
    try:
        doc = orjson.loads(data.removeprefix(_BOM))
    except orjson.JSONDecodeError as exc:
        return _undecodable(data, exc)
    if not isinstance(doc, dict):
        return Rejection("not_object", f"JSON {type(doc).__name__}, not an object", data)
    return doc, data


def _nesting(doc: dict, limit: int) -> int:
    """How deep objects and arrays nest in ``doc`` (1 for a flat object), up to ``limit + 1``.

    Iterative, and it stops at the first container past the limit: a hostile record costs
    no more than a well-formed one.
    """
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return depth
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return 1


def _dump(doc: dict) -> bytes:
    """A decoded item back to bytes: to measure it and to dead-letter it whole."""
    try:
        return orjson.dumps(doc, default=str, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return repr(doc).encode("utf-8", "backslashreplace")


def _too_large(data: bytes, limit: int) -> Rejection:
    return Rejection("too_large", f"{len(data):,} bytes, over the {limit:,} byte limit", data)


def _undecodable(data: bytes, exc: Exception) -> Rejection:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return Rejection("invalid_utf8", f"invalid UTF-8 at byte {bad.start}", data)
    return Rejection("not_json", f"not JSON: {exc}", data)


# --- fields -----------------------------------------------------------------------------------

def _headline(value: Any) -> str:
    """The headline for display: entities unescaped, whitespace (wire line wraps) collapsed."""
    if not isinstance(value, str):
        return ""
    text = value[:HEADLINE_MAX_CHARS]
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _body(doc: dict, max_body_chars: int) -> str:
    """Body text, cut to ``max_body_chars`` before any heavy work; from body_html if need be.

    HTML is cut at ``max_body_chars`` of markup too: lexbor's time grows with the square of
    nesting depth (80,000 nested <div>s take ~9 s), so the cut bounds a hostile item.
    """
    text = doc.get("body_text")
    if isinstance(text, str) and text.strip():
        return text[:max_body_chars]
    markup = doc.get("body_html")
    if isinstance(markup, str) and markup.strip():
        return html_to_text(markup[:max_body_chars])
    return ""


_BLOCKS = (
    "p, div, h1, h2, h3, h4, h5, h6, li, blockquote, pre, table, tr, section, article, header,"
    " footer, aside, figure, figcaption, dd, dt, hr, ul, ol, nav"
)
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_BREAKS = re.compile(r" ?\u2028 ?")
_PARAS = re.compile(r" ?(?:\u2029 ?)+")


def html_to_text(markup: str) -> str:
    """Plain text with paragraphs (blank lines) at block elements and line breaks at <br>.

    >>> html_to_text("<p>BERLIN (dpa) -  Erste&nbsp;Zeile<br>zweite</p><div>Absatz <b>zwei</b></div>")
    'BERLIN (dpa) - Erste Zeile\\nzweite\\n\\nAbsatz zwei'
    """
    tree = LexborHTMLParser(markup)
    tree.strip_tags(["script", "style", "noscript", "template"])
    # Private-use separators survive whitespace collapsing; HTML's own newlines do not.
    for node in tree.css(_BLOCKS):
        node.insert_before("\u2029")
        node.insert_after("\u2029")
    for node in tree.css("br"):
        node.insert_before("\u2028")
    root = tree.body or tree.root
    text = _SPACE.sub(" ", root.text(deep=True) if root else "")
    text = _PARAS.sub("\n\n", _BREAKS.sub("\n", text))
    return text.strip()


def _time(value: Any) -> float | None:
    """Epoch seconds from ISO 8601 ("Z", offsets, no seconds); naive times are UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text[-1:] in "zZ":
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp()


def _language(value: Any, headline: str, lead: str) -> str:
    """The primary subtag of ``language``; else detected from headline and lead."""
    if isinstance(value, str) and (primary := re.split(r"[-_]", value.strip(), maxsplit=1)[0]):
        return primary.lower()
    sample = f"{headline}\n{lead}"[:_DETECT_CHARS]
    if len(sample.strip()) < _DETECT_MIN_CHARS:
        return "en"
    import py3langid as langid  # loads its model on first use: only when a feed omits language

    return langid.classify(sample)[0]


def _status(value: Any) -> str:
    return _STATUS.get(value.strip().lower(), "usable") if isinstance(value, str) else "usable"


def _urgency(value: Any) -> int | None:
    """ninjs urgency 1..9 (a number, or a string of one); anything else is no urgency."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9 else None


def _text_field(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


# --- the item ---------------------------------------------------------------------------------

def _item(doc: dict, uri: str, headline: str, body: str, fallback_time: float | None) -> Item:
    holder, slug = _text_field(doc.get("copyrightholder")), _text_field(doc.get("slugline"))
    story_headline = extract.strip_version_markers(headline)
    copy = clean_copy(body, headline=story_headline)
    language = _language(doc.get("language"), headline, copy.paragraphs[0] if copy.paragraphs else "")
    agency = extract.issuing_agency(holder, copy.dateline)
    signal, number = extract.version_signal(slug, headline, body[:20])
    firstcreated = _time(doc.get("firstcreated"))
    time = _time(doc.get("versioncreated"))
    if time is None:
        time = fallback_time if fallback_time is not None else firstcreated or 0.0
    item = Item(
        uri=uri,
        time=float(time),
        headline=headline,
        language=language,
        holder=holder,
        agency=agency,
        is_agency=extract.is_agency(holder, agency),
        credits=extract.credits(copy),
        slug=slug,
        slug_family=extract.slug_family(slug),
        version_signal=signal,
        version_number=number,
        pubstatus=_status(doc.get("pubstatus")),
        urgency=_urgency(doc.get("urgency")),
        firstcreated=firstcreated,
        paragraphs=copy.paragraphs,
        norm_paragraphs=tuple(normalise_text(p) for p in copy.paragraphs),
        norm_headline=normalise_text(story_headline),
        numbers=extract.numbers((story_headline, *copy.paragraphs), language),
        names=extract.names(copy.paragraphs, language),
        raw=doc,
    )
    item.kind = kinds.copy_kind(item)
    item.subject = kinds.subject_key(headline, item.kind)
    return item
