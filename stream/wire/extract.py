"""What copy says about itself: who issued it, whom it credits, which version it is, and the
anchors (numbers, names) that tie it to other copy on the same story."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from stream.wire.agencies import canonical, named_in
from stream.wire.normalise import Copy

# --- agency and credits -----------------------------------------------------------------------

_PARENS = re.compile(r"\(([^()]*)\)")


def issuing_agency(holder: str | None, dateline: str = "") -> str | None:
    """The agency whose copy this is: the holder if it is one, else the dateline's single credit.

    >>> issuing_agency("The Associated Press"), issuing_agency(None, "BEIRUT (AP) —")
    ('AP', 'AP')
    >>> issuing_agency("DW"), issuing_agency(None, "PARIS (AFP/Reuters) -")
    (None, None)
    """
    if agency := canonical(holder):
        return agency
    found = set().union(*(named_in(m) for m in _PARENS.findall(dateline)))
    return found.pop() if len(found) == 1 else None


def is_agency(holder: str | None, agency: str | None) -> bool:
    """Issued by an agency: a publisher (a holder that is no agency) never is, even when it
    runs an agency's dateline.

    >>> is_agency("AP", "AP"), is_agency(None, "AP"), is_agency("DW", "AP")
    (True, True, False)
    """
    return agency is not None and (not holder or canonical(holder) is not None)


def credits(copy: Copy) -> tuple[str, ...]:
    """Canonical agencies credited by the dateline, sign-off and trailers, sorted.

    >>> credits(Copy((), "BEIRUT (AP) —", ("AP", "AP, AFP", "with agency reports")))
    ('AFP', 'AP')
    """
    return tuple(sorted(set().union(*map(named_in, copy.credit_lines))))


# --- versions and slugs ---------------------------------------------------------------------

_MARK = (
    r"(?P<corrected>correct(?:ed|ion)|korrektur|berichtigung)"
    r"|(?P<refile>refile|rpt|repeat|resend(?:ing)?)"
    r"|(?P<update>update)(?:\s*(?P<update_n>\d+))?"
    r"|(?P<urgent>urgent|bulletin|eilmeldung)"
)
# At the start: "UPDATE 2-", "CORRECTED - ", "(CORRECTED)-", "<CORRECTED>", "RPT--", "******".
# A bare marker needs a separator after it, so "UPDATE WINTER WHEAT" is a headline, not a marker.
_PREFIX = re.compile(
    rf"[\s/]*(?:(?P<stars>\*{{3,}})\s*"
    rf"|(?P<open>[(<])?\s*(?:{_MARK})\s*(?(open)[)>][\s:;/-]*|(?:[-:;/]+\s*|$)))",
    re.I,
)
# Anywhere in a slug, or tagged (after start, comma, bracket) in a headline.
_NUMBERED = (
    r"(?:(?P<writethru_n>\d+)(?:st|nd|rd|th)[\s-]+)?(?:ld-?)?(?P<writethru>writethru)"
    r"|(?P<lead_n>\d+)(?:st|nd|rd|th|er|e)\s+(?P<lead>lead)"
    r"|(?:(?P<summary_n>\d+)\.\s*)?(?P<summary>zusammenfassung)"
)
_ANYWHERE = re.compile(rf"(?<![\w])(?:{_NUMBERED})(?![\w])", re.I)
_TAGGED = re.compile(rf"(?:^|\s*[,(\[]\s*|\s+-\s+)(?:{_NUMBERED})\s*[)\]]?(?=$|[\s,:;/-])", re.I)
_NOTE = re.compile(  # Reuters' trailing version note: "(CORRECTS TO SHOW ...)"
    r"\s*\((?:corrects|correcting|corrected|updates|adds|recasts|repeats|refiles|fixes|changes)\b[^()]*\)\s*$",
    re.I,
)
_PRIORITY = ("corrected", "refile", "writethru", "update", "lead", "urgent")


def version_signal(
    slug: str | None, headline: str | None = None, body: str = ""
) -> tuple[str | None, int | None]:
    """The strongest version marker in slug and headline: (signal, number).

    Strength: corrected > refile > writethru > update > lead > urgent, so a flash slug
    ("BC-******MEDIA-GENERAL") carrying a "CORRECTED - ..." headline is a correction.

    A body opening with Reuters' flash stars ("****** ...") is urgent even when the slug lost
    them (half of Reuters-21578's 1,794 flashes).

    >>> version_signal("BC-Syria-Raqqa, 1st Ld-Writethru")
    ('writethru', 1)
    >>> version_signal("UPDATE 2-SYRIA-RAQQA/"), version_signal(None, "CORRECTED - GM SEES RISE")
    (('update', 2), ('corrected', None))
    >>> version_signal("BC-USDA-TO-UPDATE-WINTER", "USDA TO UPDATE WINTER WHEAT ACREAGE")
    (None, None)
    >>> version_signal("BC-fluor-downgrade", "FLUOR CORP DOWNGRADED", "****** FLUOR CORP DOWNGRADED")
    ('urgent', None)
    """
    found: dict[str, int | None] = {}
    core, tagged = _slug_tags(_slug_body(slug or ""))
    for signal, number in tagged:
        found[signal] = found.get(signal) or number
    for text, anywhere in ((headline or "", _TAGGED), (core, _ANYWHERE)):
        for signal, number in _markers(text, anywhere):
            found[signal] = found.get(signal) or number
    for signal in _PRIORITY:
        if signal in found:
            return signal, found[signal]
    return ("urgent", None) if body.lstrip().startswith("***") else (None, None)


def _markers(text: str, anywhere: re.Pattern[str]) -> Iterable[tuple[str, int | None]]:
    segments = re.split(r",\s+", text) if anywhere is _ANYWHERE else [text]
    for segment in segments:  # AP puts handling after a comma: "Syria-Raqqa, Correction"
        for m in _prefixes(segment):
            yield _signal(m)
    for m in anywhere.finditer(text):
        yield _signal(m)


def _prefixes(text: str) -> Iterable[re.Match[str]]:
    pos = 0
    while (m := _PREFIX.match(text, pos)) and m.end() > pos:
        yield m
        pos = m.end()


def _signal(m: re.Match[str]) -> tuple[str, int | None]:
    found = {name: value for name, value in m.groupdict().items() if value}
    if "stars" in found:
        return "urgent", None
    for name in ("corrected", "refile", "update", "urgent", "writethru", "lead", "summary"):
        if name in found:
            number = found.get(f"{name}_n")
            return ("lead" if name == "summary" else name), int(number) if number else None
    raise AssertionError(m.group())  # every alternative names its signal


def strip_version_markers(headline: str) -> str:
    """The headline without version markers: what ``Item.norm_headline`` is made from.

    >>> strip_version_markers("(CORRECTED) - BANPONCE <BDEP> PLACES NOTES")
    'BANPONCE <BDEP> PLACES NOTES'
    >>> strip_version_markers("UPDATE 2-IS under attack in Raqqa, 2nd lead")
    'IS under attack in Raqqa'
    """
    text = headline
    for m in _prefixes(headline):
        text = headline[m.end():]
    text = _NOTE.sub("", _TAGGED.sub("", text))
    return text.strip(" -:,")


def _slug_body(slug: str) -> str:
    return re.sub(r"^\s*BC-", "", slug, flags=re.I)


# Handling tags at the end of a slug: AFP ",LEAD" / ",2ndLEAD", Reuters "(URGENT)",
# dpa "(update 1)", "(Eil)", "(Zusammenfassung 0817)".
_SLUG_TAG = re.compile(r"\s*(?:\((?P<paren>[^()]*)\)|,\s*(?P<lead>(?P<lead_n>\d+)?(?:st|nd|rd|th)?\s*lead))\s*$", re.I)
_TAG_SIGNALS = (
    (re.compile(r"(?:urgent|eil|eilmeldung|flash|bulletin)$", re.I), "urgent"),
    (re.compile(r"update\s*(?P<n>\d+)?$", re.I), "update"),
    (re.compile(r"(?:(?P<n>\d+)(?:st|nd|rd|th)?\s*)?lead$|zusammenfassung\b.*", re.I), "lead"),
    (re.compile(r"correct(?:ed|ion)|korrektur|berichtigung", re.I), "corrected"),
    (re.compile(r"refile|resend|rpt", re.I), "refile"),
)


def _slug_tags(slug: str) -> tuple[str, list[tuple[str, int | None]]]:
    """The slug without trailing handling tags, and the version signals those tags carry.

    >>> _slug_tags("Turkey-quake,2ndLEAD"), _slug_tags("TURKEY-QUAKE/ (URGENT)")
    (('Turkey-quake', [('lead', 2)]), ('TURKEY-QUAKE/', [('urgent', None)]))
    >>> _slug_tags("Häfen/Streik/Hamburg (Zusammenfassung 0817)"), _slug_tags("Chile-vote (Valparaiso)")
    (('Häfen/Streik/Hamburg', [('lead', None)]), ('Chile-vote (Valparaiso)', []))
    """
    found: list[tuple[str, int | None]] = []
    while m := _SLUG_TAG.search(slug):
        tag = (m.group("paren") if m.group("paren") is not None else m.group("lead")).strip()
        signal = next(((name, t) for t, name in _TAG_SIGNALS if t.match(tag)), None)
        if signal is None:
            break  # "(Valparaiso)": part of the slug, not a handling tag
        name, pattern = signal
        n = pattern.match(tag).groupdict().get("n") or m.group("lead_n")
        found.append((name, int(n) if n else None))
        slug = slug[: m.start()]
    return slug, found


_SLUG_JOIN = re.compile(r"['’.]")
_SLUG_NOISE = re.compile(r"[\W_]+")


def slug_family(slug: str | None) -> str | None:
    """The slug without version markers and punctuation noise, upper-cased: ties versions.

    >>> slug_family("BC-Syria-Raqqa, 1st Ld-Writethru"), slug_family("UPDATE 2-SYRIA-RAQQA/")
    ('SYRIA-RAQQA', 'SYRIA-RAQQA')
    >>> slug_family("BC-(CORRECTED)---<TRANSA"), slug_family("BC-resending")
    ('TRANSA', None)
    """
    if not slug:
        return None
    text = re.split(r",\s+", _slug_tags(_slug_body(slug))[0])[0]
    for m in _prefixes(text):
        text = m.string[m.end():]
    text = _ANYWHERE.sub("", text)
    family = _SLUG_NOISE.sub("-", _SLUG_JOIN.sub("", text)).strip("-").upper()
    return family or None


# --- anchors: numbers -----------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
# Languages writing 1,750.5; the rest (de, fr, es, it, ...) write 1.750,5.
_POINT_DECIMAL = frozenset({"en", "ja", "zh", "ko", "th", "he", "hi", "ms", "tl", "ga"})


def numbers(texts: Iterable[str], language: str = "en") -> frozenset[str]:
    """Numbers in the copy, written one way across languages; single digits are left out.

    English "1,750" and German "1.750" are both "1750"; "5.93" and "5,93" both "5.93".
    Single digits go: AP and Reuters style spell out one to nine, German copy writes digits,
    so they would only add noise. A dotted date "04.06.2016" gives its parts ("2016").

    >>> sorted(numbers(["Arrivals were 155,221 bags, 5.93 mln against 1,750 and 2.50 on June 4"]))
    ['155221', '1750', '2.5', '5.93']
    >>> sorted(numbers(["1.750 Dollar, 5,93 Prozent am 04.06.2016"], "de"))
    ['1750', '2016', '5.93']
    """
    decimal = "." if language in _POINT_DECIMAL else ","
    found: set[str] = set()
    for text in texts:
        for token in _NUMBER.findall(text):
            if token.isdigit():  # most numbers: no separators to read
                found.add(token.lstrip("0") or "0")
            else:
                found.update(_number(token, decimal))
    return frozenset(n for n in found if len(n) > 1)


def _number(token: str, decimal: str) -> list[str]:
    thousands = "." if decimal == "," else ","
    whole, _, fraction = token.partition(decimal)
    groups = whole.split(thousands)
    if decimal in fraction or thousands in fraction or not _grouped(groups):
        return [g.lstrip("0") or "0" for g in re.split(r"[.,]", token)]  # a date or version
    fraction = fraction.rstrip("0")
    return [("".join(groups).lstrip("0") or "0") + (f".{fraction}" if fraction else "")]


def _grouped(groups: list[str]) -> bool:
    return len(groups) == 1 or (len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


# --- anchors: names -------------------------------------------------------------------------

def _capitals() -> str:
    """A regex class of every upper-case letter in the BMP (stdlib ``re`` has no \\p{Lu})."""
    ranges: list[list[int]] = []
    for code in range(min(sys.maxunicode, 0xFFFF) + 1):
        if chr(code).isupper():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


_CAP = f"[{_capitals()}]"
_WORD = rf"{_CAP}[^\W_]*(?:['’-][^\W_]+)*"
_CONNECTORS = frozenset("of for de del della la le von van der den al bin ibn da di du dos das".split())
_RUN = re.compile(rf"{_WORD}(?:\s+(?:(?:{'|'.join(_CONNECTORS)})\s+)?{_WORD})*")
_POSSESSIVE = re.compile(r"['’]s$")
_NOUN_CAPITALISING = frozenset({"de", "lb", "gsw"})

# Capitals that name nobody: function words at a sentence start, months, weekdays, and the
# labels of wire tables ("Shr 43 cts vs 30 cts  Net 10.6 mln").
_STOP = frozenset("""
a an the and or but if in on at as by for from to of with without when while after before
this that these those it its it's he she they we i you his her their our my your there here
what which who whom whose why how where also some many most more all both each every no not
yet still meanwhile however although though since until despite during under over about
among according because one two three four five six seven eight nine ten
other such than then now only even just so thus indeed instead mr mrs ms dr prof
is are was were be been has have had will would can could should may might must do does did
der die das ein eine einen einem einer dem den des und oder aber im in am an auf aus bei mit
nach von vor zu zum zur über unter für es er sie wir ich ihr sein seine nicht auch wie wenn
als dass doch noch schon nur nun dann da denn weil seit laut rund mehr
le la les un une des du et ou mais dans sur pour par avec il elle ils elles nous ce cette ces
son sa ses au aux selon après avant lors
el los las y pero con por para su sus según tras
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
januar februar märz mai juni juli oktober dezember
montag dienstag mittwoch donnerstag freitag samstag sonntag
shr shrs net revs qtr qtly avg oper div pay record note year sales mths mth loss profit vs
""".split())


def names(paragraphs: Iterable[str], language: str = "en") -> frozenset[str]:
    """Capitalised word sequences, lower-cased: the people and places copy is about.

    A single capital at a sentence start is ambiguous ("Backed by ...", "Raqqa lies ...") and
    counts only if the same name also stands mid-sentence. German capitalises every noun,
    so there only runs of two or more capitals and acronyms count. Upper-case paragraphs
    (Reuters flashes, tables), months, weekdays and function words are skipped.

    >>> sorted(names(["Raqqa lies downstream. Backed by Russia, troops took Raqqa from IS.",
    ...               "US Secretary of State John Kerry spoke to Sergey Lavrov on Saturday."]))
    ['is', 'raqqa', 'russia', 'sergey lavrov', 'us secretary of state john kerry']
    >>> sorted(names(["Die Truppen von Präsident Baschar al-Assad rückten auf Rakka vor."], "de"))
    ['präsident baschar']
    >>> sorted(names(["Laut John Kerry und der SDF kämpfen die Truppen um Rakka."], "de"))
    ['john kerry', 'sdf']
    """
    nouns_capitalised = language in _NOUN_CAPITALISING
    mid: set[str] = set()
    ambiguous: list[str] = []  # single capitals opening a sentence
    for paragraph in paragraphs:
        if paragraph.isupper():
            continue
        for m in _RUN.finditer(paragraph):
            opens = _opens_sentence(paragraph, m.start())
            for name, first in _split_run(m.group(), joins=not nouns_capitalised):
                if opens and first and " " not in name and not _is_acronym(name):
                    ambiguous.append(name)
                else:
                    mid.add(name)
    if nouns_capitalised:
        kept = {n for n in mid if " " in n or _is_acronym(n)}
    else:
        seen = {name.lower() for name in mid}
        kept = mid.union(n for n in ambiguous if n.lower() in seen)
    return frozenset(n.lower() for n in kept)


_OPENERS = frozenset(" \t\n\"'“”‘’„«»()[]–—-")


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in ".!?:;"


def _split_run(run: str, joins: bool = True) -> list[tuple[str, bool]]:
    """Names in a run of capitals, cut at stop words, possessives and "-backed" adjectives;
    each with whether it opens the run. ``joins``: "of", "von" may join capitals ("Bank of
    England"); not in German, where "Truppen von Präsident" is nouns, not a name."""
    if run.isalpha():  # one plain word, the common case
        return [] if run.lower() in _STOP and not _is_acronym(run) else [(run, True)]
    found: list[tuple[str, bool]] = []
    current: list[str] = []
    opened = True  # the name being built starts the run

    def flush() -> None:
        nonlocal opened
        while current and current[-1] in _CONNECTORS:
            current.pop()
        if current:
            found.append((" ".join(current), opened))
        current.clear()
        opened = False

    for word in run.split():
        if word in _CONNECTORS:
            if current and joins:
                current.append(word)
            else:
                flush()
            continue
        head, _, tail = word.partition("-") if _lower_tail(word) else (word, "", "")
        ends = bool(tail) or bool(_POSSESSIVE.search(head))
        head = _POSSESSIVE.sub("", head)
        if head.lower() in _STOP and not _is_acronym(head):
            flush()
            continue
        current.append(head)
        if ends:
            flush()
    flush()
    return found


def _lower_tail(word: str) -> bool:
    """A hyphenated word whose later part is lower case: "US-backed", not "Baden-Württemberg"."""
    return "-" in word and any(part[:1].islower() for part in word.split("-")[1:])


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()
