"""Cleaning copy: take the story out of what wires and web pages carry around it.

:func:`clean_copy` drops page furniture (navigation, short URLs, photo credits and their
captions, share/ad lines), bylines, datelines, wire time stamps, date lines, trailers
("(Reporting by ...)", "REUTER", "AP writer X contributed ..."), desk sign-offs
("bik/nm (AP, AFP)") and the headline repeated as the first paragraph. What credits a
source (the dateline's "(AP)", the sign-off's "(AP, AFP)") is kept aside for extraction.

:func:`normalise_text` folds a paragraph for comparison. Both run on every item, so every
pattern is compiled once and most lines are judged by one combined regex.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stream.wire.agencies import credit_list, named_in


@dataclass(frozen=True, slots=True)
class Copy:
    """The story paragraphs of a body, and what was cut that credits a source."""

    paragraphs: tuple[str, ...]
    dateline: str = ""  # as removed: "BEIRUT (AP) —"
    credit_lines: tuple[str, ...] = ()  # cut text that may name agencies: "(AP, AFP)", "AP writer ..."


# --- normalise_text ------------------------------------------------------------------------

_FOLD = str.maketrans({
    **dict.fromkeys("‘’‚‛′‹›`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"),  # soft hyphen, zero widths: delete
})


def normalise_text(s: str) -> str:
    """Fold text for comparison: NFKC, straight quotes, plain dashes, one space, lower case.

    >>> normalise_text("„Wir  kommen“ — sagte  er  «bientôt»")
    '"wir kommen" - sagte er "bientôt"'
    >>> normalise_text("The ‘IS’ fighters\\n\\nin RAQQA")
    "the 'is' fighters in raqqa"
    """
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_FOLD)
    return " ".join(s.split()).lower()


# --- what a line of furniture looks like ----------------------------------------------------

_MONTH = (
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|mar(?:ch)?|märz|apr(?:il)?|ma[iy]|june?|juni|july?|juli"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?"
)
_WEEKDAY = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag"
)
_ZONE = r"gmt|utc|e[sd]t|c[sd]t|p[sd]t|ces?t|mes?z|local time"
# A line that is only a date and/or time. A month needs a year ("June 4, 2016") and a clock
# needs a zone ("1530 GMT"), so table rows ("JUNE 192.50 193.00", "Sept 30") stay copy.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH})\.?\s+{_DAY},?\s+\d{{4}}|{_DAY}\.?\s+(?:{_MONTH})\.?,?\s+\d{{4}}|(?:{_MONTH})\s+\d{{4}}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}"
)
_CLOCK = r"\d{1,2}:\s?\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|h)?"
_STAMP = rf"\d{{4}}(?:\d\d)?\s*(?:{_ZONE})(?:\s+(?:{_MONTH})\s+\d{{2,4}})?"  # "041530 GMT Jun 16"
_DATE_LINE = re.compile(
    rf"(?:(?:published|updated|last updated|posted(?: on)?|date|datum|stand)\s*:?\s*)?"
    rf"(?:(?:{_WEEKDAY})\b\.?,?\s*)?"
    rf"(?:(?:{_DATE})(?:[\s,|/-]+(?:{_CLOCK})(?:\s*(?:{_ZONE}))?)?"
    rf"|(?:{_CLOCK})\s*(?:{_ZONE})?[\s,|/-]+(?:{_DATE})(?:\s*(?:{_ZONE}))?"
    rf"|{_STAMP})",
    re.I,
)

_NAV_WORDS = (
    "share|advertisement|advertising|anzeige|werbung|menu|search|home|print|send|email|e-mail"
    "|facebook|twitter|whatsapp|linkedin|permalink|related content|related topics|related subjects"
    "|read more|more on this|more on this topic|click here|sign up|log in|subscribe|newsletter"
    "|comments|copy link|close|back to top|top stories|most read|more content|listen to this article"
    "|audios and videos on the topic|teilen|drucken|mehr zum thema"
)
_UP = "A-ZÀ-ÖØ-Þ"  # capitals a byline name may start with (Latin-1 is enough for bylines)
_NAME = rf"[{_UP}][\w.'’-]*(?:\s+[{_UP}][\w.'’-]*){{0,3}}"

# Whole lines that are never story. One alternation: a line is tested once, not per pattern.
_FURNITURE = re.compile(
    "|".join([
        r"(?:\d+\.\s*)?skip to\b.*",  # "1. Skip to content"
        rf"(?:{_NAV_WORDS})\W*",  # "Share", "Advertisement"
        r"(?:read more|also read|continue reading|watch|listen|sign up|share)\s*:.*",
        r"(?:share (?:on|this|via)|follow us on)\b.{0,60}",
        r"(?:permalink\s*)?(?:https?://|www\.)\S+",  # a bare (short) URL
        r"(?:author|related subjects|keywords)\s[^.!?]{0,60}|feedback:.{0,80}",  # DW's footer
        r"(?:print print this page|send facebook).{0,80}",
        r"[_*#=~-]{3,}|-30-|# # #|\(?ends?\)?|\(?ende\)?",  # rules and end marks
        r"\((?:adds|updates|recasts|corrects|changes|fixes|repeats|refiles|removes|inserts|"
        r"rewrites|updating|adding)\b[^()]*\)",  # Reuters version notes: "(Adds quotes)"
        r"follow\b.{0,120}(?:twitter|facebook|instagram|https?://|@\w).*",
    ]),
    re.I,
)
_BYLINE = re.compile(  # case-sensitive: "By Monday, prices rose" is copy, "By John Smith" is not
    rf"(?:By|BY)\s+{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*"
    rf"(?:\s*[,|/-]\s*(?:The\s+)?[{_UP}][\w&.' -]{{1,40}})?"
)
_PHOTO_CREDIT = re.compile(
    r"\(?(?:(?:images?|photos?|pictures?|bild|foto|photograph|credit)\s*:\s*\S.{0,100}"
    r"|(?:photos?|pictures?|images?)\s+(?:by|courtesy of)\s.{0,100}"
    r"|picture[- ]alliance/\S.{0,60}|getty images.{0,40}|ap photo/.{0,60})\)?",
    re.I,
)
_SIGN_OFF = re.compile(r"([A-Za-z]{1,5}(?:/[A-Za-z]{1,5})+)\s*(?:\(([^()]{1,80})\))?\.?")
_TRAILER = re.compile(
    r"\((?:additional |writing and |)(?:reporting|writing|editing|compiled|compiling|research|"
    r"graphics?|berichterstattung)\b[^()]*\)"
    r"|.{0,250}\b(?:contributed (?:to this (?:report|story)|reporting)|contributed from)\b.{0,80}"
    r"|.{0,120}\b(?:writers?|reporters?|correspondents?)\b.{0,180}\bcontributed\.?"
    r"|contributing:.{0,250}",
    re.I,
)

# Cut from the end of the last paragraph: sign-off, "REUTER", "(Reporting by ...)".
_TAIL_SIGN_OFF = re.compile(r"\s+[a-z]{1,5}(?:/[a-z]{1,5})+\s*\(([^()]{1,80})\)\s*$")
_TAIL_CREDIT = re.compile(r"\s*(\([^()]{1,80}\))\s*$")
_TAIL_REUTER = re.compile(r"(?:^|\s+)(?:REUTERS?|[Rr]euter|(?<=[.!?\"”] )Reuters)(?:\.\.\.)?\s*$")
_TAIL_TRAILER = re.compile(
    r"\s*\((?:additional |)(?:reporting|writing|editing|compiled)\b[^()]*\)\s*$", re.I
)
_TAIL_BLAH = re.compile(r"\s*Blah blah blah\.?\s*$")  # Reuters-21578 flash placeholder
_INLINE_PHOTO = re.compile(r"\s*\((?:photo|image|picture|foto|bild)s?(?:\s*:|\s+by\b)[^()]{0,100}\)", re.I)
_FLASH = re.compile(r"^\*{3,}\s*")  # Reuters "******" flash marker

# Datelines: a caps place with a credit ("BEIRUT (AP) —"), with a qualifier ("RAQQA, Syria
# (Reuters) -", "SALVADOR, Feb 26 -") or with a long dash ("WASHINGTON —"); or any place with
# an agency credit ("Berlin (dpa) -"). A caps heading with a plain hyphen ("N.Y. TANKERS -",
# "CORRECTION -") is a Reuters table title or notice, not a dateline.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}.'’-]+"
_CAPS_PLACE = rf"(?!(?:CORRECT|UPDATE|REFILE|URGENT|RPT|REPEAT)){_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,2}}"
_ANY_PLACE = rf"[{_UPPER}][\w.'’-]+(?:\s+[{_UPPER}][\w.'’-]+){{0,3}}"
_QUALIFIER = r"(?:,\s+[\w.'’]+(?:\s+[\w.'’]+){0,3}){1,3}"  # ", Syria", ", June 4"
_NAMED_QUALIFIER = r"(?:,\s+[^\W\d_][\w.'’]*(?:\s+[\w.'’]+){0,3}){1,3}"  # not a score: ", 20 -"
_CREDIT = r"\s*\(([^()]{1,60})\)"
_DASH = r"\s*\.?\s*[-‐‑‒–—―]{1,2}\s+"
_LONG_DASH = r"\s*(?:[–—―]|--)\s+"
_DATELINE = re.compile(
    rf"{_CAPS_PLACE}(?:{_QUALIFIER}{_CREDIT}{_DASH}|{_NAMED_QUALIFIER}{_DASH}|{_CREDIT}{_DASH}|{_LONG_DASH})"
    rf"|{_ANY_PLACE}(?:{_QUALIFIER})?{_CREDIT}{_DASH}"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


# --- the cleaner -------------------------------------------------------------------------------

def clean_copy(body: str, headline: str = "") -> Copy:
    """The story paragraphs of ``body`` (original case) and the credits cut from around them.

    >>> copy = clean_copy(
    ...     "Troops advance on Raqqa\\n\\nJune 4, 2016\\n\\n"
    ...     "BEIRUT (AP) — Syrian troops pushed into Raqqa province.\\n\\n"
    ...     "https://p.dw.com/p/1J0fw\\nFighters in Raqqa.\\nImage: Reuters/R. Said\\n\\n"
    ...     "They are 80 kilometers away.\\n\\nbik/nm (AP, AFP)",
    ...     headline="Troops advance on Raqqa")
    >>> copy.paragraphs
    ('Syrian troops pushed into Raqqa province.', 'They are 80 kilometers away.')
    >>> copy.dateline, copy.credit_lines
    ('BEIRUT (AP) —', ('AP', 'AP, AFP'))
    """
    credits: list[str] = []
    paragraphs = _story_lines(body.replace("\r\n", "\n"), credits)
    _cut_tail(paragraphs, credits)
    dateline = _cut_head(paragraphs, headline, credits)
    return Copy(tuple(p for p in paragraphs if p), dateline, tuple(credits))


def _story_lines(body: str, credits: list[str]) -> list[str]:
    """Paragraphs with furniture lines dropped; a paragraph's remaining lines joined."""
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(body):
        kept: list[str] = []
        for line in block.split("\n"):
            line = " ".join(line.split())  # no whitespace runs: keeps every \s* below linear
            if not line or _is_furniture(line):
                continue
            if _PHOTO_CREDIT.fullmatch(line):
                if kept and len(kept[-1]) < 300:  # a caption sits right above its credit
                    kept.pop()
                continue
            if _is_credit_line(line, credits):
                continue
            kept.append(line)
        if kept:
            text = " ".join(kept)
            if "(" in text:
                text = _INLINE_PHOTO.sub("", text)
            paragraphs.append(text)
    return paragraphs


def _is_furniture(line: str) -> bool:
    if len(line) > 300:  # furniture is short; long lines are copy
        return False
    if _FURNITURE.fullmatch(line) or _BYLINE.fullmatch(line):
        return True
    return len(line) <= 60 and bool(_DATE_LINE.fullmatch(line))


def _is_credit_line(line: str, credits: list[str]) -> bool:
    """Sign-offs, trailers and bare credit lists: cut them, keep their text for credits."""
    if len(line) > 300:
        return False
    if "/" in line and (sign_off := _SIGN_OFF.fullmatch(line)):
        if sign_off.group(1).islower() or named_in(sign_off.group(2) or ""):
            if sign_off.group(2):
                credits.append(sign_off.group(2))
            return True
    if (("ontribut" in line or line[0] == "(") and _TRAILER.fullmatch(line)) or (
        len(line) <= 100 and credit_list(line) is not None
    ):
        credits.append(line)
        return True
    return False


_TAIL_CHARS = 600  # trailers are short: search only the end of a (possibly huge) paragraph


def _cut_tail(paragraphs: list[str], credits: list[str]) -> None:
    """Strip sign-offs and trailers glued to the end of the copy."""
    while paragraphs:
        last = paragraphs[-1]
        cut = max(0, len(last) - _TAIL_CHARS)
        paragraphs[-1] = (last[:cut] + _cut_tail_of(last[cut:], credits)).rstrip()
        if paragraphs[-1]:
            return
        paragraphs.pop()


def _cut_tail_of(last: str, credits: list[str]) -> str:
    while True:
        before = last
        last = _TAIL_BLAH.sub("", last)
        for pattern in (_TAIL_SIGN_OFF, _TAIL_REUTER, _TAIL_TRAILER):
            if m := pattern.search(last):
                credits.append(m.group(m.lastindex or 0).strip())
                last = last[: m.start()]
        if (m := _TAIL_CREDIT.search(last)) and credit_list(m.group(1)) is not None:
            credits.append(m.group(1))
            last = last[: m.start()]
        if last == before:
            return last.rstrip()


def _cut_head(paragraphs: list[str], headline: str, credits: list[str]) -> str:
    """Drop the repeated headline and cut the dateline off the first paragraph."""
    while paragraphs and not paragraphs[0]:
        paragraphs.pop(0)
    if not paragraphs:
        return ""
    first = _FLASH.sub("", paragraphs[0])
    if headline and _same_words(first, headline):
        paragraphs.pop(0)
        if not paragraphs:
            return ""
        first = paragraphs[0]
    dateline = _DATELINE.match(first)
    credit = dateline and next((g for g in dateline.groups() if g), None)
    if dateline is None or (credit and not named_in(credit)):
        paragraphs[0] = first
        return ""
    if credit:
        credits.insert(0, credit)
    paragraphs[0] = first[dateline.end():]
    return dateline.group().strip()


def _same_words(a: str, b: str) -> bool:
    return normalise_text(_FLASH.sub("", a)).rstrip(" .") == normalise_text(_FLASH.sub("", b)).rstrip(" .")
