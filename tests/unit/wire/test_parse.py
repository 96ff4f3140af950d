"""parse(): every input becomes an Item or a Rejection with a reason, never an exception."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import orjson
import pytest

from stream.wire import Item, Rejection, parse
from stream.wire.parse import html_to_text

JUNE_4 = datetime(2016, 6, 4, 13, 5, tzinfo=timezone.utc).timestamp()


def item(**fields) -> bytes:
    return orjson.dumps({"uri": "ap:1", "headline": "Troops enter Raqqa", **fields})


def parsed(raw, **kwargs) -> Item:
    result = parse(raw, **kwargs)
    assert isinstance(result, Item), result
    return result


# --- rejections --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"{not json", "not_json"),
        (b"", "not_json"),
        (12345, "not_json"),
        (b'{"uri": "ap:1", "headline": "Caf\xe9"}', "invalid_utf8"),  # Latin-1 byte
        (b"\xff\xfe{}", "invalid_utf8"),
        ("{\"uri\": \"ap:1\", \"headline\": \"\ud800\"}", "invalid_utf8"),  # lone surrogate
        (b"[1, 2]", "not_object"),
        (b'"a headline"', "not_object"),
        (b"null", "not_object"),
        (b'{"headline": "No id"}', "missing_uri"),
        (b'{"uri": "", "headline": "Empty id"}', "missing_uri"),
        (b'{"uri": "   ", "headline": "Blank id"}', "missing_uri"),
        (b'{"uri": 17, "headline": "Numeric id"}', "missing_uri"),
        (b'{"uri": "ap:1"}', "no_text"),
        (b'{"uri": "ap:1", "headline": "  ", "body_text": "\\n\\n"}', "no_text"),
        (b'{"uri": "ap:1", "headline": null, "body_html": "<p> </p><script>x()</script>"}', "no_text"),
        (b'{"uri": "ap:1", "headline": ["not", "text"]}', "no_text"),
    ],
)
def test_rejects_with_reason(raw, reason):
    result = parse(raw)
    assert isinstance(result, Rejection)
    assert result.reason == reason
    assert result.detail
    assert isinstance(result.raw, bytes)


def test_rejection_keeps_raw_bytes_and_uri():
    raw = b'{"uri": "ap:9", "body_text": " "}'
    result = parse(raw)
    assert (result.reason, result.uri, result.raw) == ("no_text", "ap:9", raw)


def test_too_large_is_checked_before_decoding():
    raw = item(body_text="x" * 5_000)
    result = parse(raw, max_item_bytes=1_000)
    assert isinstance(result, Rejection) and result.reason == "too_large"
    assert "1,000" in result.detail
    assert parse(b"{broken" + b" " * 2_000, max_item_bytes=1_000).reason == "too_large"


def test_too_large_applies_to_dicts_and_str():
    doc = {"uri": "ap:1", "body_text": "x" * 5_000}
    assert parse(doc, max_item_bytes=1_000).reason == "too_large"
    assert parse(json.dumps(doc), max_item_bytes=1_000).reason == "too_large"


# --- a 5 MB body -----------------------------------------------------------------------------

FIVE_MB = ("Troops advanced on Raqqa on Saturday. " * 140_000)[:5_000_000]


def test_five_megabyte_body_is_too_large_by_default():
    result = parse(item(body_text=FIVE_MB))
    assert isinstance(result, Rejection) and result.reason == "too_large"


def test_five_megabyte_body_parses_and_is_cut_with_a_bigger_limit():
    result = parsed(item(body_text=FIVE_MB), max_item_bytes=10_000_000, max_body_chars=200_000)
    assert sum(map(len, result.paragraphs)) <= 200_000
    assert result.paragraphs[0].startswith("Troops advanced on Raqqa")
    assert result.raw["body_text"] == FIVE_MB  # raw stays as received


def test_five_megabyte_html_body_parses_and_is_cut():
    markup = "<p>Troops advanced on Raqqa on Saturday.</p>" * 120_000
    result = parsed(item(body_html=markup), max_item_bytes=10_000_000, max_body_chars=50_000)
    assert sum(map(len, result.paragraphs)) <= 50_000
    assert len(result.paragraphs) > 100


# --- HTML bodies -----------------------------------------------------------------------------

def test_html_only_body_keeps_paragraphs_and_line_breaks():
    markup = (
        "<div class='story'><p>BEIRUT (AP) &mdash; Syrian troops pushed into\n   Raqqa.</p>"
        "<p>They are 80&nbsp;kilometers away.<br>Officials said so.</p>"
        "<script>track()</script><style>p{}</style><ul><li>One</li><li>Two</li></ul></div>"
    )
    result = parsed(item(body_html=markup))
    assert result.paragraphs == (
        "Syrian troops pushed into Raqqa.",
        "They are 80 kilometers away. Officials said so.",
        "One",
        "Two",
    )
    assert result.credits == ("AP",)


def test_body_text_wins_over_body_html():
    result = parsed(item(body_text="Plain text.", body_html="<p>Markup.</p>"))
    assert result.paragraphs == ("Plain text.",)


def test_html_to_text_separates_blocks_not_inline_tags():
    assert html_to_text("<h1>Head</h1><p>a <b>bold</b> <i>move</i></p>") == "Head\n\na bold move"


# --- time ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "stamp",
    ["2016-06-04T13:05:00Z", "2016-06-04T13:05Z", "2016-06-04T15:05:00+02:00",
     "2016-06-04T13:05:00", "2016-06-04 13:05:00+00:00", "2016-06-04T13:05:00.000Z"],
)
def test_versioncreated_to_epoch(stamp):
    assert parsed(item(versioncreated=stamp)).time == JUNE_4


def test_no_time_uses_fallback_then_firstcreated_then_zero():
    assert parsed(item(), fallback_time=1234.5).time == 1234.5
    assert parsed(item(versioncreated="yesterday"), fallback_time=99.0).time == 99.0
    assert parsed(item(versioncreated=1465045500), fallback_time=99.0).time == 99.0
    assert parsed(item(firstcreated="2016-06-04T13:05:00Z")).time == JUNE_4
    assert parsed(item()).time == 0.0


def test_firstcreated_is_kept():
    result = parsed(item(versioncreated="2016-06-04T14:00:00Z", firstcreated="2016-06-04T13:05Z"))
    assert result.firstcreated == JUNE_4
    assert parsed(item()).firstcreated is None


# --- other fields ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "status, expected, kill",
    [(None, "usable", False), ("usable", "usable", False), ("withheld", "withheld", False),
     ("canceled", "canceled", True), ("Cancelled", "canceled", True), ("odd", "usable", False)],
)
def test_pubstatus(status, expected, kill):
    fields = {} if status is None else {"pubstatus": status}
    result = parsed(item(**fields))
    assert (result.pubstatus, result.is_kill) == (expected, kill)


@pytest.mark.parametrize("field, expected", [("en-US", "en"), ("DE", "de"), ("fr_FR", "fr"), ("pt-BR", "pt")])
def test_language_field_primary_subtag(field, expected):
    assert parsed(item(language=field)).language == expected


def test_language_detected_when_missing():
    german = parsed({
        "uri": "dpa:1",
        "headline": "Russische Truppen rücken auf Rakka vor",
        "body_text": "Berlin (dpa) - Die syrische Armee ist am Samstag mit russischer "
                     "Unterstützung in die Provinz Rakka vorgerückt, teilten Aktivisten mit.",
    })
    assert german.language == "de"
    assert parsed({"uri": "x:1", "headline": "Ok"}).language == "en"  # too little to tell


def test_raw_is_the_object_as_received_including_unknown_fields():
    doc = {"uri": "ap:1", "headline": "H", "eval": {"story": "s1"}, "x-custom": [1, 2]}
    assert parsed(doc).raw is doc
    assert parsed(orjson.dumps(doc)).raw == doc
    assert parsed(json.dumps(doc)).raw == doc
    assert parsed(b"\xef\xbb\xbf" + orjson.dumps(doc)).raw == doc  # a BOM is tolerated


def test_headline_for_display_and_norm_headline_for_comparison():
    result = parsed(item(headline="UPDATE 2-Kerry &amp; Lavrov\n  talk \u201cSyria\u201d", language="en"))
    assert result.headline == "UPDATE 2-Kerry & Lavrov talk \u201cSyria\u201d"
    assert result.norm_headline == 'kerry & lavrov talk "syria"'
    assert (result.version_signal, result.version_number) == ("update", 2)


def test_agency_item_fields():
    result = parsed(item(
        copyrightholder="The Associated Press", slugline="BC-Syria-Raqqa, 1st Ld-Writethru",
        body_text="BEIRUT (AP) \u2014 Syrian troops, backed by Russia, pushed 80 kilometers "
                  "into Raqqa province on Saturday, activists told Rami Abdurrahman.",
    ))
    assert (result.holder, result.agency, result.is_agency) == ("The Associated Press", "AP", True)
    assert (result.slug_family, result.version_signal, result.version_number) == ("SYRIA-RAQQA", "writethru", 1)
    assert result.credits == ("AP",)
    assert result.paragraphs[0].startswith("Syrian troops")
    assert result.norm_paragraphs[0].startswith("syrian troops, backed by russia")
    assert result.numbers == frozenset({"80"})
    assert {"russia", "raqqa", "rami abdurrahman"} <= result.names
    assert "syrian troops" in result.text and result.lead == result.paragraphs[0]


def test_headline_only_item_parses():
    result = parsed(b'{"uri": "rtr:1", "headline": "****** FED SETS 1.5 BLN DLR REPURCHASE"}')
    assert result.paragraphs == () and result.norm_headline == "fed sets 1.5 bln dlr repurchase"
    assert result.version_signal == "urgent"


# --- real copy -------------------------------------------------------------------------------

def test_dw_rewrite(dw_item):
    assert (dw_item.agency, dw_item.is_agency) == (None, False)
    assert dw_item.credits == ("AFP", "AP")
    assert {"26", "160", "2014"} <= dw_item.numbers
    assert dw_item.paragraphs[0].startswith("Both US-backed and Russian-backed forces")
    assert dw_item.paragraphs[-1].endswith("protect the town from IS militants.")


def test_reuters_21578_every_line_parses(reuters):
    rejected = {r.raw and orjson.loads(r.raw)["uri"]: r.reason for _, r in reuters if isinstance(r, Rejection)}
    # reuters21578:12793 is an empty record (no headline, no body_text): FORMAT.md says reject it.
    assert rejected == {"reuters21578:12793": "no_text"}
    items = [r for _, r in reuters if isinstance(r, Item)]
    assert len(items) == 21_577
    assert all(i.agency == "Reuters" and i.is_agency and i.language == "en" for i in items)
    assert all(i.time > 0 for i in items)
    assert all(not p.rstrip(". ").endswith(("REUTER", "Reuter")) for i in items for p in i.paragraphs[-1:])


def test_ecbplus_every_line_parses(ecbplus):
    assert all(isinstance(r, Item) for _, r in ecbplus)


# --- hostile input: must finish (quadratic regexes would take minutes at 200k chars) ----------

@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "field, body",
    [
        ("body_text", "x" + " " * 199_998 + "y"),
        ("body_text", "x " + "(" * 199_990 + " y"),
        ("body_text", "Bank of " * 25_000),
        ("body_text", "1," * 100_000),
        ("body_text", "\n \t\n" * 50_000),
        ("body_html", "<div>" * 40_000 + "x"),
    ],
    ids=["spaces", "parens", "capitals", "digits", "blank-lines", "nested-html"],
)
def test_hostile_bodies_finish(field, body):
    result = parse({"uri": "x:1", "headline": "Hostile", "language": "en", field: body},
                   max_item_bytes=10_000_000)
    assert isinstance(result, Item)
    assert sum(map(len, result.paragraphs)) <= 200_000
