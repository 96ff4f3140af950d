"""Versions need the same story, not the same template: the window on service and templated copy."""

from __future__ import annotations

import gzip

import pytest

from stream.dedup import DuplicateWindow
from stream.settings import Dedup
from stream.wire import Item, parse
from tests.helpers.dedup import make_item

CFG = Dedup()


def templated(uri, hours, paragraphs, headline, kind, subject, numbers=(), **kw) -> Item:
    item = make_item(uri, hours, paragraphs, headline, **kw)
    item.kind, item.subject, item.numbers = kind, subject, frozenset(numbers)
    return item


@pytest.fixture(scope="module")
def reuters(shared_data) -> dict[str, Item]:
    items, prev = {}, None
    with gzip.open(shared_data / "reuters21578.jsonl.gz") as lines:
        for line in lines:
            item = parse(line, fallback_time=prev)
            if isinstance(item, Item):
                items[item.uri] = item
                prev = item.time
    return items


def pair(items: dict[str, Item], first: str, second: str):
    win = DuplicateWindow(CFG)
    win.observe(items[first])
    return win.observe(items[second]).verdict


# -- real copy ---------------------------------------------------------------------------------

@pytest.mark.parametrize("first, second", [
    ("reuters21578:12010", "reuters21578:12912"),  # FREDDIE MAC ADJUSTS SHORT TERM DISCOUNT RATES, two days on
    ("reuters21578:13909", "reuters21578:15579"),  # the same, the next week
    ("reuters21578:13799", "reuters21578:15952"),  # NATIONAL AVERAGE PRICES FOR FARMER OWNED RESERVE
])
def test_next_edition_of_a_reuters_market_report_is_not_a_version(reuters, first, second):
    a, b = reuters[first], reuters[second]
    assert a.kind == b.kind == "market_report" and a.subject == b.subject and a.slug_family == b.slug_family
    assert a.time // 86400 != b.time // 86400
    v = pair(reuters, first, second)
    assert v.kind is None  # main linked each as a version by slug


@pytest.mark.parametrize("original, corrected", [
    ("reuters21578:2188", "reuters21578:2249"),  # PEGASUS GOLD INC <PGULF> 4TH QTR NET
    ("reuters21578:3668", "reuters21578:4169"),  # NETWORK VIDEO INC <NVID> 3RD QTR, headline shortened
    ("reuters21578:8457", "reuters21578:8580"),  # MANHATTAN NATIONAL CORP <MLC> 4TH QTR LOSS
])
def test_earnings_brief_and_its_corrected_resend_are_versions(reuters, original, corrected):
    assert reuters[corrected].version_signal == "corrected"
    v = pair(reuters, original, corrected)
    assert (v.kind, v.dup_of) == ("version", original)


def test_reuters_templated_links_stay_within_one_subject(reuters):
    """Over the whole corpus: no version or near link joins two subjects of templated copy, and
    no recurring report is linked to another day's edition without a version marker."""
    win = DuplicateWindow(CFG)
    items = list(reuters.values())
    links = [(item, win.observe(item).verdict) for item in items]
    templated_links = 0
    for item, v in links:
        if v.kind not in ("near", "version"):
            continue
        other = reuters[v.matched]
        if item.kind == other.kind == "news":
            continue
        templated_links += 1
        assert item.subject == other.subject or item.norm_headline == other.norm_headline, (item.uri, other.uri)
        if {item.kind, other.kind} & {"market_report", "results", "budget", "schedule"} and not item.version_signal:
            assert item.time // 86400 == other.time // 86400, (item.uri, other.uri)
    assert templated_links > 50


# -- the rules, one by one ---------------------------------------------------------------------

INDICES = ["Following are the closing stock indices of the Shanghai and Shenzhen exchanges today:",
           "Shanghai A share index: {a}, up {b}", "Shanghai B share index: {c}, down 0.12",
           "Shenzhen A share index: {d}, up 1.2"]


def indices(uri, hours, a, b, c, d):
    paras = [p.format(a=a, b=b, c=c, d=d) for p in INDICES]
    return templated(uri, hours, paras, "Shanghai, Shenzhen Stock Indices", "market_report",
                     "shanghai shenzhen stock indices", {a, b, c, d}, agency="Xinhua", slug_family="STOCKS")


def test_todays_stock_indices_are_not_a_version_of_yesterdays():
    win = DuplicateWindow(CFG)
    win.observe(indices("x:1", 0, "1234.56", "12.34", "56.78", "345.67"))
    v = win.observe(indices("x:2", 24, "1240.10", "5.54", "56.90", "346.02")).verdict
    assert v.kind is None


def test_same_day_resend_of_a_report_is_a_near_duplicate_and_a_fix_a_version():
    win = DuplicateWindow(CFG)
    win.observe(indices("x:1", 0, "1234.56", "12.34", "56.78", "345.67"))
    assert win.check(indices("x:2", 1, "1234.56", "12.34", "56.78", "345.67")).kind == "exact"
    fix = indices("x:3", 1, "1234.56", "12.43", "56.78", "345.67")
    fix.version_signal = "corrected"
    assert win.check(fix).kind == "version"


def results(uri, hours, part, rows):
    return templated(uri, hours, rows, f"Results of Italian Serie A soccer league ({part})", "results",
                     f"results of italian serie a soccer league ({part})", set(), agency="Xinhua")


def test_results_part_one_and_part_two_are_not_versions():
    win = DuplicateWindow(CFG)
    win.observe(results("x:1", 0, 1, ["Juventus 2 Lazio 1", "AS Roma 0 Inter Milan 0", "AC Milan 3 Bari 1"]))
    v = win.observe(results("x:2", 0.1, 2, ["Parma 1 Fiorentina 1", "Udinese 2 Empoli 0", "Napoli 1 Genoa 1"])).verdict
    assert v.kind is None


BUDGET = ["The New York Times News Service plans to move the following stories for AMs of {day}.",
          "For questions, contact the news desk at the usual number.",
          "IRAQ-VOTE (Baghdad) -- Iraqis vote in a tense election, with polls open until dusk and troops on every corner.",
          "{story}"]


def budget(uri, hours, day, story, headline="NYT News Service Budget", **kw):
    paras = [p.format(day=day, story=story) for p in BUDGET]
    return templated(uri, hours, paras, headline, "budget", headline.lower(), agency="NYT",
                     slug_family="NYT-BUDGET", **kw)


def test_budgets_are_not_versions_of_each_other_unless_marked():
    win = DuplicateWindow(CFG)
    win.observe(budget("nyt:1", 0, "Thursday", "CHILE-QUAKE (Santiago) -- A strong quake shakes the capital."))
    later = budget("nyt:2", 6, "Thursday", "US-BUDGET (Washington) -- Congress passes a stopgap spending bill.")
    assert win.check(later).kind is None  # the next budget, not a version of the first
    later.version_signal = "corrected"
    assert win.check(later).kind == "version"  # the agency says it is the same budget, corrected
    other = budget("nyt:3", 6, "Thursday", "US-BUDGET (Washington) -- Congress passes a stopgap spending bill.",
                   headline="NYT Sports Budget", version_signal="corrected")
    assert win.check(other).kind is None  # another budget altogether


def test_news_is_untouched_by_the_template_rules():
    """A news story tied by shared sentences stays a version, as before."""
    from tests.helpers.dedup import RAQQA

    win = DuplicateWindow(CFG)
    win.observe(make_item("ap:1", 0, RAQQA, "Syrian troops enter Raqqa province"))
    v = win.observe(make_item("ap:2", 30, RAQQA[:6] + ["A new paragraph on the fighting today near the dam."],
                              "Syrian troops push on in Raqqa")).verdict
    assert v.kind == "version"


def test_templated_fields_survive_restore():
    win = DuplicateWindow(CFG)
    win.observe(indices("x:1", 0, "1234.56", "12.34", "56.78", "345.67"))
    entry = win.entry("x:1")
    assert (entry["kind"], entry["subject"]) == ("market_report", "shanghai shenzhen stock indices")
    again = DuplicateWindow(CFG)
    again.restore([entry])
    assert again.check(indices("x:2", 24, "1240.10", "5.54", "56.90", "346.02")).kind is None
