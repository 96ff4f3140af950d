"""Copy kinds on real copy (Reuters-21578, TAC/AQUAINT, the sample desk) and on hand-written
service copy in the styles of AP, AFP, Xinhua and NYT."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from stream.wire import Item, parse
from stream.wire.kinds import KINDS, copy_kind, subject_key

from tests.helpers.paths import ROOT


def item(headline: str, body: str, holder: str = "AP", slug: str | None = None) -> Item:
    doc = {"uri": "x:1", "headline": headline, "body_text": body, "copyrightholder": holder, "language": "en"}
    if slug:
        doc["slugline"] = slug
    parsed = parse(doc)
    assert isinstance(parsed, Item)
    return parsed


@pytest.fixture(scope="module")
def reuters_items(reuters) -> dict[str, Item]:
    return {i.uri: i for _, i in reuters if isinstance(i, Item)}


@pytest.fixture(scope="module")
def tac(shared_data) -> dict[str, Item]:
    with gzip.open(shared_data / "tac-dev.jsonl.gz") as lines:
        return {i.uri: i for i in map(parse, lines) if isinstance(i, Item)}


# -- Reuters-21578 --------------------------------------------------------------------------

@pytest.mark.parametrize("uri, kind", [
    ("reuters21578:1229", "earnings"),  # UNITED COS FINANCIAL <UNCF> 4TH QTR NET: Shr / Net / Revs vs
    ("reuters21578:7887", "earnings"),  # <BIFLYX> 2ND QTR DEC 31 NET
    ("reuters21578:18693", "earnings"),  # UNITED JERSEY BANKS SETS QUARTERLY: Qtly div / Pay / Reord
    ("reuters21578:16175", "earnings"),  # GLAXO PROFITS UP SHARPLY: a table under a prose headline
    ("reuters21578:14209", "market_report"),  # PRS PARIS SUGAR CLOSING, no headline
    ("reuters21578:13910", "market_report"),  # U.S GOLD PRICES - APR 7
    ("reuters21578:13734", "market_report"),  # LONDON METAL SPOTS 1430
    ("reuters21578:14276", "market_report"),  # BANK OF ENGLAND EFFECTIVE INDEX: one sentence, then rates
    ("reuters21578:14419", "budget"),  # REUTER WORLD NEWS HIGHLIGHTS 1800 GMT APRIL 7
    ("reuters21578:17133", "advisory"),  # CORRECTION - PHIBRO ...: "please read in headline"
    ("reuters21578:1", "news"),  # BAHIA COCOA REVIEW: a story full of figures
    ("reuters21578:1583", "news"),  # DELTA UNIT POSTS LOWER LOAD FACTOR: figures in sentences
    ("reuters21578:15714", "news"),  # SHOE-TOWN MARCH SALES RISE 19 PCT
    ("reuters21578:2", "news"),
    ("reuters21578:19436", "news"),  # AUDI OF AMERICA LIFTS CAR PRICES: prices, but a story
    ("reuters21578:20607", "news"),  # a flash: no body, nothing shows a table
])
def test_reuters_items(reuters_items, uri, kind):
    assert reuters_items[uri].kind == kind, reuters_items[uri].headline


def test_reuters_counts(reuters_items):
    counts = Counter(i.kind for i in reuters_items.values())
    total = len(reuters_items)
    assert set(counts) <= set(KINDS)
    assert 2_700 <= counts["earnings"] <= 3_300  # ~14 %: one 1987 Reuters item in seven is a brief
    assert 600 <= counts["market_report"] <= 1_000
    assert counts["news"] >= 0.80 * total
    assert counts["schedule"] + counts["results"] <= 5  # none of either in the corpus


@pytest.mark.parametrize("original, corrected, key", [
    ("reuters21578:2188", "reuters21578:2249", "PGULF"),  # CORRECTED - PEGASUS GOLD INC<PGULF> 4TH QTR NET
    ("reuters21578:3668", "reuters21578:4169", "NVID"),  # CORRECTED-NETWORK VIDEO INC <NVID> 3RD QTR
    ("reuters21578:8457", "reuters21578:8580", "MLC"),  # CORRECTED - MANHATTAN NATIONAL<MLC>4TH QTR LOSS
])
def test_reuters_corrected_brief_shares_the_subject(reuters_items, original, corrected, key):
    assert reuters_items[original].kind == reuters_items[corrected].kind == "earnings"
    assert reuters_items[original].subject == reuters_items[corrected].subject == key


def test_reuters_earnings_subjects_tell_companies_apart(reuters_items):
    briefs = [i for i in reuters_items.values() if i.kind == "earnings" and "<" in i.headline]
    assert len(briefs) > 2_000
    # different companies' briefs do not share a key
    keyed = Counter(i.subject for i in briefs if i.subject)
    assert keyed.most_common(1)[0][1] <= 12


def test_news_items_have_no_subject(reuters_items):
    assert all(i.subject is None for i in reuters_items.values() if i.kind == "news")


# -- TAC / AQUAINT --------------------------------------------------------------------------

@pytest.mark.parametrize("uri, kind", [
    ("tac2010/D1023E-A/APW19990224.0020", "budget"),  # AP Top News at 2 p.m. EST
    ("tac2010/D1023E-A/XIE19990224.0207", "budget"),  # Xinhua World News Summary at 0800 GMT
    ("tac2010/D1021D-A/NYT_ENG_20051122.0149", "budget"),  # ST. PETERSBURG TIMES BUDGET-STP
    ("tac2010/D1023E-A/NYT19990224.0153", "budget"),  # NYT top news stories, no headline
    ("tac2010/D1028E-A/XIE19980105.0053", "budget"),  # Major News Items in Leading U.S. Newspapers
    ("tac2009/D0907B-A/LTW_ENG_20050106.0044", "advisory"),  # bc-commentary-advisory-lat-wp
    ("tac2010/D1011C-A/NYT_ENG_20041101.0063", "news"),  # "Editors, an illustration is available" over a story
    ("tac2009/D0934G-A/AFP_ENG_20041109.0160", "news"),  # Chronology of events surrounding Arafat's health
    ("tac2009/D0902A-A/LTW_ENG_20041025.0079", "news"),  # an editorial
    ("tac2010/D1004A-A/XIE19980719.0133", "news"),  # PNG Tidal Death Toll Rises to 599
])
def test_tac_items(tac, uri, kind):
    assert tac[uri].kind == kind, tac[uri].headline


def test_tac_is_nearly_all_news(tac):
    counts = Counter(i.kind for i in tac.values())
    assert counts["news"] >= 0.97 * len(tac)
    assert counts["earnings"] == counts["market_report"] == counts["results"] == 0


# -- the sample desk ----------------------------------------------------------------------------

def test_sample_desk_stories_stay_news():
    """Every labelled story in samples/desk.jsonl is news, prose market wraps and urgents with
    "vs" or rates in the headline included; its two kills are notes to editors."""
    kinds = {}
    for line in (ROOT / "samples" / "desk.jsonl").read_bytes().splitlines():
        parsed = parse(line)
        kinds[parsed.uri] = (parsed.kind, json.loads(line).get("pubstatus"))
    assert {k for k, status in kinds.values() if status != "canceled"} == {"news"}
    assert {k for k, status in kinds.values() if status == "canceled"} == {"advisory"}


# -- hand-written service copy, agency styles ---------------------------------------------------

@pytest.mark.parametrize("headline, body, holder, slug, kind", [
    # advisories
    ("Advisory", "EDITORS: The story slugged BC-EU--Iraq-Vote will not move tonight. AP", "AP", "BC-Iraq-Advisory", "advisory"),
    ("", "EDITORS: The following story will not move on the NYT News Service wire today.", "NYT", "NYT-ADVISORY", "advisory"),
    ("ADVISORY: AFP withdraws Haiti story", "AFP is withdrawing the story headlined \"Haiti president resigns\" "
     "transmitted at 1430 GMT. A corrected version will follow.", "AFP", None, "advisory"),
    ("MANDATORY KILL", "Editors: Please kill the story on the Texas shooting. It is being withdrawn.", "AP", None, "advisory"),
    # budgets
    ("AP News Digest", "Here are the top stories for AMs.\n\nIRAQ-VOTE -- Iraqis vote in a tense election, "
     "with polls open until dusk.\n\nCHILE-QUAKE -- A strong quake shakes Santiago, no damage reported so far.\n\n"
     "US-BUDGET -- Congress passes a stopgap spending bill after a late night of talks.", "AP", None, "budget"),
    ("NYT News Service budget for Thursday AMs", "The New York Times plans to move the following stories.", "NYT", None, "budget"),
    ("Xinhua world news summary at 1600 GMT, Jan. 5", "BEIJING -- China and Russia signed a trade pact on Monday "
     "worth several billion dollars.\n\n- - - -\n\nCAIRO -- Egypt's parliament approved a new cabinet by a wide "
     "margin on Monday.\n\n- - - -\n\nLONDON -- British inflation rose in December, official figures showed.", "Xinhua", None, "budget"),
    # schedules
    ("AFP world news agenda", "Monday: EU foreign ministers meet in Brussels on Iran.", "AFP", None, "schedule"),
    ("Today in History", "Today is Wednesday, Feb. 24, the 55th day of 1999.\n\nIn 1582, Pope Gregory XIII "
     "issued a papal bull outlining his calendar reforms.\n\nIn 1868, the House of Representatives impeached "
     "President Andrew Johnson.\n\nIn 1981, Buckingham Palace announced the engagement of Prince Charles.", "AP", None, "schedule"),
    ("AP Daybook", "10 a.m. -- The Senate meets to debate the farm bill.\n\n11:30 a.m. -- The president speaks "
     "at a school in Ohio.\n\n2 p.m. -- The Fed chairman testifies on the economy.", "AP", None, "schedule"),
    # results
    ("Results of Italian Serie A soccer league (1)", "ROME, Jan 5 (Xinhua) -- Following are the results of the "
     "Italian Serie A matches on Sunday:\n\nJuventus 2 Lazio 1\n\nAS Roma 0 Inter Milan 0\n\nAC Milan 3 Bari 1\n\n"
     "Parma 1 Fiorentina 1", "Xinhua", None, "results"),
    ("Soccer: English league results", "Premier League\n\nArsenal 2 Chelsea 1\n\nLiverpool 3 Everton 0\n\n"
     "Leeds 1 Newcastle 1", "AFP", None, "results"),
    ("Tennis: Australian Open results", "Men's singles, first round:\n\nRoger Federer (SUI x1) bt John Smith (AUS) "
     "6-4 6-3 6-2\n\nAndy Roddick (USA x3) bt Carlos Moya (ESP) 7-6 (7/4) 6-4 6-1", "AFP", None, "results"),
    # market reports
    ("Shanghai, Shenzhen stock indices", "SHANGHAI, Jan 5 (Xinhua) -- Following are the closing stock indices "
     "of the Shanghai and Shenzhen exchanges today:\n\nShanghai A share index: 1,234.56, up 12.34\n\n"
     "Shanghai B share index: 56.78, down 0.12\n\nShenzhen A share index: 345.67, up 1.2\n\n"
     "Shenzhen B share index: 78.90, unchanged", "Xinhua", None, "market_report"),
    ("Hong Kong gold closes lower", "HONG KONG, Jan 5 (AFP) - Gold closed at 287.50-288.00 US dollars an ounce, "
     "against 289.20-289.70 on Monday. Silver 5.10-5.15 (5.12-5.17).", "AFP", None, "market_report"),
    # news that must stay news
    ("Oil prices drop amid OPEC output pledge", "World oil prices fell further on Tuesday as OPEC pledged to "
     "supply more crude, with New York's main contract down 1.20 dollars at 65.30 dollars a barrel, traders said. "
     "Analysts said the market was nervous ahead of the hurricane season.", "AFP", None, "news"),
    ("US issues travel advisory for Mexico", "The State Department on Friday warned Americans against travel "
     "to five Mexican states because of rising violence.", "AP", None, "news"),
    ("Senator will not run again", "Senator John Smith said on Monday he will not run for a fourth term, "
     "ending weeks of speculation in his home state.", "AP", None, "news"),
    ("Congress passes budget after late talks", "The House passed a 1.2 trillion dollar budget early on "
     "Saturday after negotiators settled a dispute over farm subsidies.", "AP", None, "news"),
])
def test_agency_styles(headline, body, holder, slug, kind):
    assert item(headline, body, holder, slug).kind == kind


def test_subject_keys():
    assert subject_key("BANPONCE <BDEP> 4TH QTR NET", "earnings") == subject_key(
        "CORRECTED - BANPONCE <BDEP> 4TH QTR NET", "earnings") == "BDEP"
    assert subject_key("BANPONCE <BDEP> 4TH QTR NET", "earnings") != subject_key("BANCTEC <BTEC> 4TH QTR NET", "earnings")
    assert subject_key("Results of Serie A (1)", "results") != subject_key("Results of Serie A (2)", "results")
    assert subject_key("Shanghai, Shenzhen stock indices", "market_report") == "shanghai shenzhen stock indices"
    assert subject_key("Quake hits Iran", "news") is None


def test_classifier_is_cheap(reuters_items):
    """A loose bound (shared machines): the classifier is a small share of parsing."""
    import time

    sample = list(reuters_items.values())[:3_000]
    start = time.perf_counter()
    for i in sample:
        copy_kind(i)
    assert (time.perf_counter() - start) / len(sample) < 500e-6
