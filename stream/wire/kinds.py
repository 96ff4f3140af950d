"""What kind of copy an item is: a news story, or service and templated copy around the news.

Agencies move more than stories: notes to editors, budgets (lists of the stories to come),
diaries, price tables, sports results, earnings briefs. They recur under the same headline and
share most of their words, so to the duplicate window they look like versions of each other;
to story clustering, like one huge story. :func:`copy_kind` tells them apart and
:func:`subject_key` names what a templated item is about (a ticker, a company, a report).

Kinds, checked in this order:

* ``advisory``  -- a note to editors, not copy: "will not move", kill / withhold notices,
  editor's notes, correction notices without the story. Short, and says so in the
  headline or slug, or opens by addressing editors.
* ``budget``    -- a list of other stories: news budgets, sluglists, "Top News", digests and
  news summaries. Said in the headline, or seen in the body: several paragraphs that open
  with a slug or a dateline, i.e. several stories in one item.
* ``schedule``  -- a list of dated events: diaries, daybooks, calendars, agendas, fixtures,
  and "Today in History" (an almanac is a calendar of past events, and it recurs daily
  under one headline exactly like a diary, so it is kept with them).
* ``earnings``  -- company figures tables: Reuters' "Shr 52 cts vs 43 cts", "Qtly div".
* ``results``   -- sports results and standings tables, "Results ... (1)".
* ``market_report`` -- price, index and statistics reports that are mostly figures
  ("Shanghai, Shenzhen stock indices", "London gold", "N.Y. COTTON FUTURES").
* ``news``      -- everything else, and the default: a written story stays news however many
  figures it carries.

The body's shape decides most of it, which keeps the rules language-light: the share of
tokens that are figures, paragraphs that are short label + figure rows, "X vs Y" rows,
paragraphs opening with a time, a date, a slug or a dateline. Headline words only confirm
a shape (or stand alone where they cannot mean anything else, like "sluglist"). Everything
runs in one pass over at most :data:`MAX_PARAGRAPHS` paragraphs with precompiled patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stream.wire.extract import strip_version_markers
from stream.wire.item import Item

NEWS = "news"
KINDS = ("news", "advisory", "budget", "schedule", "earnings", "results", "market_report")
#: Copy about other copy, or lists: a version needs the agency's own version marker.
SERVICE = frozenset({"advisory", "budget", "schedule"})
#: Tables whose figures are the content: versions share their figures.
FIGURES = frozenset({"earnings", "results", "market_report"})
#: Sent again every day (or session) under the same headline: editions, not versions.
RECURRING = frozenset({"budget", "schedule", "results", "market_report"})

MAX_PARAGRAPHS = 40  # tables and lists show their shape early; bound the work on huge bodies
SHORT_WORDS = 150  # an advisory is a few lines to editors; a story with an editor's note is longer

# --- what the headline and slug say ----------------------------------------------------------

_I = re.I
_ADVISORY_HEAD = re.compile(
    r"(?<!\w)(?<!travel )(?<!health )(?<!weather )(?<!storm )(?<!flood )(?<!heat )(?<!water )"
    r"(?:advisory|advisories)(?![\w-]*\s+(?:board|committee|council|panel|body|group|firm|role|opinion|vote))"
    r"|editor'?s'?\s+note|note\s+to\s+editors|\beds?\s*:|\beditors?\s*:|will\s+not\s+(?:move|be\s+sent)"
    r"|\bmandatory\s+kill\b|^\W*(?:kill|withhold|withdrawn|elimination|eliminate|correction)\b\s*(?:[-:;.]|$)"
    r"|\b(?:kill|withhold|elimination)\s+(?:advisory|notice)\b",
    _I,
)
# A body that talks to editors about copy: it opens by addressing them, or names a story and
# what to do with it ("The story slugged ... is being withdrawn", "will not move").
_TO_EDITORS = re.compile(
    r"\W*(?:editors?|eds|attn:?\s+editors?|attention\s+editors?|note\s+to\s+editors|editor'?s\s+note|advisory"
    r"|correction|kill|mandatory\s+kill|withhold)\b\W*[:.,;-]",
    _I,
)
_ABOUT_COPY = re.compile(
    r"\b(?:the|this|that|our)\s+(?:story|item)\b|\bslugged\b|\bslugline\b|\bheadlined\b|\btitled\b"
    r"|\bin\s+(?:the\s+|a\s+|an\s+)?[\w.,' ]{0,40}\b(?:story|item|take)\b",
    _I,
)
_COPY_ACTION = re.compile(
    r"will\s+not\s+(?:move|run|be\s+(?:sent|moved|transmitted))|\bwithdraw(?:n|ing)?\s+(?:the|this|that|our)\s+(?:story|item)"
    r"|\b(?:is|are|has\s+been|being|was)\s+(?:withdrawn|killed|eliminated)\b|\bplease\b|\bpls\b|\bshould\s+read\b"
    r"|\bmake\s+sure\b|\bsubstitut"
    r"|\bwill\s+(?:move|be\s+(?:sent|moved|transmitted|repeated))\b|\bwill\s+follow\b",
    _I,
)
# A budget or digest by name; "budget" alone is news ("budget talks"), so it needs a service
# word or a day next to it, or the listing shape below.
_BUDGET_HEAD = re.compile(
    r"\bsluglists?\b|\bslug\s+list\b|\btop\s+(?:news|stories|headlines)\b|\bnews\s+(?:digest|summary|summaries|budget|highlights|in\s+brief|briefs)\b"
    r"|\b(?:news|sports?|business|financial|world|weekend|daily|ap|afp|nyt|xinhua)\s+digest\b|\bworld\s+news\s+summary\b|\bnews\s+items\b|\bmajor\s+news\b|\bat\s+a\s+glance\b|\bnews\s+briefs?\b"
    r"|\bpackage\s+of\s+(?:news\s+)?briefs\b|\bpress\s+(?:review|digest)\b|\bwhat\s+the\s+papers\s+say\b"
    r"|\b(?:news|service|wire|weekend|sports|business|features?|financial|holiday|daily|advance|art|photo|enterprise|times)\s+budgets?\b"
    r"|\bbudgets?\s+for\s+(?:mon|tue|wed|thu|fri|sat|sun|today|tomorrow|release|editions?|[ap]\.?m)\w*",
    _I,
)
_BUDGET_HINT = re.compile(r"\bbudget|\bsummary\b|\bbriefs?\b|\bhighlights\b|\broundup\b|\bheadlines\b|\bbulletin\b", _I)
_NOT_SCHEDULE = re.compile(r"\bchronology\b|\btime\s?line\b|\bfact\s?(?:box|file|sheet)\b|\bkey\s+(?:events|dates)\b", _I)
_SCHEDULE_HEAD = re.compile(
    r"\bday\s?books?\b|\bdate\s?book\b|\bdiary\b|\bnews\s+agenda\b|\b(?:today|this\s+day|this\s+date)\s+in\s+history\b"
    r"|\bon\s+this\s+(?:day|date)\b|\bcoming\s+events\b|\bevents\s+(?:calendar|diary|schedule)\b|\bforward\s+planner\b"
    r"|\bcalendar\s+of\s+events\b|\b(?:tv|television|radio|sports?)\s+(?:schedule|listings|programmes?|programs?)\b",
    _I,
)
_SCHEDULE_HINT = re.compile(
    r"\bcalendar\b|\bagenda\b|\bschedules?\b|\bfixtures?\b|\bprogramme\b|\bprogram\b|\bevents\b|\bweek\s+ahead\b|\bplanner\b|\blistings\b",
    _I,
)
_EARNINGS_HEAD = re.compile(
    r"\b(?:qtr|quarter|1st|2nd|3rd|4th|first|second|third|fourth|year|yr|half|mths|months|weeks|nine|six|interim|final)\b"
    r"[^<>]*\b(?:net|loss|profits?|results|earnings|revenues?|sales)\b"
    r"|\b(?:qtly|quarterly|monthly|semi-annual|annual|initial|special|extra|regular|interim|final|stock)\s+(?:div|dividend|payout|distribution)s?\b"
    r"|\b(?:div|dividend|payout|distribution)s?\b|\bshr\b|\b(?:oper\s+)?net\s*$|\b(?:loss|profit)\s*$",
    _I,
)
_RESULTS_HEAD = re.compile(
    r"\bresults?\b|\bstandings?\b|\bscores?(?:board)?\b|\bleague\s+table\b|\btables?\b|\bleaderboard\b|\bmedals?\s+(?:table|tally|count)\b"
    r"|\bfinal\s+(?:round|classification)\b|\bclassification\b|\bleaders\b|\btop\s+scorers\b|\bgoal\s?scorers\b|\bbox\s?scores?\b"
    r"|\b(?:league|cup|championships?|tournament|games)\s*(?:\(\d+\))?\s*$",
    _I,
)
_SPORT = re.compile(
    r"\b(?:soccer|football|tennis|golf|basketball|baseball|hockey|cricket|rugby|cycling|skiing|athletics|swimming|boxing"
    r"|volleyball|handball|nba|nfl|nhl|mlb|fifa|uefa|olympics?|games|league|cup|grand\s+prix|sports?"
    r"|championships?|tournament|match(?:es)?|serie\s+a|bundesliga|premier\s+league|liga|ligue)\b",
    _I,
)
_SLUG_BC = re.compile(r"^\s*BC-", _I)
_PART = re.compile(r"\(\s*(\d{1,2})\s*\)\s*$")  # "Results of Serie A (2)": part 2 of one table
_MARKET_HEAD = re.compile(
    r"\bstocks?\b|\bshares?\b|\bind(?:ex|ices|exes)\b|\bbourses?\b|\bforex\b|\bexchange\s+rates?\b|\bcurrenc|\bdollar\b|\byen\b"
    r"|\bgold\b|\bsilver\b|\bplatinum\b|\bbullion\b|\bfutures\b|\bprices?\b|\bcommodit|\bclos(?:e|ing|es)\b|\bopen(?:ing|s)?\b"
    r"|\bfix(?:ing)?\b|\bspot\b|\bspots\b|\bquot(?:es|ations?)\b|\bmetals?\b|\bcrude\b|\boil\b|\bbonds?\b|\btreasur|\byields?\b"
    r"|\binterbank\b|\bmoney\s+market\b|\brates?\b|\bcash\b|\bgrains?\b|\bwheat\b|\bcorn\b|\bsoy\w*|\bhogs?\b|\bcattle\b"
    r"|\bcotton\b|\bsugar\b|\bcoffee\b|\bcocoa\b|\brubber\b|\bpalm\b|\btin\b|\bcopper\b|\bzinc\b|\baluminium\b|\baluminum\b"
    r"|\bnikkei\b|\bhang\s+seng\b|\bdow\b|\bftse\b|\bdax\b|\bcac\b|\bnasdaq\b|\bnyse\b|\bcomex\b|\bcbt\b|\bcme\b|\blme\b"
    r"|\bactives?\b|\bspreads?\b|\bturnover\b|\btrading\b|\bauction\b|\btenders?\b|\barrivals\b|\bsupply\b|\bstatistics\b"
    r"|\busda\b|\bexports?\b|\bimports?\b|\bsales\b|\bkerb\b|\bwholesale\b",
    _I,
)

_PRICE_MOVE = re.compile(
    r"\b(?:up|off|down|dn|steady|stdy|firm|mixed|unch|unchanged|higher|lower|easier|weaker|stronger)\b[\s/a-z]*\d", _I
)

# --- what the body looks like -----------------------------------------------------------------

_DIGITS = frozenset("0123456789")
_VS_ROW = re.compile(r"\bvs\.?(?=\s|$)|\bversus\b", _I)
# The labels of a company's figures: "Shr", "Oper net", "Revs", "Qtly div", "Pay", "Record".
_EARNINGS_ROW = re.compile(
    r"\W*(?:(?:oper(?:ating)?|group|net|pre-?tax|primary|fully\s+diluted|avg|qtly|quarterly|monthly|int(?:erim)?|final"
    r"|annual|initial|special|extra|trading|attributable)\s+)*(?:shr|shrs|share|net|revs?|revenues?|sales|turnover|div|dividend"
    r"|payout|distribution|profit|loss|income|earnings|eps|pay|payable|record|reord)\b",
    _I,
)
# A paragraph that opens another story: "BC-PADILLA-INDICTED ( Miami ) --", "VIENNA --",
# "SANTA ANA , Calif. ( AP ) --", "LONDON, June 4 (AFP) -", or closes one with a slug tag
# "( Austria-Avalanches-Death )".
_OPENER = re.compile(
    r"\s*(?:BC-|[A-Z0-9&]{2,}(?:-[A-Za-z0-9&]+)+\b(?:\s*\([^()]{1,30}\))?\s*(?:--|—|_|:|\s-\s))"
    r"|\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}\s*(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3}\s*)?"
    r"(?:\(\s*[A-Za-z-]{2,12}\s*\)\s*)?(?:--|—|_\s)"
)
_SLUG_TAG = re.compile(r"\(\s*[A-Z][\w.']*(?:\s*-\s*[\w.' ]+){1,5}\)\s*$")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?"
_TIMED_OPEN = re.compile(
    rf"\W*(?:\d{{1,2}}[:.]\d{{2}}\b|\d{{3,4}}\s*(?:gmt|utc|hrs|h|local)\b|\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?m\b|noon\b|midnight\b"
    rf"|{_WEEKDAYS}\s*[,:-]|{_MONTHS}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTHS}\b|in\s+\d{{3,4}}\b|\d{{3,4}}\s*[-–—:]\s|\d{{1,2}}[./-]\d{{1,2}}\b)",
    _I,
)
_SCORE = re.compile(r"(?<![\d.,/])\d{1,3}\s*[-:–]\s*\d{1,3}(?![\d.,/])")  # 2-1, 6-4, 98:87


@dataclass(slots=True)
class Shape:
    """Counts from one pass over the body (at most :data:`MAX_PARAGRAPHS` paragraphs)."""

    paragraphs: int = 0
    words: int = 0
    figures: int = 0  # tokens holding a digit
    lower: int = 0  # lower-case words: the function words of prose
    rows: int = 0  # short paragraphs that are mostly figures: table rows
    vs_rows: int = 0  # "Shr 52 cts vs 43 cts"
    versus: int = 0  # every " vs" in the body, rows or not ("Anchor Financial shr 31 cts vs 31 Biomet ...")
    label_rows: int = 0  # rows under a company-figures label: "Shr 20.9p", "Qtly div 10 cts", "Pay April 30"
    openers: int = 0  # paragraphs opening with a slug or a dateline: another story in a list
    timed: int = 0  # paragraphs opening with a time or a date: a diary entry
    scores: int = 0  # short paragraphs holding a score: "Arsenal 2 Chelsea 1", "def. Smith 6-4 6-3"
    prose: int = 0  # paragraphs that read as sentences

    @property
    def figure_share(self) -> float:
        return self.figures / self.words if self.words else 0.0

    @property
    def lower_share(self) -> float:
        return self.lower / self.words if self.words else 0.0

    @property
    def row_share(self) -> float:
        return self.rows / self.paragraphs if self.paragraphs else 0.0

    @property
    def tabular(self) -> bool:
        """Mostly figures: rows dominate, or figures crowd out prose words."""
        if self.words < 4:
            return False
        if self.row_share >= 0.5 and self.prose <= max(1, self.paragraphs // 4):
            return True
        # Labels in capitals or abbreviations, not sentences: "CANADA TREASURY BILLS 90 days 06.93"
        share, lower = self.figure_share, self.lower_share
        if share >= 0.45 or (share >= 0.3 and (lower < 0.45 or not self.prose)):
            return True
        return share >= 0.2 and lower < 0.3


_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_AS_WORDS = {cp: " w " for lo, hi in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF)) for cp in range(lo, hi + 1)}


def _prose_word(token: str) -> bool:
    """A word of running text: lower case, or of a script without case (Arabic, Hebrew...)."""
    return token.islower() or (token.isalpha() and not token.isupper() and not token.istitle())


def shape(paragraphs: tuple[str, ...] | list[str]) -> Shape:
    """Count the body's shape.

    >>> s = shape(["Shr 68 cts vs 78 cts", "Net 2,432,179 vs 2,236,471", "Revs 50.8 mln vs 35.1 mln"])
    >>> (s.rows, s.vs_rows, s.prose, s.tabular)
    (3, 3, 0, True)
    >>> shape(["The army said on Sunday it took the town, 40 km from the border."]).tabular
    False
    >>> shape(["抢劫案发生在 12 月 13 日下午 5 点 45 分左右，地点是位于 Old Georgetown Road 7700 街区的珠宝交易所。"]).tabular
    False
    >>> shape(["قال الجيش يوم الأحد إنه سيطر على البلدة التي تبعد 40 كيلومترا عن الحدود"]).tabular
    False
    """
    s = Shape()
    for para in paragraphs[:MAX_PARAGRAPHS]:
        if not para.isascii() and _SPACELESS.search(para):
            para = para.translate(_AS_WORDS)  # Chinese, Japanese: each character reads as a word
        tokens = para.split()
        n = len(tokens)
        if not n:
            continue
        # Token tests in C (isalpha, isdisjoint, islower): a regex pass costs several times more.
        figures = sum(1 for t in tokens if not t.isalpha() and not _DIGITS.isdisjoint(t))  # 1,750  (423.03)  2-1
        lower = sum(map(_prose_word, tokens))  # prose is mostly lower-case (or caseless) words
        s.paragraphs += 1
        s.words += n
        s.figures += figures
        s.lower += lower
        if n <= 16 and figures and figures * 4 >= n:
            s.rows += 1
        if n <= 24:
            if ("vs" in para or "VS" in para or "versus" in para) and _VS_ROW.search(para):
                s.vs_rows += bool(figures) or "nil" in para.lower()
            if _EARNINGS_ROW.match(para):
                s.label_rows += 1
            if figures and _SCORE.search(para):
                s.scores += 1
        if figures:
            s.versus += para.count(" vs")
        if n >= 8 and lower * 2 >= n and figures * 4 < n:
            s.prose += 1
        if n >= 8 and figures * 4 < n:  # a sentence follows: not a table heading ("HARD WINTER --")
            if _OPENER.match(para) or (para[-1] == ")" and _SLUG_TAG.search(para)):
                s.openers += 1
        if n >= 4 and figures * 3 < n and _TIMED_OPEN.match(para):  # an entry, not a price row ("APR 1,985")
            s.timed += 1
        if s.prose >= 4 and s.prose == s.paragraphs and not (s.openers or s.timed):
            break  # a written story: nothing further down turns it into a table or a list
    return s


# --- the kind ---------------------------------------------------------------------------------

def copy_kind(item: Item) -> str:
    """The kind of copy: ``"news"`` or one of the service / templated kinds (module docstring).

    >>> from stream.wire.item import Item
    >>> def item(headline, *paragraphs, slug=None):
    ...     return Item("x:1", 0.0, headline, "en", slug=slug, paragraphs=paragraphs)
    >>> copy_kind(item("BANPONCE <BDEP> 4TH QTR NET", "Shr 52 cts vs 43 cts", "Net 3,400,000 vs 2,800,000"))
    'earnings'
    >>> copy_kind(item("Shanghai, Shenzhen Stock Indices", "Following are the closing indices today:",
    ...                "Shanghai A share index: 1,234.56, up 12.34", "Shanghai B share index: 56.78, down 0.12",
    ...                "Shenzhen A share index: 345.67, up 1.2", "Shenzhen B share index: 78.90, unchanged"))
    'market_report'
    >>> copy_kind(item("Results of Italian Serie A (1)", "Juventus 2 Lazio 1", "Roma 0 Inter 0", "Milan 3 Bari 1"))
    'results'
    >>> copy_kind(item("NYT News Service budget", "The New York Times plans to move the following stories."))
    'budget'
    >>> copy_kind(item("ADVISORY", "Editors: The story slugged BC-Iraq-Vote will not move tonight."))
    'advisory'
    >>> copy_kind(item("Today in History", "Today is Wednesday, Feb. 24, the 55th day of 1999.",
    ...                "In 1582, Pope Gregory XIII issued a papal bull.", "In 1868, the House impeached Andrew Johnson.",
    ...                "In 1981, Buckingham Palace announced the engagement of Prince Charles."))
    'schedule'
    >>> copy_kind(item("UNISYS CORP 3RD QTR SHR 65 CTS VS 34 CTS"))
    'earnings'
    >>> copy_kind(item("Wall Street closes higher", "Stocks rose on Friday as technology shares gained "
    ...                "and the Dow added 0.6 percent, or 72 points, to 12,345.67, traders said."))
    'news'
    """
    head = item.headline or ""
    slug = _SLUG_BC.sub("", item.slug or "").replace("-", " ")
    label = f"{head} {slug}".strip()
    s = shape(item.paragraphs)
    lowered = label.lower()
    if _is_advisory(head, slug, item.paragraphs, s):
        return "advisory"
    if _is_budget(label, lowered, s):
        return "budget"
    if _is_schedule(label, lowered, s):
        return "schedule"
    if not s.paragraphs:  # a flash or an empty body: nothing shows a table...
        # ...but a flash can be a table row itself: "UNISYS CORP 3RD QTR SHR 65 CTS VS 34 CTS"
        return "earnings" if _FIGURES_FLASH.search(head) else NEWS
    if _is_earnings(label, s):
        return "earnings"
    if _is_results(head, slug, s):
        return "results"
    if s.tabular or _short_price_report(label, s):
        return "market_report"
    return NEWS


_ADVISORY_WORDS = ("advis", "editor", "eds", "note", "will not", "kill", "withh", "withdr", "elimin", "correction")


# Words without which a pattern cannot match: a substring test skips most regex searches.
_BUDGET_WORDS = ("slug", "top ", "news", "digest", "summar", "glance", "brief", "review", "papers", "budget")
_SCHEDULE_WORDS = ("day", "book", "diary", "agenda", "history", "event", "planner", "calendar", "schedule",
                   "listing", "program")


def _said(pattern: re.Pattern[str], words: tuple[str, ...], lowered: str, text: str) -> bool:
    return any(w in lowered for w in words) and pattern.search(text) is not None


def _is_advisory(head: str, slug: str, paragraphs: tuple[str, ...], s: Shape) -> bool:
    if s.words > SHORT_WORDS * 2:
        return False
    label = f"{head} {slug}".lower()
    said = any(w in label for w in _ADVISORY_WORDS) and bool(_ADVISORY_HEAD.search(head) or _ADVISORY_HEAD.search(slug))
    if said and (s.words <= SHORT_WORDS or s.prose <= 2):
        return True
    if s.words <= SHORT_WORDS and paragraphs:
        if _TO_EDITORS.match(paragraphs[0]):
            return True
        opening = " ".join(paragraphs[:3])
        return _ABOUT_COPY.search(opening) is not None and _COPY_ACTION.search(opening) is not None
    return False


def _is_budget(label: str, lowered: str, s: Shape) -> bool:
    if _said(_BUDGET_HEAD, _BUDGET_WORDS, lowered, label):
        return True
    # Several stories in one item: paragraphs opening with slugs or datelines.
    if s.openers < 2:
        return False
    needed = 2 if _BUDGET_HINT.search(label) else 3
    return s.openers >= needed and s.openers * 6 >= s.paragraphs


def _is_schedule(label: str, lowered: str, s: Shape) -> bool:
    """A diary by name, or entries opening with times and dates -- unless it is one story's
    chronology or timeline, which belongs with that story."""
    if _NOT_SCHEDULE.search(label):
        return False
    if _said(_SCHEDULE_HEAD, _SCHEDULE_WORDS, lowered, label):
        return True
    if s.timed < 3 or s.timed * 2 < s.paragraphs:
        return False
    return s.timed * 4 >= s.paragraphs * 3 or _SCHEDULE_HINT.search(label) is not None


_FIGURES_FLASH = re.compile(r"\b(?:SHR|NET|REVS|QTLY\s+DIV)\b.*\d.*\bVS\b\s*[\d(]", re.I)


def _is_earnings(label: str, s: Shape) -> bool:
    if s.vs_rows >= 3 and s.vs_rows * 3 >= s.paragraphs:
        return True  # figures against the year before, row after row, notes or not
    if s.label_rows >= 2 and s.label_rows * 2 >= s.paragraphs and (s.vs_rows or s.rows):
        return True  # "Qtly div 27-1/2 cts vs 27-1/2 cts / Pay April 10 / Record April Three"
    if not (s.tabular or s.row_share >= 0.4):
        return False
    if s.versus >= 4 and _EARNINGS_HEAD.search(label):
        return True  # several companies' figures run together: "EARNINGS HIGHLIGHTS"
    if s.vs_rows >= 2 or (s.label_rows >= 3 and s.label_rows * 2 >= s.paragraphs):
        return True
    return bool(_EARNINGS_HEAD.search(label)) and (s.vs_rows or s.label_rows >= 2 or s.row_share >= 0.6)


def _is_results(head: str, slug: str, s: Shape) -> bool:
    if not (s.tabular or s.row_share >= 0.4):
        return False
    label = f"{head} {slug}"
    if _PART.search(head) and (_RESULTS_HEAD.search(label) or _SPORT.search(label)):
        return True
    if _RESULTS_HEAD.search(label) and (_SPORT.search(label) or (s.scores >= 3 and s.scores * 2 >= s.paragraphs)):
        return True
    return s.scores >= 3 and s.scores * 2 >= s.paragraphs and bool(_SPORT.search(label))


def _short_price_report(label: str, s: Shape) -> bool:
    """A few lines of prices under a market headline ("ST LOUIS HOGS UP 1.00 DLR - USDA")."""
    if s.figures < 3:
        return False
    if s.words <= 60 and (s.rows or s.figure_share >= 0.2):
        return _MARKET_HEAD.search(label) is not None
    # A price move in the headline ("HOGS UP 1.00 DLR", "CATTLE STDY/UP 0.50") over a few rows.
    return s.words <= 200 and s.rows >= 2 and bool(_PRICE_MOVE.search(label)) and bool(_MARKET_HEAD.search(label))


# --- the subject ------------------------------------------------------------------------------

_TICKER = re.compile(r"<\s*([A-Z0-9][A-Z0-9.&/-]{0,11})\s*>")
_BRACKETS = re.compile(r"[<>]")
_DOTS = re.compile(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.")  # "U.S." -> "US"
_NOISE = re.compile(
    rf"\b(?:\d+(?:st|nd|rd|th)|{_MONTHS}|{_WEEKDAYS}|today|tonight|tomorrow|yesterday|gmt|utc|e[sd]t|a\.?m|p\.?m)(?![\w])"
    r"|\S*\d\S*|[^\w\s&']",
    _I,
)


def subject_key(headline: str, kind: str) -> str | None:
    """What a templated item is about, for telling its versions from its neighbours.

    The ticker(s) in ``<...>`` when the headline names any (Reuters style), else the headline
    without version markers, figures, dates and times, lower-cased; a part number ("(2)") is
    kept, since part 1 and part 2 of a table are different copy. None for news.

    >>> subject_key("BANPONCE <BDEP> 4TH QTR NET", "earnings"), subject_key("CORRECTED - BANPONCE <BDEP> 4TH QTR NET", "earnings")
    ('BDEP', 'BDEP')
    >>> subject_key("U.S GOLD PRICES - APR 7", "market_report"), subject_key("Results of Serie A (2)", "results")
    ('us gold prices', 'results of serie a (2)')
    >>> subject_key("Quake hits Iran", "news") is None
    True
    """
    if kind == NEWS:
        return None
    text = strip_version_markers(headline)
    tickers = sorted(set(_TICKER.findall(text)))
    if tickers:
        return "+".join(tickers)
    part = _PART.search(text)
    name = " ".join(_NOISE.sub(" ", _DOTS.sub("", _BRACKETS.sub(" ", text[: part.start()] if part else text))).lower().split())
    if part:
        name = f"{name} ({int(part.group(1))})".strip()
    return name or None
