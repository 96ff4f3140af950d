"""extract: agencies, credits, version signals, slug families, numbers and names."""

from __future__ import annotations

import re

import pytest

from stream.wire import Item, parse
from stream.wire.agencies import canonical, credit_list
from stream.wire.extract import (
    credits,
    is_agency,
    issuing_agency,
    names,
    numbers,
    slug_family,
    strip_version_markers,
    version_signal,
)
from stream.wire.normalise import Copy, clean_copy

# --- agencies ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "holder, expected",
    [
        ("Associated Press", "AP"), ("AP", "AP"), ("The Associated Press", "AP"),
        ("Agence France-Presse", "AFP"), ("AFP", "AFP"),
        ("Reuters", "Reuters"), ("Thomson Reuters", "Reuters"), ("REUTERS", "Reuters"),
        ("dpa", "dpa"), ("Deutsche Presse-Agentur", "dpa"), ("DPA", "dpa"),
        ("EFE", "EFE"), ("ANSA", "ANSA"), ("Kyodo", "Kyodo"), ("Xinhua", "Xinhua"),
        ("PA", "PA"), ("UPI", "UPI"), ("KNA", "KNA"), ("epd", "epd"), ("AAP", "AAP"),
        ("Anadolu Agency", "Anadolu"), ("TASS", "TASS"), ("Reuters Ltd", "Reuters"),
        ("DW", None), ("Deutsche Welle", None), ("", None), (None, None),
    ],
)
def test_canonical_agency(holder, expected):
    assert canonical(holder) == expected


def test_issuing_agency_from_holder_then_dateline():
    assert issuing_agency("Thomson Reuters", "BEIRUT (AP) -") == "Reuters"
    assert issuing_agency(None, "BEIRUT (AP) —") == "AP"
    assert issuing_agency("DW", "") is None
    assert issuing_agency(None, "SANA, Yemen (AP) —") == "AP"  # the place is no credit


def test_is_agency():
    assert is_agency("AFP", "AFP") and is_agency(None, "AP")
    assert not is_agency("DW", None) and not is_agency("DW", "AP") and not is_agency(None, None)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Troops advanced.\n\nbik/nm (AP, AFP)", ("AFP", "AP")),
        ("Troops advanced.\n\nls/rc (dpa, Reuters)", ("Reuters", "dpa")),
        ("Troops advanced.\n\nust/se (dpa, afp, rtr, kna)", ("AFP", "KNA", "Reuters", "dpa")),
        ("RAQQA, Syria (Reuters) - Troops advanced.", ("Reuters",)),
        ("Troops advanced.\n\nwith AP, dpa", ("AP", "dpa")),
        ("Troops advanced.\n\nwith agency reports", ()),
        ("Troops advanced.\n\n(AFP, with agency reports)", ("AFP",)),
        ("Troops advanced.\nImage: Reuters/R. Said", ()),  # a photo credit credits no copy
        ("Troops advanced, a spokesman told The Associated Press.", ()),  # a source, no credit
    ],
)
def test_credits(body, expected):
    assert credits(clean_copy(body)) == expected


def test_credit_list_is_only_agencies_and_fillers():
    assert credit_list("(AP, AFP)") == ("AFP", "AP")
    assert credit_list("Mit Material von dpa und AFP") == ("AFP", "dpa")
    assert credit_list("agencies") == ()
    assert credit_list("AP and the mayor") is None
    assert credit_list("(Reporting by Tom Perry)") is None


# --- versions ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "slug, headline, expected",
    [
        ("BC-Syria-Raqqa, 1st Ld-Writethru", "", ("writethru", 1)),
        ("BC-Syria-Raqqa, 2nd Ld-Writethru,0680", "", ("writethru", 2)),
        ("UPDATE 2-SYRIA-RAQQA/", "", ("update", 2)),
        (None, "UPDATE 1-Syrian troops push into Raqqa", ("update", 1)),
        ("REFILE-SYRIA-RAQQA/", "", ("refile", None)),
        (None, "REFILE-Syrian troops push into Raqqa", ("refile", None)),
        (None, "CORRECTED-Syrian troops push into Raqqa", ("corrected", None)),
        (None, "CORRECTED - GM SEES RISE IN EUROPEAN SALES", ("corrected", None)),
        (None, "(CORRECTED) - BANPONCE <BDEP> PLACES NOTES", ("corrected", None)),
        ("BC-<CORRECTED>---GENERAL", "", ("corrected", None)),
        ("BC-CORRECTION---ASHTON-T", "", ("corrected", None)),
        ("BC-Syria-Raqqa, Correction", "", ("corrected", None)),
        (None, "CORRECTION - ASHTON-TATE ITEM", ("corrected", None)),
        (None, "URGENT: Syrian troops enter Raqqa province", ("urgent", None)),
        ("URGENT", "", ("urgent", None)),
        ("BC-******BANKAMERICA-CHA", "", ("urgent", None)),
        (None, "Syria-conflict-IS, 2nd lead", ("lead", 2)),
        (None, "Syrian troops push into Raqqa (2nd Lead)", ("lead", 2)),
        (None, "Syrien: Truppen rücken vor (2. Zusammenfassung)", ("lead", 2)),
        ("BC-(RPT)-U.S.-SAYS-TIN-D", "", ("refile", None)),
        ("BC-resending", "", ("refile", None)),
        ("BC-resending", "CORRECTED - REXNORD <REX> TO SELL RAILWAY UNIT", ("corrected", None)),
        ("BC-******MEDIA-GENERAL-I", "CORRECTED - MEDIA GENERAL INC UPS DIV", ("corrected", None)),
        ("CORRECTED-UPDATE 2-SYRIA-RAQQA/", "", ("corrected", None)),
        # not markers: words in the story
        ("BC-USDA-TO-UPDATE-WINTER", "USDA TO UPDATE WINTER WHEAT ACREAGE", (None, None)),
        ("BC-UK-EQUITIES-SEEN-DUE", "UK EQUITIES SEEN DUE FOR DOWNWARD CORRECTION", (None, None)),
        ("BC-corrections", "CORRECTIONS <CCAX.O> SEEKS 1,000 PRISON BEDS", (None, None)),
        (None, "CANADA'S CLARK SEES TRADE AS MOST URGENT PROBLEM", (None, None)),
        (None, "Woods takes 2nd lead at Augusta", (None, None)),
        (None, "SILVER STATE MINING <SSMC> CORRECTS NET", (None, None)),
    ],
)
def test_version_signal(slug, headline, expected):
    assert version_signal(slug, headline) == expected


@pytest.mark.parametrize(
    "headline, expected",
    [
        ("UPDATE 2-Syrian troops push into Raqqa", "Syrian troops push into Raqqa"),
        ("REFILE-UPDATE 1-Syrian troops push into Raqqa", "Syrian troops push into Raqqa"),
        ("CORRECTED - GM SEES RISE IN EUROPEAN SALES", "GM SEES RISE IN EUROPEAN SALES"),
        ("<CORRECTED> - GENERAL INSTRUMENT CORP <GRL> DIVI", "GENERAL INSTRUMENT CORP <GRL> DIVI"),
        ("CORRECTED - GAF CORP OFFERS 46 DLRS A SHARE (CORRECTING AMOUNT)", "GAF CORP OFFERS 46 DLRS A SHARE"),
        ("URGENT: Syrian troops enter Raqqa", "Syrian troops enter Raqqa"),
        ("Syrian troops push into Raqqa (2nd Lead)", "Syrian troops push into Raqqa"),
        ("USDA TO UPDATE WINTER WHEAT ACREAGE", "USDA TO UPDATE WINTER WHEAT ACREAGE"),
    ],
)
def test_strip_version_markers(headline, expected):
    assert strip_version_markers(headline) == expected


def test_norm_headline_is_the_stripped_headline():
    item = parse({"uri": "rtr:2", "headline": "UPDATE 2-Syrian troops push into Raqqa", "language": "en"})
    assert isinstance(item, Item)
    assert item.norm_headline == "syrian troops push into raqqa"


@pytest.mark.parametrize(
    "slug, family",
    [
        ("BC-Syria-Raqqa, 1st Ld-Writethru", "SYRIA-RAQQA"),
        ("UPDATE 2-SYRIA-RAQQA/", "SYRIA-RAQQA"),
        ("REFILE-UPDATE 1-SYRIA-RAQQA/", "SYRIA-RAQQA"),
        ("BC-BAHIA-COCOA-REVIEW", "BAHIA-COCOA-REVIEW"),
        ("BC-bahia-cocoa-review", "BAHIA-COCOA-REVIEW"),
        ("BC-STANDARD-OIL-<SRD>-TO", "STANDARD-OIL-SRD-TO"),
        ("BC-CORRECTED---BANKAMERI", "BANKAMERI"),
        ("BC-(CORRECTED)---<TRANSA", "TRANSA"),
        ("BC-******COCA-COLA-SPOKE", "COCA-COLA-SPOKE"),
        ("BC-/WHITE-HOUSE-SAYS-U.S", "WHITE-HOUSE-SAYS-US"),
        ("BC-VARIAN-<VAR>,-SIEMENS", "VARIAN-VAR-SIEMENS"),  # Reuters commas are part of the slug
        ("BC-RPT--LONDON-EURO-DEPO", "LONDON-EURO-DEPO"),
        ("BC-resending", None),
        ("", None),
        (None, None),
    ],
)
def test_slug_family(slug, family):
    assert slug_family(slug) == family


# --- numbers -------------------------------------------------------------------------------

def test_numbers_normalised_across_languages():
    en = numbers(["Sales of 1,750 dlrs, 5.93 mln bags, 2.50 pct and 160 troops in 2014."], "en")
    de = numbers(["Umsatz von 1.750 Dollar, 5,93 Mio. Sack, 2,50 Prozent und 160 Soldaten 2014."], "de")
    assert en == de == frozenset({"1750", "5.93", "2.5", "160", "2014"})


def test_single_digits_are_not_anchors():
    assert numbers(["3 people died, 9 were hurt, 0.5 pct, 7:30 pm"]) == frozenset({"0.5", "30"})


def test_dates_and_odd_groupings_split_into_parts():
    assert numbers(["am 04.06.2016 um 13.05 Uhr"], "de") == frozenset({"2016", "13"})
    assert numbers(["version 1.2.3 and 12,34,567"]) == frozenset({"12", "34", "567"})


def test_numbers_cover_headline_and_body():
    item = parse({"uri": "x:1", "headline": "26 killed", "body_text": "In 2014, 160 troops.", "language": "en"})
    assert item.numbers == frozenset({"26", "2014", "160"})


# --- names ---------------------------------------------------------------------------------

def test_names_skip_stopword_capitals_months_and_weekdays():
    found = names(["The troops on Saturday in June met John Kerry. But Kerry left in March."])
    assert found == frozenset({"john kerry", "kerry"})  # after "But", Kerry is no sentence start


def test_ambiguous_sentence_start_needs_a_second_mention():
    found = names(["Backed by Russia, troops advanced. Raqqa lies nearby. IS holds Raqqa."])
    assert found == frozenset({"russia", "raqqa", "is"})


def test_names_cut_at_possessives_and_adjectives():
    found = names(["He met Russia's Foreign Minister Sergey Lavrov and US-backed SDF fighters."])
    assert found == frozenset({"russia", "foreign minister sergey lavrov", "us", "sdf"})


def test_names_keep_connectors_inside():
    assert "bank of england" in names(["Officials at the Bank of England said so."])


def test_upper_case_paragraphs_give_no_names():
    assert names(["FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26"]) == frozenset()


def test_german_nouns_do_not_explode():
    text = ("Die Truppen von Präsident Baschar al-Assad rückten am Samstag mit Unterstützung "
            "der Luftwaffe auf die Stadt Rakka vor. Laut US-Außenminister John Kerry und der "
            "SDF sind die Kämpfe heftig.")
    found = names([text], "de")
    assert found == frozenset({"präsident baschar", "stadt rakka", "us-außenminister john kerry", "sdf"})
    assert not {"truppen", "luftwaffe", "unterstützung", "kämpfe", "samstag"} & found


def test_dw_names(dw_item):
    assert {"raqqa", "tabqa", "rami abdurrahman", "sdf", "moscow", "manbij"} <= dw_item.names
    assert not {"the", "but", "saturday", "backed", "liberating", "june"} & dw_item.names


# --- Reuters-21578 versions ------------------------------------------------------------------

def test_reuters_corrected_headlines(reuters):
    corrected = [r for _, r in reuters if isinstance(r, Item) and re.match(r"\W*CORRECTED\b", r.headline)]
    assert len(corrected) == 47  # FORMAT.md: 47 corrected headlines
    for item in corrected:
        assert item.version_signal == "corrected", item.headline
        assert not item.norm_headline.startswith(("corrected", "(corrected", "<corrected")), item.headline


def test_reuters_flashes_are_urgent(reuters):
    flashes = [r for line, r in reuters if b'"body_text": "***' in line]
    assert flashes and all(i.version_signal in ("urgent", "corrected") for i in flashes)


def test_reuters_slug_families(reuters):
    items = [r for _, r in reuters if isinstance(r, Item) and r.slug]
    assert all(i.slug_family is None or re.fullmatch(r"[A-Z0-9&]+(?:-[A-Z0-9&]+)*", i.slug_family)
               for i in items)
    empty = {i.slug for i in items if i.slug_family is None}
    assert empty <= {"BC-resending", "BC-******", "BC--"}, empty


def test_copy_type_for_credits():
    assert credits(Copy(("x",), "BEIRUT (AP) —", ("AP",))) == ("AP",)


@pytest.mark.parametrize(
    "slug, signal, family",
    [
        ("Turkey-quake,LEAD", ("lead", None), "TURKEY-QUAKE"),  # AFP
        ("Turkey-quake,2ndLEAD", ("lead", 2), "TURKEY-QUAKE"),
        ("TURKEY-QUAKE/ (URGENT)", ("urgent", None), "TURKEY-QUAKE"),  # Reuters
        ("Häfen/Streik/Hamburg (Eil)", ("urgent", None), "HÄFEN-STREIK-HAMBURG"),  # dpa
        ("Häfen/Streik/Hamburg (Zusammenfassung 0817)", ("lead", None), "HÄFEN-STREIK-HAMBURG"),
        ("Germany-Ports (update 1)", ("update", 1), "GERMANY-PORTS"),
        ("Chile-vote (Valparaiso)", (None, None), "CHILE-VOTE-VALPARAISO"),  # not a handling tag
    ],
)
def test_handling_tags_at_the_end_of_a_slug(slug, signal, family):
    assert version_signal(slug) == signal
    assert slug_family(slug) == family
