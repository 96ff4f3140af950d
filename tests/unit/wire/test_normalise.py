"""clean_copy() and normalise_text(): the story out of real copy, folded for comparison."""

from __future__ import annotations

import pytest

from stream.wire.extract import credits
from stream.wire.normalise import clean_copy, normalise_text

STORY = "Syrian troops pushed into Raqqa province on Saturday."


def story(*paragraphs: str, headline: str = "") -> tuple[str, ...]:
    return clean_copy("\n\n".join(paragraphs), headline=headline).paragraphs


# --- normalise_text ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u201cQuoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("\u00abGuillemets\u00bb \u201eGerman\u201c", '"guillemets" "german"'),
        ("en\u2013dash em\u2014dash fig\u2012dash", "en-dash em-dash fig-dash"),
        ("  many \t spaces\n\nand lines ", "many spaces and lines"),
        ("\uff21\uff22\uff23 \ufb01nal", "abc final"),  # NFKC: full width, ligature
        ("Raq\u00adqa\u200b", "raqqa"),  # soft hyphen, zero width space
        ("BEIRUT", "beirut"),
    ],
)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


# --- datelines -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "dateline, credit",
    [
        ("BEIRUT (AP) \u2014", "AP"),
        ("RAQQA, Syria (Reuters) -", "Reuters"),
        ("SALVADOR, Feb 26 -", None),
        ("PARIS, June 4 (AFP) -", "AFP"),
        ("Berlin (dpa) -", "dpa"),
        ("Berlin (dpa/lnw) \u2013", "dpa/lnw"),
        ("LONDON, June 4 (Reuters) -", "Reuters"),
        ("SAN JUAN, Puerto Rico (AP) --", "AP"),
        ("WASHINGTON \u2014", None),
        ("Madrid, 4 jun (EFE).-", "EFE"),
    ],
)
def test_dateline_is_cut_and_its_credit_kept(dateline, credit):
    copy = clean_copy(f"{dateline} {STORY}\n\nMore copy.")
    assert copy.paragraphs == (STORY, "More copy.")
    assert copy.dateline == dateline
    assert copy.credit_lines == ((credit,) if credit else ())


@pytest.mark.parametrize(
    "lead",
    [
        "CORRECTION - In Torrance, Calif., item ASHTON-TATE, please read 24.7 mln.",
        "N.Y. TANKERS - Chartered: Exxon, 80,000 tonnes.",
        "TOKYO RUBBER (YEN PER KILO) - Close: 192.50.",
        "The company (ABC) - which makes chips - said profit rose.",
        "COLTS TOP CHIEFS, 20 - 13 win sends Indianapolis to the playoffs.",
        "Bank shares fell - and fast.",
    ],
)
def test_not_a_dateline(lead):
    copy = clean_copy(lead)
    assert copy.paragraphs == (lead,) and copy.dateline == ""


# --- furniture -----------------------------------------------------------------------------

def test_page_furniture_is_dropped():
    body = (
        "1. Skip to content\n  2. Skip to main menu\n  3. Skip to more DW sites\n\n"
        "June 4, 2016\n\n"
        f"{STORY}\n\n"
        "https://p.dw.com/p/1J0fw\nFighters take an overwatch position.\nImage: Reuters/R. Said\n\n"
        "Share\n\nAdvertisement\n\n"
        "They are 80 kilometers away. (Photo by Delil Souleiman/AFP via Getty Images)\n\n"
        "Read more: Who is fighting whom in Syria\n\nPhoto: picture-alliance/dpa\n\n"
        "Permalink https://p.dw.com/p/1J0fw\n\n1530 GMT\n\n041530 GMT Jun 16\n\n"
        "Published: November 28, 2005\n\nSaturday, June 4, 2016\n\n(Adds quotes from activists)"
    )
    assert story(body) == (STORY, "They are 80 kilometers away.")


@pytest.mark.parametrize(
    "copy_line",
    [
        "JUNE 192.50 193.00",  # Reuters table rows look like dates but carry prices
        "Sept 30",
        "Record March 31",
        "2014",
        "Share prices rose 5 pct: analysts were surprised.",
        "Photographs of the dam were shown to reporters on Saturday, officials said.",
        "Authorities said 26 jihadists were killed.",
        "Homes were destroyed.",
    ],
)
def test_copy_that_looks_like_furniture_stays(copy_line):
    assert story(copy_line) == (copy_line,)


@pytest.mark.parametrize(
    "byline",
    ["By John Smith", "By John Smith, Associated Press", "BY JOHN SMITH", "By Sarah El Deeb and Bassem Mroue",
     "By Ellen Knickmeyer | Reuters"],
)
def test_bylines_are_dropped(byline):
    assert story(byline, STORY) == (STORY,)


def test_sentence_starting_with_by_stays():
    line = "By Monday, prices had risen 5 percent."
    assert story(line) == (line,)


# --- trailers and sign-offs ---------------------------------------------------------------

@pytest.mark.parametrize(
    "trailer, credit",
    [
        ("(Reporting by Tom Perry; Editing by Alison Williams)", None),
        ("REUTER", "Reuters"),
        ("reuter", "Reuters"),
        ("AP writer Zeina Karam in Beirut contributed to this report.", "AP"),
        ("Associated Press writers Bassem Mroue and Sarah El Deeb contributed.", "AP"),
        ("bik/nm (AP, AFP)", ("AFP", "AP")),
        ("ls/rc (dpa, Reuters)", ("Reuters", "dpa")),
        ("(AP, AFP)", ("AFP", "AP")),
        ("with AP, dpa", ("AP", "dpa")),
        ("with agency reports", None),
        ("___", None),
    ],
)
def test_trailer_lines_are_cut(trailer, credit):
    copy = clean_copy(f"{STORY}\n\n{trailer}")
    assert copy.paragraphs == (STORY,)
    expected = credit if isinstance(credit, tuple) else (credit,) if credit else ()
    assert credits(copy) == expected


@pytest.mark.parametrize(
    "tail",
    [" REUTER", " REUTER...", " Reuter...", " bik/nm (AP, AFP)", " (AP, AFP)",
     " (Reporting by Tom Perry; Editing by Alison Williams)", " Blah blah blah."],
)
def test_trailers_glued_to_the_last_paragraph_are_cut(tail):
    assert story(STORY + tail) == (STORY,)


def test_contributed_is_copy_unless_it_credits_the_report():
    line = "Gerald Henderson contributed 11 points and seven boards."
    assert story(STORY, line) == (STORY, line)


def test_told_reuters_is_copy():
    line = "The deal is off, a spokesman told Reuters."
    assert story(line) == (line,)


# --- the top ------------------------------------------------------------------------------

def test_headline_repeated_as_first_paragraph_is_dropped():
    assert story("\u2018IS\u2019 under attack", STORY, headline="'IS' under attack") == (STORY,)
    assert story(STORY, headline="Something else") == (STORY,)


def test_reuters_flash_repeating_the_headline_leaves_no_paragraphs():
    body = "****** BANKAMERICA SAYS IT EXPECTS A PROFIT FOR 1987 Blah blah blah."
    assert story(body, headline="BANKAMERICA SAYS IT EXPECTS A PROFIT FOR 1987") == ()


def test_crlf_and_line_wraps():
    assert story("Line one\r\nwraps here.\r\n\r\nSecond.") == ("Line one wraps here.", "Second.")


# --- the DW article -----------------------------------------------------------------------

def test_dw_article_is_cleaned(dw_text, dw_headline):
    copy = clean_copy(dw_text, headline=dw_headline)
    joined = "\n".join(copy.paragraphs)
    for furniture in ("Skip to", "p.dw.com", "Image:", "R. Said", "overwatch position",
                      "bik/nm", "(AP, AFP)", "June 4, 2016", dw_headline):
        assert furniture not in joined
    assert copy.paragraphs[0].startswith("Both US-backed and Russian-backed forces")
    assert "At least 26 jihadists" in joined and "Russia's priority" in joined
    assert copy.credit_lines == ("AP, AFP",)
