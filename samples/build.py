#!/usr/bin/env python3
"""Generate the sample feeds that ship with copydesk.

    python samples/build.py             # rewrites samples/raqqa.jsonl, desk.jsonl, bad.jsonl
    python samples/build.py --out DIR   # writes the three files into DIR instead
    python samples/build.py --stats     # prints what is in them

The output is deterministic: the copy is written out below as data (facts, headlines,
paragraphs, per agency), and the version mechanics (urgents, write-thrus, UPDATE n-,
REFILE-, CORRECTED-, exact re-sends, kills, publisher rewrites, times, ids, bylines) are
applied by code driven by one ``random.Random(SEED)``. Running it twice gives the same bytes.

Every item is original sample copy written for this project. ``raqqa.jsonl`` retells the
4 June 2016 Raqqa offensive as the AP and AFP copy behind the Deutsche Welle rewrite might
have read; its other items are plain illustrative copy of the same day. All events in
``desk.jsonl`` are invented; the people, companies and figures in it are fictional.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20160604
HERE = Path(__file__).resolve().parent

MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/"
TOPICS = {
    "arts": ("01000000", "arts, culture, entertainment and media"),
    "crime": ("02000000", "crime, law and justice"),
    "disaster": ("03000000", "disaster, accident and emergency incident"),
    "economy": ("04000000", "economy, business and finance"),
    "environment": ("06000000", "environment"),
    "health": ("07000000", "health"),
    "human": ("08000000", "human interest"),
    "labour": ("09000000", "labour"),
    "politics": ("11000000", "politics"),
    "science": ("13000000", "science and technology"),
    "society": ("14000000", "society"),
    "sport": ("15000000", "sport"),
    "conflict": ("16000000", "conflict, war and peace"),
    "weather": ("17000000", "weather"),
}

# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(s: str) -> dt.datetime:
    """'2019-08-06 04:50' (UTC) -> aware datetime."""
    return dt.datetime.strptime(s, "%Y-%m-%d %H:%M").replace(tzinfo=dt.timezone.utc)


def subject(topic: str) -> list[dict]:
    code, name = TOPICS[topic]
    return [{"code": code, "name": name, "scheme": MEDIATOPIC}]


def html_body(paras: list[str]) -> str:
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)


def item(
    *,
    uri: str,
    when: dt.datetime,
    holder: str,
    headline: str | None,
    paras: list[str] | None,
    language: str = "en",
    version: int | None = None,
    first: dt.datetime | None = None,
    pubstatus: str | None = None,
    urgency: int | None = None,
    slug: str | None = None,
    byline: str | None = None,
    located: str | None = None,
    ednote: str | None = None,
    as_html: bool = False,
    topic: str | None = None,
    story: str,
    group: str,
) -> dict:
    """One FORMAT item, fields in a fixed order so the output is stable."""
    out: dict = {"uri": uri}
    if version is not None:
        out["version"] = str(version)
    out["versioncreated"] = iso(when)
    if first is not None:
        out["firstcreated"] = iso(first)
    if pubstatus is not None:
        out["pubstatus"] = pubstatus
    if urgency is not None:
        out["urgency"] = urgency
    out["copyrightholder"] = holder
    out["language"] = language
    if slug is not None:
        out["slugline"] = slug
    if headline is not None:
        out["headline"] = headline
    if byline:
        out["byline"] = byline
    if located:
        out["located"] = located
    if ednote:
        out["ednote"] = ednote
    if paras:
        if as_html:
            out["body_html"] = html_body(paras)
        else:
            out["body_text"] = "\n\n".join(paras)
    if topic:
        out["subject"] = subject(topic)
    out["eval"] = {"story": story, "dup_group": group}
    return out


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Desk feed: the data model (the copy itself is further down, in EVENTS)
# ---------------------------------------------------------------------------------------------


@dataclass
class Step:
    """A later version of one agency's item, ``at`` minutes after its first full version."""

    kind: str  # lead | refile | correct | resend | kill
    at: int
    headline: str | None = None
    top: tuple[str, ...] = ()  # new top paragraphs (the dateline goes on the first)
    add: tuple[str, ...] = ()  # paragraphs added at the end
    drop: tuple[int, ...] | None = None  # paragraphs of the previous version dropped (default: its lead)
    note: str | None = None  # "(Adds ...)" line / AP editor's note / kill reason
    fixes: tuple[tuple[str, str], ...] = ()  # (old, new) text replacements
    place: str | None = None  # a new dateline (markets reports move from Asia to Europe to New York)


def lead(at, headline, top, add=(), note=None, drop=None, fixes=(), place=None):
    """A write-thru / UPDATE n / LEAD: new top, previous body re-ordered, paragraphs added."""
    return Step("lead", at, headline, tuple(top), tuple(add), None if drop is None else tuple(drop), note,
                tuple(fixes), place)


def refile(at, note=None, fix=None):
    """A re-send with the text identical or one word changed (Reuters "REFILE-")."""
    return Step("refile", at, note=note, fixes=(fix,) if fix else ())


def correct(at, note, *fixes):
    """A corrected version ("CORRECTED-" / AP "Eds: Corrects ...")."""
    return Step("correct", at, note=note, fixes=tuple(fixes))


def resend(at):
    """An exact re-send of the previous version under a new uri."""
    return Step("resend", at)


def kill(at, note):
    """Withdraw the previous version (pubstatus canceled, same slug, uri '<uri>:kill')."""
    return Step("kill", at, note=note)


@dataclass
class Copy:
    """One agency's item on an event, with its later versions."""

    agency: str  # AP | Reuters | AFP | dpa | dpa-de
    slug: str  # the slug family as the agency writes it
    headline: str
    paras: tuple[str, ...]  # without the dateline
    at: int = 0  # minutes after the event's start for the first full version
    urgent: object = None  # Reuters: headline only; others: (headline, text)
    steps: tuple[Step, ...] = ()
    place: str | None = None  # dateline place, overriding the event's
    trailer: str | None = None  # AP "contributed to this report" line
    key: str | None = None  # tells two chains of one agency apart
    as_html: bool = False
    embargo: int | None = None  # first sent withheld, released this many minutes later
    byline: bool = True

    @property
    def name(self) -> str:
        return self.agency if self.key is None else f"{self.agency}-{self.key}"

    def all_paras(self) -> list[tuple[int, str]]:
        """(index of the step that introduced it, 0 = first version; paragraph) for rewrites."""
        out = [(0, p) for p in self.paras]
        for n, s in enumerate(self.steps, 1):
            out += [(n, p) for p in (*s.top, *s.add)]
        return out


@dataclass
class Rewrite:
    """A publisher's rewrite crediting agencies: paragraphs are text or (copy name, index)."""

    holder: str  # DW | NL
    at: int
    headline: str
    paras: tuple
    signoff: str
    credits: tuple[str, ...]


@dataclass
class Event:
    id: str
    start: str  # "2019-08-06 04:50" UTC
    where: tuple[str, str, str]  # dateline place: AP style, Reuters style, AFP/dpa style
    topic: str
    copies: tuple[Copy, ...]
    rewrites: tuple[Rewrite, ...] = ()


def ev(id, start, where, topic, *copies, rewrites=()):
    EVENTS.append(Event(id, start, where, topic, copies, tuple(rewrites)))


def more_rewrites(event_id, *rewrites):
    """Publisher rewrites of an event defined earlier."""
    e = next(e for e in EVENTS if e.id == event_id)
    e.rewrites = (*e.rewrites, *rewrites)


def AP(slug, headline, paras, **kw):
    return Copy("AP", slug, headline, tuple(paras), **kw)


def RT(slug, headline, paras, **kw):
    return Copy("Reuters", slug, headline, tuple(paras), **kw)


def FP(slug, headline, paras, **kw):
    return Copy("AFP", slug, headline, tuple(paras), **kw)


def DPA(slug, headline, paras, **kw):
    return Copy("dpa", slug, headline, tuple(paras), **kw)


def DPADE(slug, headline, paras, **kw):
    return Copy("dpa-de", slug, headline, tuple(paras), **kw)


def DW(at, headline, paras, signoff, credits):
    return Rewrite("DW", at, headline, tuple(paras), signoff, tuple(credits))


def NL(at, headline, paras, signoff, credits):
    return Rewrite("NL", at, headline, tuple(paras), signoff, tuple(credits))


EVENTS: list[Event] = []
KINDS: dict[str, str] = {}  # uri -> what the generator made it (for --stats and the README only)

# Fictional staff. Any likeness to a real journalist's name is a coincidence.
AP_BYLINES = [
    "By MIRA KASTELIC", "By TOM HALVERSEN", "By JOANNA PRIEST", "By SAMUEL ADEYEMI",
    "By ELENA MARCHETTI", "By KENJI MORIOKA", "By RUTH OYELARAN", "By PAUL VANDERMEER",
    "By CLAIRE DUVERNAY", "By OMAR TALEB", "By GRETA LINDQVIST", "By HECTOR ALVARENGA",
]
RT_STAFF = [
    "Kirsten Dahl", "Rohan Mehta", "Aylin Demirci", "Pieter de Groot", "Marta Nowicka",
    "Jonas Ekberg", "Sofia Petrakis", "Alistair Reeve", "Nadia Haddou", "Greg Whitcombe",
    "Hugo Brennecke", "Leena Varma", "Tobias Strand", "Ines Carvalho", "Maeve Tierney",
    "Arjun Pillai", "Lucia Ferrante", "Dmitri Volkan",
]
AFP_BYLINES = ["Camille Roux", "Nour Sabbagh", "Julien Marchal", "Ana Beltrao", "Yuki Hanada"]
AFP_DESK = ["jm", "kir", "sbh", "dv", "pdh", "ach", "mw", "lth", "fz", "rma", "gd", "cw"]
DPA_DE_DESK = ["ls", "kf", "mh", "tb", "sw", "jk"]

HOLDERS = {"AP": "AP", "Reuters": "Reuters", "AFP": "AFP", "dpa": "dpa", "dpa-de": "dpa", "DW": "DW",
           "NL": "The Northern Ledger"}
URI_PREFIX = {"AP": "ap", "Reuters": "reuters", "AFP": "afp", "dpa": "dpa", "dpa-de": "dpa", "DW": "dw",
              "NL": "northernledger"}
STEP_KIND = {"lead": "update", "refile": "refile", "correct": "corrected"}
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
ORD = {1: "1st", 2: "2nd", 3: "3rd"}


def ordinal(n: int) -> str:
    return ORD.get(n, f"{n}th")


def dateline(agency: str, place: str, when: dt.datetime) -> str:
    if agency == "AP":
        return f"{place} (AP) — "
    if agency == "Reuters":
        return f"{place}, {MONTHS[when.month - 1]} {when.day} (Reuters) - "
    if agency == "AFP":
        return f"{place} (AFP) - "
    return f"{place} (dpa) - "


def place_for(e: Event, c: Copy) -> str:
    if c.place:
        return c.place
    return {"AP": e.where[0], "Reuters": e.where[1]}.get(c.agency, e.where[2])


def located_for(c: Copy, place: str) -> str:
    return place.split(",")[0] if c.agency in ("AP", "Reuters") else place


def apply_fixes(paras: list[str], headline: str, fixes) -> tuple[list[str], str]:
    for old, new in fixes:
        hits = sum(p.count(old) for p in paras) + headline.count(old)
        if hits != 1:
            raise ValueError(f"fix {old!r} matches {hits} times")
        paras = [p.replace(old, new) for p in paras]
        headline = headline.replace(old, new)
    return paras, headline


def reorder(paras: list[str], rng: random.Random) -> list[str]:
    """Swap one pair of neighbouring paragraphs below the top (desks move quotes around)."""
    paras = list(paras)
    if len(paras) >= 4 and rng.random() < 0.6:
        i = rng.randrange(1, len(paras) - 2)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return paras


class Chain:
    """Emits the versions of one Copy."""

    def __init__(self, e: Event, c: Copy, rng: random.Random):
        self.e, self.c, self.rng = e, c, rng
        self.t0 = parse_time(e.start) + dt.timedelta(minutes=c.at, seconds=rng.randint(0, 179))
        self.date = self.t0.strftime("%Y-%m-%d")
        self.base = f"{URI_PREFIX[c.agency]}:{self.date}:{e.id}" + ("-de" if c.agency == "dpa-de" else "")
        if c.key:
            self.base += f"-{c.key}"
        self.group = f"{e.id}/{c.name.lower()}"
        self.place = place_for(e, c)
        self.version = 0
        self.items: list[dict] = []
        self.step_times: list[dt.datetime] = []
        ag = c.agency
        if ag == "AP":
            self.byline = rng.choice(AP_BYLINES)
        elif ag == "Reuters":
            self.byline = rng.choice(RT_STAFF)
            names = rng.sample(RT_STAFF, 3)
            self.trailer = (
                f"(Reporting by {self.byline}; Additional reporting by {names[0]}; Editing by {names[1]})"
                if rng.random() < 0.6
                else f"(Reporting by {self.byline}; Editing by {names[2]})"
            )
        elif ag == "AFP":
            self.byline = rng.choice(AFP_BYLINES) if rng.random() < 0.4 else None
            self.trailer = "/".join(rng.sample(AFP_DESK, rng.choice((2, 3))))
        elif ag == "dpa-de":
            self.byline = None
            self.trailer = "dpa " + " ".join(rng.sample(DPA_DE_DESK, 2))
        else:
            self.byline = None
        if not c.byline:
            self.byline = None
        if ag == "AP":
            self.trailer = c.trailer

    # -- body assembly
    def body(self, paras: list[str], when: dt.datetime, note: str | None) -> list[str]:
        c = self.c
        out = [dateline(c.agency, self.place, when) + paras[0], *paras[1:]]
        if note and c.agency != "AP":
            out.insert(0, f"({note})")
        if getattr(self, "trailer", None):
            out.append(self.trailer)
        return out

    def emit(self, *, when, headline, slug, paras, kind, note=None, ednote=None, uri=None, pubstatus=None,
             urgency=4, byline=True, as_html=None, new_version=True) -> dict:
        c = self.c
        if new_version:
            self.version += 1
        it = item(
            uri=uri or f"{self.base}:v{self.version}",
            version=self.version,
            when=when,
            first=self.first_time,
            pubstatus=pubstatus,
            urgency=urgency,
            holder=HOLDERS[c.agency],
            language="de" if c.agency == "dpa-de" else "en",
            slug=slug,
            headline=headline,
            byline=self.byline if byline else None,
            located=located_for(c, self.place),
            ednote=ednote,
            paras=paras,
            as_html=c.as_html if as_html is None else as_html,
            topic=self.e.topic if c.agency in ("AP", "Reuters", "AFP") else None,
            story=self.e.id,
            group=self.group,
        )
        self.items.append(it)
        KINDS[it["uri"]] = kind
        return it

    def slug_for(self, lead_n: int, prefix: str = "", when: dt.datetime | None = None) -> str:
        c, s = self.c, self.c.slug
        if c.agency == "AP":
            return s if lead_n == 0 else f"{s}, {ordinal(lead_n)} Ld-Writethru"
        if c.agency == "Reuters":
            return prefix + (s if lead_n == 0 else f"UPDATE {lead_n}-{s}")
        if c.agency == "AFP":
            return s if lead_n == 0 else f"{s},{'' if lead_n == 1 else ordinal(lead_n)}LEAD"
        if c.agency == "dpa":
            return s if lead_n == 0 else f"{s} (update {lead_n})"
        local = (when + dt.timedelta(hours=2)).strftime("%H%M")  # dpa-de: Zusammenfassung at CEST
        return s if lead_n == 0 else f"{s} (Zusammenfassung {local})"

    def headline_for(self, headline: str, lead_n: int, prefix: str = "") -> str:
        if self.c.agency == "Reuters":
            return prefix + (headline if lead_n == 0 else f"UPDATE {lead_n}-{headline}")
        return headline

    def run(self) -> list[dict]:
        c, rng = self.c, self.rng
        self.first_time = None
        times = []
        if c.urgent:
            tu = self.t0 - dt.timedelta(minutes=rng.randint(5, 12), seconds=rng.randint(0, 59))
            tu = max(tu, parse_time(self.e.start) + dt.timedelta(minutes=1, seconds=rng.randint(0, 59)))
            times.append(tu)
        tfirst = self.t0
        times.append(tfirst)
        self.first_time = times[0]
        lead_n = 0
        if c.urgent:
            self.urgent(times[0])
            if c.agency == "AP":
                lead_n = 1  # AP: the full story after an urgent is the 1st Ld-Writethru
        cur, headline = list(c.paras), c.headline
        urg = 3 if c.urgent else 4
        if c.embargo:
            when = tfirst
            ed = "EMBARGOED for release until {} GMT. Not for publication before then.".format(
                (tfirst + dt.timedelta(minutes=c.embargo)).strftime("%H%M"))
            self.emit(when=when, headline=headline, slug=self.slug_for(lead_n), paras=self.body(cur, when, None),
                      ednote=ed, pubstatus="withheld", urgency=urg, kind="withheld")
            tfirst = tfirst + dt.timedelta(minutes=c.embargo)
            self.emit(when=tfirst, headline=headline, slug=self.slug_for(lead_n), paras=self.body(cur, tfirst, None),
                      ednote="Eds: Embargo lifted.", urgency=urg, kind="embargo-lifted")
        else:
            ed = "Eds: UPDATES with details. AP's earlier story is below." if lead_n else None
            self.emit(when=tfirst, headline=headline, slug=self.slug_for(lead_n, when=tfirst),
                      paras=self.body(cur, tfirst, None), ednote=ed, urgency=urg, kind="first")
        last_when = tfirst
        self.step_times = [tfirst]
        prefix = ""
        for step in c.steps:
            when = tfirst + dt.timedelta(minutes=step.at, seconds=rng.randint(0, 179))
            if when <= last_when:
                raise ValueError(f"{self.e.id}/{c.name}: step at {step.at} is not after the previous version")
            last_when = when
            self.step_times.append(when)
            prev = self.items[-1]
            if step.kind == "resend":
                dup = dict(prev)
                dup["uri"] = f"{URI_PREFIX[c.agency]}:{when.strftime('%Y-%m-%d')}:{rng.getrandbits(40):010x}"
                dup["versioncreated"] = iso(when)
                self.items.append(dup)
                KINDS[dup["uri"]] = "resend"
                continue
            if step.kind == "kill":
                self.kill(prev, when, step.note)
                continue
            note = step.note
            if step.kind == "lead":
                lead_n += 1
                prefix = ""
                cur, headline = apply_fixes(cur, headline, step.fixes)
                drop = (0,) if step.drop is None else step.drop
                rest = reorder([p for i, p in enumerate(cur) if i not in drop], rng)
                cur = [*step.top, *rest, *step.add]
                headline = step.headline or headline
                self.place = step.place or self.place
                if c.agency == "AP":
                    ednote, note = f"Eds: {note}" if note else None, None
                else:
                    ednote = None
                urg = 3
            elif step.kind == "refile":
                cur, headline = apply_fixes(cur, headline, step.fixes)
                ednote = None
                if c.agency == "Reuters":
                    prefix = "REFILE-"
                elif c.agency == "AP" and note:
                    ednote, note = f"Eds: {note}", None
            elif step.kind == "correct":
                cur, headline = apply_fixes(cur, headline, step.fixes)
                if c.agency == "Reuters":
                    prefix, ednote = "CORRECTED-", None
                elif c.agency == "AP":
                    lead_n += 1
                    ednote, note = f"Eds: {note}", None
                else:
                    ednote = None
            else:
                raise ValueError(step.kind)
            self.emit(when=when, headline=self.headline_for(headline, lead_n, prefix),
                      slug=self.slug_for(lead_n, prefix, when), paras=self.body(cur, when, note),
                      ednote=ednote, urgency=urg, kind=STEP_KIND[step.kind])
        return self.items

    def urgent(self, when: dt.datetime) -> None:
        c = self.c
        place = self.place
        if c.agency == "Reuters":  # a headline-only flash
            self.emit(when=when, headline=c.urgent, slug=f"{c.slug} (URGENT)", paras=None, urgency=1, byline=False,
                      kind="urgent")
            return
        hl, text = c.urgent
        paras = [dateline(c.agency, place, when) + text]
        if c.agency == "AP":
            paras.append("This is a BREAKING NEWS update. Check back soon for further information.")
            self.emit(when=when, headline=hl, slug=f"{c.slug}, Urgent", paras=paras, urgency=1, byline=False,
                      as_html=False, kind="urgent")
        elif c.agency == "dpa-de":
            self.emit(when=when, headline=f"EIL: {hl}", slug=f"{c.slug} (Eil)", paras=paras, urgency=1, byline=False,
                      kind="urgent")
        else:
            self.emit(when=when, headline=f"URGENT: {hl}", slug=c.slug, paras=paras, urgency=1, byline=False,
                      kind="urgent")

    def kill(self, prev: dict, when: dt.datetime, note: str) -> None:
        c = self.c
        sent = dt.datetime.strptime(prev["versioncreated"], "%Y-%m-%dT%H:%M:%SZ").strftime("%H%M")
        hl = prev["headline"]
        if c.agency == "Reuters":
            paras = [f'Reuters is withdrawing the story headlined "{hl}" transmitted at {sent} GMT. {note} '
                     "There will be no replacement story."]
            headline = f"KILL - {hl}"
        else:
            paras = [f"EDITORS: KILL. The story slugged {prev['slugline']}, transmitted at {sent} GMT, is being "
                     f"withdrawn. {note} Please make sure the story is not published."]
            headline = f"KILL: {hl}"
        self.version += 1
        it = item(uri=f"{prev['uri']}:kill", version=self.version, when=when, first=self.first_time,
                  pubstatus="canceled", urgency=1, holder=HOLDERS[c.agency], slug=prev["slugline"],
                  headline=headline, located=prev.get("located"), paras=paras, story=self.e.id, group=self.group)
        self.items.append(it)
        KINDS[it["uri"]] = "kill"


def dw_style(p: str) -> str:
    return p.replace("U.S.", "US").replace("U.N.", "UN").replace("U.K.", "UK")


def build_rewrite(e: Event, r: Rewrite, chains: dict[str, Chain], copies: dict[str, Copy], rng) -> dict:
    when = parse_time(e.start) + dt.timedelta(minutes=r.at, seconds=rng.randint(0, 179))
    paras = []
    for p in r.paras:
        if isinstance(p, str):
            paras.append(p)
            continue
        name, ref = p  # ref: an index into all_paras() or a snippet of exactly one paragraph
        pool = copies[name].all_paras()
        if isinstance(ref, str):
            hits = [x for x in pool if ref in x[1]]
            if len(hits) != 1:
                raise ValueError(f"{e.id}: {name} snippet {ref!r} matches {len(hits)} paragraphs")
            step_no, text = hits[0]
        else:
            step_no, text = pool[ref]
        idx = ref
        # the paragraph must have been on the wire before the rewrite was published
        if chains[name].step_times[step_no] >= when:
            raise ValueError(f"{e.id}: rewrite {r.holder} uses {name}[{idx}] before it was sent")
        paras.append(dw_style(text) if r.holder == "DW" else text)
    for a in r.credits:
        if not any(c.agency.startswith(a) for c in e.copies):
            raise ValueError(f"{e.id}: {r.holder} credits {a}, which has no copy on the event")
    paras.append(r.signoff)
    date = when.strftime("%Y-%m-%d")
    common = dict(uri=f"{URI_PREFIX[r.holder]}:{date}:{e.id}", when=when, holder=HOLDERS[r.holder],
                  headline=r.headline, story=e.id, group=f"{e.id}/{r.holder.lower()}")
    KINDS[common["uri"]] = "rewrite"
    if r.holder == "DW":
        return item(**common, paras=paras)
    return item(**common, byline="Northern Ledger staff and wire reports", paras=paras, as_html=True)


def build_desk(rng: random.Random) -> list[dict]:
    KINDS.clear()
    out: list[tuple[str, int, dict]] = []
    seq = 0
    ids = set()
    for e in EVENTS:
        if e.id in ids:
            raise ValueError(f"duplicate event id {e.id}")
        ids.add(e.id)
        chains: dict[str, Chain] = {}
        copies = {c.name: c for c in e.copies}
        for c in e.copies:
            ch = Chain(e, c, rng)
            items = ch.run()
            chains[c.name] = ch
            for it in items:
                out.append((it["versioncreated"], seq, it))
                seq += 1
        for r in e.rewrites:
            it = build_rewrite(e, r, chains, copies, rng)
            out.append((it["versioncreated"], seq, it))
            seq += 1
    out.sort(key=lambda x: (x[0], x[1]))
    items = [x[2] for x in out]
    uris = [i["uri"] for i in items]
    if len(set(uris)) != len(uris):
        raise ValueError("duplicate uri")
    lo, hi = "2019-08-06T00:00:00Z", "2019-08-07T23:59:59Z"
    for i in items:
        if not lo <= i["versioncreated"] <= hi:
            raise ValueError(f"{i['uri']} at {i['versioncreated']} is outside the two days")
    return items


# ---------------------------------------------------------------------------------------------
# Dead letter demo: records that violate FORMAT on purpose, with the reason each should get
# ---------------------------------------------------------------------------------------------


def bad_records() -> list[tuple[str, bytes]]:
    ok = {"versioncreated": "2019-08-06T12:00:00Z", "copyrightholder": "AP", "language": "en"}
    return [
        ("not_json", b'{"uri": "ap:2019-08-06:truncated:v1", "headline": "Line cut off in transmissi'),
        ("not_json", b"BC-EU--Port Strike, 1st Ld-Writethru <ETX>"),
        ("invalid_utf8", b'{"uri": "dpa:2019-08-06:latin1:v1", "headline": "Stra\xdfenbahn f\xe4hrt wieder"}'),
        ("not_object", dumps([{"uri": "ap:2019-08-06:in-an-array:v1",
                                "headline": "An item wrapped in an array"}]).encode()),
        ("not_object", dumps("reuters:2019-08-06:just-a-string:v1").encode()),
        ("missing_uri", dumps({**ok, "headline": "An item without a uri",
                               "body_text": "BERLIN (AP) — No uri."}).encode()),
        ("missing_uri", dumps({"uri": "", **ok, "headline": "An item with an empty uri"}).encode()),
        ("no_text", dumps({"uri": "afp:2019-08-06:no-text:v1", **ok, "copyrightholder": "AFP",
                           "slugline": "Empty-item"}).encode()),
        ("no_text", dumps({"uri": "reuters:2019-08-06:blank-text:v1", **ok, "copyrightholder": "Reuters",
                           "headline": "  ", "body_text": "\n\n"}).encode()),
    ]


# ---------------------------------------------------------------------------------------------
# Raqqa: the seed scenario (4 June 2016). Written out item by item.
# ---------------------------------------------------------------------------------------------


def t16(hhmm: str) -> dt.datetime:
    return parse_time(f"2016-06-04 {hhmm}")


def build_raqqa() -> list[dict]:
    items = [
        item(
            uri=it["uri"], when=t16(it["time"]), first=t16(it["first"]) if it.get("first") else None,
            version=it.get("version"), urgency=it.get("urgency"), holder=it["holder"], slug=it["slug"],
            headline=it["headline"], byline=it.get("byline"), located=it["located"], ednote=it.get("ednote"),
            paras=it["paras"], topic=it.get("topic"), story=it["story"], group=it["group"],
        )
        for it in sorted(RAQQA, key=lambda i: i["time"])
    ]
    if max(i["versioncreated"] for i in items) >= "2016-06-04T14:00:00Z":
        raise ValueError("the DW rewrite arrives at 14:00Z and must come last")
    return items


RAQQA: list[dict] = []

# The AP item: Tabqa, the dam, 50 miles, Abdurrahman, the Kerry call.
RAQQA.append(dict(
    uri="ap:2016-06-04:syria-raqqa:v1", version=1, time="09:40", first="09:40", urgency=3,
    holder="AP", slug="BC-ML--Syria-Raqqa", located="BEIRUT", byline="By MAYA HADDAD", topic="conflict",
    headline="Russian-backed Syrian troops push into IS-held Raqqa province",
    story="raqqa-offensive", group="raqqa-offensive/ap",
    paras=[
        "BEIRUT (AP) — Russian-backed Syrian troops pushed into Raqqa province on Saturday, home to the "
        "self-declared capital of the Islamic State group, while fighters backed by the United States "
        "advanced against the extremists farther to the north.",
        "Backed by Russian airstrikes, the Syrian troops are now 50 miles (80 kilometers) from the city of "
        "Raqqa and closing in on the town of Tabqa, which is home to the country's largest dam, activists "
        "and Syrian state media said.",
        "Raqqa lies just 30 miles downstream from the dam, and taking Tabqa would open the road to the "
        "provincial capital from the southwest.",
        "Driving the militants out of Raqqa is also a goal of the U.S.-backed Syrian Democratic Forces, or "
        "SDF, an alliance dominated by Kurdish fighters. The SDF's other main goal is to seal off the Syrian "
        "border with Turkey to stop militants, supplies and food from reaching the Islamic State group.",
        "It was unclear whether the government offensive, which began on the same day last week as the SDF "
        "push, was being carried out in tandem with the U.S. effort or in competition with it.",
        "But Rami Abdurrahman, director of the Britain-based Syrian Observatory for Human Rights, said the "
        "two forces appeared to be acting in concert. \"It seems there has been an undeclared coordination "
        "between Washington and Moscow,\" he said.",
        "U.S. Secretary of State John Kerry spoke by telephone with Russian Foreign Minister Sergey Lavrov "
        "about Syria on Saturday, according to the Russian Foreign Ministry. The State Department did not "
        "immediately comment on the call.",
        "Syrian state TV said troops and allied militiamen had moved east from the government-held town of "
        "Ithriya in neighboring Hama province under cover of Russian and Syrian airstrikes.",
        "The Islamic State group seized Raqqa in early 2014 and later that year declared it the capital of "
        "its self-styled caliphate.",
    ],
))

# The AFP item: Lavrov's "main priority", Nusra, 26 jihadists, 160 executed, Manbij, Marea.
RAQQA.append(dict(
    uri="afp:2016-06-04:syria-conflict-is-raqqa:v1", version=1, time="10:15", first="10:15", urgency=3,
    holder="AFP", slug="Syria-conflict-IS-Raqqa", located="Beirut", byline="Nour Sabbagh", topic="conflict",
    headline="Syria regime forces enter IS bastion Raqqa province: monitor",
    story="raqqa-offensive", group="raqqa-offensive/afp",
    paras=[
        "Beirut (AFP) - Syrian government forces backed by Russian warplanes entered the Islamic State "
        "group's stronghold province of Raqqa on Saturday, a monitor said, as Moscow called for tougher "
        "action against the jihadists.",
        "Troops and allied militiamen advanced from neighbouring Hama province towards Tabqa, a town on the "
        "Euphrates that is home to Syria's largest dam, the Syrian Observatory for Human Rights said.",
        "At least 26 jihadists and nine government troops and allied militiamen have been killed in the "
        "army's initial advance, according to the Britain-based Observatory, which relies on reports from "
        "medics and activists on the ground in Syria.",
        "In a telephone call with US Secretary of State John Kerry, Russian Foreign Minister Sergei Lavrov "
        "said the \"main priority\" was \"more direct, effective and forceful measures\" against IS and the "
        "Al-Nusra Front, Al-Qaeda's Syrian affiliate, the Russian foreign ministry said.",
        "Washington and its Western allies have opposed targeting Al-Nusra because of its alliances with "
        "so-called \"moderate\" rebel groups in several parts of the country.",
        "Tabqa holds grim memories for the regime. When IS fighters overran the town in 2014 they seized a "
        "garrison and an airbase and went on to summarily execute 160 captured regime troops.",
        "The offensive came as the US-backed Syrian Democratic Forces, an alliance of Kurdish and Arab "
        "fighters that controls much of northeastern Syria along the border with Turkey, pressed an assault "
        "on the so-called Manbij pocket further north.",
        "The US military said the SDF's push into the Manbij pocket had netted more than 100 square "
        "kilometres (40 square miles) of territory from IS this past week.",
        "IS has responded by attacking two towns further west held by non-jihadist rebels in a bid to "
        "strengthen its access to the Turkish border.",
        "US aircraft have dropped ammunition to the rebels defending the town of Marea in the hope they can "
        "hold it against the jihadists, the US military said.",
        "bur-ns/kir/dv",
    ],
))

# The AP 1st Ld-Writethru: new top, paragraphs re-ordered, most of it rewritten.
RAQQA.append(dict(
    uri="ap:2016-06-04:syria-raqqa:v2", version=2, time="12:55", first="09:40", urgency=3,
    holder="AP", slug="BC-ML--Syria-Raqqa, 1st Ld-Writethru", located="BEIRUT", byline="By MAYA HADDAD",
    topic="conflict",
    ednote="Eds: UPDATES with casualty figures, Russian Foreign Ministry comment, background on Tabqa.",
    headline="Syrian troops, US-backed fighters open 2 fronts against IS in Raqqa",
    story="raqqa-offensive", group="raqqa-offensive/ap",
    paras=[
        "BEIRUT (AP) — Syrian government forces backed by Russian warplanes pressed deeper into Raqqa "
        "province on Saturday, nearing a strategic town on the Euphrates River as U.S.-backed fighters "
        "squeezed the Islamic State group from the north in a two-pronged assault on the extremists' de "
        "facto capital.",
        "The troops were about 50 miles (80 kilometers) from the city of Raqqa and closing in on Tabqa, home "
        "to the country's largest dam, according to opposition activists.",
        "At least 26 IS militants and nine government soldiers and allied militiamen were killed in the "
        "first days of the advance, said the Britain-based Syrian Observatory for Human Rights, which relies "
        "on a network of activists inside Syria.",
        "Rami Abdurrahman, the Observatory's director, said the government and U.S.-backed offensives "
        "appeared to be working together. \"It seems there has been an undeclared coordination between "
        "Washington and Moscow,\" he said.",
        "The Syrian Democratic Forces, a Kurdish-led alliance backed by the U.S., aim to drive the militants "
        "out of Raqqa and to seal the border with Turkey, long a conduit for IS fighters and supplies. On "
        "Saturday the SDF kept up its push into the Manbij pocket, a stretch of IS-held land west of the "
        "Euphrates.",
        "U.S. Secretary of State John Kerry spoke by telephone with Russian Foreign Minister Sergey Lavrov "
        "on Saturday. The Russian Foreign Ministry said Lavrov told him the \"main priority\" was \"more "
        "direct, effective and forceful measures\" against IS and the al-Qaida-linked Nusra Front.",
        "Raqqa lies just 30 miles downstream from the dam.",
        "Tabqa has grim significance for Syria's army: when IS fighters overran the town and its air base "
        "in 2014, they killed scores of captured government soldiers.",
        "The Islamic State group seized Raqqa in early 2014 and later that year declared it the capital of "
        "its self-styled caliphate.",
        "Associated Press writer Nikolai Dorn in Moscow contributed to this report.",
    ],
))

# Unrelated copy of the same day. Other Syria items must stay out of the Raqqa story.
RAQQA.append(dict(
    uri="afp:2016-06-04:syria-conflict-aid-daraya:v1", version=1, time="02:10", holder="AFP",
    slug="Syria-conflict-aid-Daraya", located="Damascus", topic="conflict", urgency=4,
    headline="UN presses for food for besieged Daraya after medicine-only convoy",
    story="daraya-aid", group="daraya-aid/afp",
    paras=[
        "Damascus (AFP) - The United Nations on Saturday urged Syria's government to let food into the "
        "besieged rebel-held town of Daraya, days after the first aid convoy to reach it in years carried "
        "only medicine, vaccines and baby milk.",
        "Residents of the town just southwest of Damascus have lived under a government siege since 2012, "
        "and local officials say families survive on a single meal a day, often of boiled grass and soup.",
        "A UN humanitarian official in Damascus said medicine alone could not help families who were going "
        "hungry, and that the world body had asked for access for a food convoy in the coming days.",
        "Aid workers say government checkpoints turned back food from earlier convoys, and Western "
        "governments have threatened to start air drops if access is not granted.",
        "The UN estimates that around 4,000 civilians remain inside Daraya.",
        "lth/cw",
    ],
))
RAQQA.append(dict(
    uri="reuters:2016-06-04:boxing-legend:v1", version=1, time="04:45", holder="Reuters",
    slug="BOXING-ALI/", located="PHOENIX", topic="sport", urgency=2, byline="Greg Whitcombe",
    headline="Boxing great Muhammad Ali, 'The Greatest', dies at 74",
    story="boxing-legend-death", group="boxing-legend-death/reuters",
    paras=[
        "PHOENIX, June 4 (Reuters) - Muhammad Ali, the three-time world heavyweight champion who called "
        "himself \"The Greatest\" and became one of the most recognised figures of the 20th century, has "
        "died at the age of 74, a family spokesman said.",
        "Ali died late on Friday at a hospital in the Phoenix area, where he had been admitted earlier in "
        "the week with a respiratory problem. He had lived with Parkinson's disease for more than three "
        "decades.",
        "Born Cassius Clay in Louisville, Kentucky, in 1942, he won Olympic light-heavyweight gold in Rome "
        "in 1960 and took the world heavyweight title four years later, shortly before announcing he had "
        "joined the Nation of Islam and changed his name.",
        "His refusal to be drafted into the U.S. Army during the Vietnam War cost him his title and more "
        "than three years of his career before the Supreme Court overturned his conviction in 1971.",
        "He regained the title from George Foreman in Zaire in 1974 and fought Joe Frazier in the "
        "\"Thrilla in Manila\" a year later, bouts still counted among the greatest in the sport's history.",
        "A family statement said funeral services would be held in his hometown of Louisville.",
        "(Reporting by Greg Whitcombe; Editing by Tobias Strand)",
    ],
))
RAQQA.append(dict(
    uri="ap:2016-06-04:india-heat:v1", version=1, time="05:15", holder="AP",
    slug="BC-AS--India-Heat Wave", located="NEW DELHI", topic="weather", urgency=4, byline="By RAVI CHANDRAN",
    headline="Monsoon delay prolongs India's heat wave, deepening water crisis",
    story="india-heat-monsoon", group="india-heat-monsoon/ap",
    paras=[
        "NEW DELHI (AP) — A late monsoon is prolonging a brutal heat wave across much of India, with "
        "temperatures above 45 degrees Celsius (113 degrees Fahrenheit) in parts of the north and reservoirs "
        "in the west running close to empty.",
        "The India Meteorological Department said Saturday that the seasonal rains were now expected to reach "
        "the southern state of Kerala around June 7, about a week later than usual.",
        "In drought-hit parts of Maharashtra state, villagers line up for hours at water tankers, and "
        "authorities have rationed supplies in several towns.",
        "Doctors in the capital reported a rise in heatstroke cases, and officials advised people to stay "
        "indoors in the afternoon.",
        "The monsoon brings about 70 percent of India's annual rainfall and is crucial for farmers, who plant "
        "rice, cotton and soybeans once the rains arrive.",
    ],
))
RAQQA.append(dict(
    uri="afp:2016-06-04:france-weather-floods:v1", version=1, time="06:20", holder="AFP",
    slug="France-weather-floods", located="Paris", topic="weather", urgency=4,
    headline="Seine peaks in Paris as floods keep Louvre shut",
    story="paris-seine-flood", group="paris-seine-flood/afp",
    paras=[
        "Paris (AFP) - The Seine rose above six metres in Paris overnight, its highest level in more than "
        "three decades, keeping the Louvre and the Orsay museum closed as staff moved artworks to higher "
        "floors.",
        "Forecasters said the river was expected to peak early on Saturday and then begin a slow retreat, but "
        "warned that it would stay high for several days.",
        "Riverside roads and some suburban train lines remained shut, and boats were banned from the river in "
        "the capital.",
        "Days of torrential rain have flooded towns across central France, forcing thousands of people from "
        "their homes. Four people have died.",
        "mw/gd",
    ],
))
RAQQA.append(dict(
    uri="dpa:2016-06-04:germany-refugees-apprentice:v1", version=1, time="07:00", holder="dpa",
    slug="Germany-Refugees-Work", located="Cologne", urgency=5,
    headline="From Aleppo to the bakery: a Syrian apprentice's new start in Cologne",
    story="syrian-refugee-germany", group="syrian-refugee-germany/dpa",
    paras=[
        "Cologne (dpa) - At four in the morning, when most of Cologne is asleep, Karim Haddad is already "
        "kneading dough. The 24-year-old, who fled Aleppo in 2015, is one of a growing number of Syrian "
        "refugees who have started apprenticeships in German workshops.",
        "\"The hardest part was the language, not the hours,\" says Haddad, who spent eight months in German "
        "classes before the bakery took him on.",
        "Craft associations say several thousand refugees have begun vocational training since last year, a "
        "small share of the more than one million asylum seekers who arrived in Germany in 2015.",
        "Employers complain of red tape and uncertainty over whether trainees will be allowed to stay, while "
        "refugee groups say many newcomers need more time to learn German before they can start.",
        "Haddad's boss, master baker Ulrike Brandt, says she would hire another refugee tomorrow. \"He is "
        "never late,\" she says.",
    ],
))
RAQQA.append(dict(
    uri="reuters:2016-06-04:europe-migrants-greece:v1", version=1, time="07:45", holder="Reuters",
    slug="EUROPE-MIGRANTS/GREECE", located="ATHENS", topic="society", urgency=4, byline="Sofia Petrakis",
    headline="Greek coastguard rescues dozens of migrants off Lesbos",
    story="aegean-migrant-rescue", group="aegean-migrant-rescue/reuters",
    paras=[
        "ATHENS, June 4 (Reuters) - Greece's coastguard rescued 41 migrants, including 12 children, from a "
        "sinking dinghy off the island of Lesbos early on Saturday, the coastguard said.",
        "The boat had set off from the Turkish coast overnight and began taking on water a few miles north "
        "of the island. All on board were taken to the port of Mytilene, and two were treated for "
        "hypothermia.",
        "Arrivals on the Greek islands have fallen sharply since the European Union and Turkey agreed in "
        "March that migrants reaching Greece illegally would be sent back to Turkey.",
        "More than 8,000 people remain held on the islands awaiting decisions on their asylum claims.",
        "(Reporting by Sofia Petrakis; Editing by Alistair Reeve)",
    ],
))
RAQQA.append(dict(
    uri="ap:2016-06-04:euro-2016-security:v1", version=1, time="08:30", holder="AP",
    slug="BC-SOC--Euro 2016-Security", located="PARIS", topic="sport", urgency=4, byline="By CLAIRE DUVERNAY",
    headline="France tightens security a week before European Championship kicks off",
    story="euro-2016-preview", group="euro-2016-preview/ap",
    paras=[
        "PARIS (AP) — With the European Championship less than a week away, France is deploying tens of "
        "thousands of police officers, soldiers and private guards to protect teams, stadiums and fan zones.",
        "The month-long tournament opens on June 10 at the Stade de France, where France plays Romania. "
        "Twenty-four teams will play 51 matches in 10 cities.",
        "Organizers have held emergency drills at several stadiums, and fans will face body searches at "
        "multiple checkpoints before reaching their seats.",
        "The government has also warned that strikes by rail workers and refinery protests could disrupt "
        "travel for the hundreds of thousands of visiting supporters.",
    ],
))
RAQQA.append(dict(
    uri="afp:2016-06-04:syria-conflict-aleppo:v1", version=1, time="08:55", holder="AFP",
    slug="Syria-conflict-Aleppo", located="Aleppo", topic="conflict", urgency=4,
    headline="Shelling kills civilians in Aleppo as UN seeks to revive peace talks",
    story="aleppo-geneva-talks", group="aleppo-geneva-talks/afp",
    paras=[
        "Aleppo (AFP) - Rebel rocket fire and government air strikes killed at least 15 civilians in and "
        "around Syria's second city Aleppo on Saturday, the Syrian Observatory for Human Rights said, as the "
        "UN struggled to bring the warring sides back to negotiations.",
        "Rockets slammed into government-held districts in the west of the divided city, while air strikes "
        "hit several rebel-held neighbourhoods in the east, the Britain-based monitor said.",
        "A partial truce brokered by Washington and Moscow in February has all but collapsed around Aleppo.",
        "Indirect peace talks in Geneva broke off in April, and UN officials have said a new round will only "
        "be called when there is a real prospect of progress.",
        "More than 280,000 people have been killed since Syria's conflict erupted in 2011.",
        "rma/pdh",
    ],
))
RAQQA.append(dict(
    uri="reuters:2016-06-04:mideast-crisis-iraq-falluja:v1", version=1, time="09:20", holder="Reuters",
    slug="MIDEAST-CRISIS/IRAQ-FALLUJA", located="BAGHDAD", topic="conflict", urgency=4, byline="Nadia Haddou",
    headline="Iraqi forces battle Islamic State on Falluja's southern edge",
    story="fallujah-offensive", group="fallujah-offensive/reuters",
    paras=[
        "BAGHDAD, June 4 (Reuters) - Iraqi counter-terrorism troops fought Islamic State militants on the "
        "southern edge of Falluja on Saturday, meeting fierce resistance as they tried to push into the city, "
        "military officials said.",
        "The militants have used suicide car bombs, snipers and tunnels to slow the advance, which began two "
        "weeks ago with support from U.S.-led coalition air strikes.",
        "The United Nations says tens of thousands of civilians are trapped inside the city, 50 km (30 miles) "
        "west of Baghdad, with dwindling food and medicine.",
        "Falluja was the first Iraqi city to fall to Islamic State, in January 2014.",
        "(Reporting by Nadia Haddou; Editing by Hugo Brennecke)",
    ],
))
RAQQA.append(dict(
    uri="ap:2016-06-04:boxing-legend:v1", version=1, time="10:50", holder="AP",
    slug="BC-BOX--Obit-Ali", located="PHOENIX", topic="sport", urgency=3, byline="By HECTOR ALVARENGA",
    headline="Muhammad Ali, boxing's 'Greatest,' dead at 74",
    story="boxing-legend-death", group="boxing-legend-death/ap",
    paras=[
        "PHOENIX (AP) — Muhammad Ali, the heavyweight champion who dazzled in the ring and stood up for his "
        "convictions outside it, has died. He was 74.",
        "Ali died Friday night at a Phoenix-area hospital, where he had been treated for a respiratory "
        "ailment, a family spokesman said. He had been diagnosed with Parkinson's disease in 1984.",
        "He was the first fighter to win the heavyweight title three times, and his bouts with Joe Frazier "
        "and George Foreman in the 1970s drew audiences around the world.",
        "Stripped of his title in 1967 for refusing induction into the Army, he spent three and a half years "
        "out of the ring before the Supreme Court ruled in his favor.",
        "In later years, his hands trembling, he lit the Olympic cauldron at the 1996 Atlanta Games.",
        "His family said he would be buried in Louisville, Kentucky, where he was born.",
    ],
))
RAQQA.append(dict(
    uri="ap:2016-06-04:us-primaries-california:v1", version=1, time="11:05", holder="AP",
    slug="BC-US--Campaign 2016-California", located="LOS ANGELES", topic="politics", urgency=4,
    byline="By JOANNA PRIEST",
    headline="Clinton and Sanders crisscross California ahead of primary",
    story="us-primary-california", group="us-primary-california/ap",
    paras=[
        "LOS ANGELES (AP) — Hillary Clinton and Bernie Sanders spent Saturday campaigning across California, "
        "the biggest prize left in the Democratic race, three days before the state's primary.",
        "Clinton is within reach of the delegates needed to clinch the nomination, while Sanders is hoping a "
        "win in California will persuade party leaders to back him instead.",
        "Sanders held rallies in the Central Valley and the Bay Area; Clinton met supporters in Los Angeles "
        "and Orange County.",
        "Democrats in Puerto Rico vote Sunday. California, New Jersey and four other states hold primaries "
        "Tuesday.",
    ],
))
RAQQA.append(dict(
    uri="afp:2016-06-04:france-weather-floods:v2", version=2, time="12:10", first="06:20", holder="AFP",
    slug="France-weather-floods,LEAD", located="Paris", topic="weather", urgency=4,
    headline="Seine starts slow retreat in Paris, Louvre stays shut",
    story="paris-seine-flood", group="paris-seine-flood/afp",
    paras=[
        "(ADDS river starting to fall, government comment)",
        "Paris (AFP) - The Seine began a slow retreat in Paris on Saturday after rising above six metres in "
        "the night, its highest level in more than three decades, but the Louvre and the Orsay museum were "
        "to stay closed until at least Tuesday.",
        "Riverside roads and some suburban train lines remained shut, and boats were banned from the river in "
        "the capital.",
        "The government said it would declare a natural disaster in the worst-hit areas, opening the way "
        "for compensation.",
        "Days of torrential rain have flooded towns across central France, forcing thousands of people from "
        "their homes. Four people have died.",
        "mw/gd",
    ],
))
RAQQA.append(dict(
    uri="afp:2016-06-04:hongkong-china-tiananmen:v1", version=1, time="13:30", holder="AFP",
    slug="HongKong-China-Tiananmen-anniversary", located="Hong Kong", topic="politics", urgency=4,
    headline="Hong Kong crowds mark Tiananmen anniversary with candlelight vigil",
    story="hong-kong-vigil", group="hong-kong-vigil/afp",
    paras=[
        "Hong Kong (AFP) - Tens of thousands of people gathered in Hong Kong's Victoria Park on Saturday "
        "evening to mark the anniversary of the 1989 crackdown on democracy protesters in and around "
        "Beijing's Tiananmen Square.",
        "Holding candles, the crowd observed a minute's silence. The annual vigil is the largest public "
        "commemoration of the crackdown on Chinese soil.",
        "Some student groups stayed away this year, saying they wanted to focus on Hong Kong's own future "
        "rather than democracy on the mainland.",
        "The anniversary is not marked publicly in mainland China, where discussion of the events is censored.",
        "ach/fz",
    ],
))


# ---------------------------------------------------------------------------------------------
# Desk feed: the events (all invented). Times are UTC, Tuesday 6 and Wednesday 7 August 2019.
# Copy(at=minutes after the event start), steps at minutes after that copy's first full version.
# ---------------------------------------------------------------------------------------------

ev("hamburg-port-strike", "2019-08-06 04:30", ("HAMBURG, Germany", "HAMBURG", "Hamburg"), "labour",
    DPADE("Häfen/Streik/Hamburg", "Verdi-Warnstreik im Hamburger Hafen – Containerterminals stehen still", [
        "Ein Warnstreik der Gewerkschaft Verdi hat am Dienstagmorgen die drei großen Containerterminals im "
        "Hamburger Hafen weitgehend lahmgelegt. Seit 6.00 Uhr ruht an den Anlagen Burchardkai, Altenwerder "
        "und Tollerort die Arbeit, wie ein Sprecher der Gewerkschaft sagte.",
        "Verdi hatte rund 4000 Hafenarbeiter zu dem 24-stündigen Ausstand aufgerufen. Hintergrund ist der "
        "festgefahrene Tarifkonflikt mit dem Zentralverband der deutschen Seehafenbetriebe (ZDS).",
        "Die Gewerkschaft fordert für die Beschäftigten 6,5 Prozent mehr Lohn bei einer Laufzeit von zwölf "
        "Monaten. Die Arbeitgeber haben nach Verdi-Angaben bislang 3,2 Prozent über 18 Monate angeboten.",
        "„Die Geduld der Kolleginnen und Kollegen ist am Ende“, sagte Verdi-Verhandlungsführerin Katrin "
        "Wollny. Die Arbeitgeber sprachen von einem „unverhältnismäßigen“ Streik mitten in laufenden "
        "Verhandlungen.",
        "Der Hamburger Hafen ist der größte Seehafen Deutschlands. Im vergangenen Jahr wurden dort rund 8,7 "
        "Millionen Standardcontainer (TEU) umgeschlagen.",
    ], at=10, urgent=("Warnstreik legt Containerterminals im Hamburger Hafen lahm",
                      "Ein Warnstreik hat am Dienstagmorgen den Betrieb an den großen Containerterminals im "
                      "Hamburger Hafen weitgehend zum Erliegen gebracht. Die Gewerkschaft Verdi hatte rund 4000 "
                      "Beschäftigte zu einem 24-stündigen Ausstand aufgerufen."),
    steps=[lead(95, "Warnstreik im Hamburger Hafen: Schiffe stauen sich auf der Elbe", top=[
        "Der Warnstreik im Hamburger Hafen hat am Dienstag zu einem Stau von Containerschiffen auf der Elbe "
        "geführt. Nach Angaben der Hafenbehörde warteten am Vormittag 14 große Frachter auf einen Liegeplatz, "
        "mehrere Schiffe wurden nach Bremerhaven und Rotterdam umgeleitet.",
        "Seit 6.00 Uhr ruht an den Terminals Burchardkai, Altenwerder und Tollerort die Arbeit. Verdi hatte "
        "rund 4000 Beschäftigte zu dem 24-stündigen Ausstand aufgerufen.",
    ], drop=[0, 1], add=[
        "Der ZDS kündigte an, die Gespräche wie geplant am 13. August fortsetzen zu wollen. „Wir erwarten, "
        "dass Verdi dann an den Tisch zurückkehrt, statt den Hafen weiter zu blockieren“, sagte ZDS-Sprecher "
        "Jens Albrecht.",
    ])]),
    DPA("Germany-Ports-Strike", "Warning strike halts container terminals at Hamburg port", [
        "A 24-hour warning strike brought most container handling at the port of Hamburg to a standstill on "
        "Tuesday, as the ver.di services union stepped up pressure on employers in a pay dispute.",
        "Work stopped at 6 am (0400 GMT) at the Burchardkai, Altenwerder and Tollerort terminals, a union "
        "spokesman said. Around 4,000 dockworkers were called out.",
        "Ver.di is demanding a 6.5-per-cent pay rise over 12 months for port workers. According to the union, "
        "employers have so far offered 3.2 per cent over 18 months.",
        "The Central Association of German Seaport Operators (ZDS) called the strike disproportionate while "
        "talks were still under way.",
        "Hamburg is Germany's largest seaport, handling around 8.7 million standard containers last year.",
    ], at=40, steps=[resend(15), lead(270, "Ships queue on the Elbe as Hamburg dockworkers strike", note="Adds ships waiting, employers' comment", top=[
        "More than a dozen container ships were waiting on the Elbe on Tuesday as a 24-hour warning strike by "
        "dockworkers shut most of the port of Hamburg, and several vessels were diverted to Bremerhaven and "
        "Rotterdam.",
        "The port authority said 14 large freighters were waiting for berths by late morning.",
    ], add=[
        "\"We expect ver.di to come back to the table instead of blocking the port,\" ZDS spokesman Jens "
        "Albrecht said, adding that talks would resume as planned on August 13.",
    ])]),
    RT("GERMANY-PORTS/STRIKE", "Strike halts Hamburg port terminals as German dock pay talks stall", [
        "Dockworkers at Germany's biggest port walked off the job on Tuesday in a 24-hour strike that halted "
        "work at Hamburg's main container terminals, the Verdi trade union said, escalating a dispute over pay.",
        "Verdi called about 4,000 workers out from 0400 GMT at the Burchardkai, Altenwerder and Tollerort "
        "terminals, which together handle the bulk of Hamburg's container traffic.",
        "The union is seeking a 6.5% pay increase over one year, while the employers' association ZDS has "
        "offered 3.2% over 18 months, according to Verdi.",
        "A spokesman for the main terminal operator said it expected delays for shipping lines and freight "
        "forwarders but could not yet say how many vessels would be affected.",
        "Hamburg handled about 8.7 million twenty-foot equivalent units (TEU) of containers last year, making "
        "it Europe's third-largest container port after Rotterdam and Antwerp.",
    ], at=50, urgent="Hamburg port container terminals shut by 24-hour strike - Verdi union", steps=[
        lead(190, "Ships back up outside Hamburg as dockworkers strike over pay",
             note="Adds ships waiting, employers' comment, shipping line reaction", top=[
            "More than a dozen contianer ships were stuck waiting outside Hamburg on Tuesday after dockworkers "
            "at Germany's biggest port began a 24-hour strike, and some shipping lines diverted vessels to "
            "rival ports.",
            "The port authority said 14 large vessels were waiting for a berth by mid-morning. Nordlink "
            "Container Line said it had rerouted two ships to Bremerhaven and expected delays of one to two "
            "days for cargo bound for Hamburg.",
        ], add=[
            "The employers' association ZDS said the strike was disproportionate and that it would return to "
            "talks as planned on Aug. 13. \"A strike in the middle of negotiations hurts the port, its "
            "customers and ultimately its jobs,\" ZDS spokesman Jens Albrecht said.",
        ]),
        refile(205, note="Refiles to fix typo in first paragraph", fix=("contianer", "container")),
        lead(530, "Hamburg dock strike to spread to Bremerhaven as pay row deepens",
             note="Adds Verdi plan to extend strike to Bremerhaven, analyst comment", top=[
            "German dockworkers will extend a warning strike to the port of Bremerhaven on Wednesday, the Verdi "
            "union said, after a 24-hour walkout shut Hamburg's main container terminals and left ships "
            "queuing on the River Elbe.",
            "\"If the employers don't move, the ports will feel it,\" Verdi negotiator Katrin Wollny told "
            "reporters outside the Burchardkai terminal.",
        ], add=[
            "Analysts said a short strike would have only a limited effect on trade but warned that repeated "
            "stoppages could push more cargo to Rotterdam and Antwerp, which have been gaining market share "
            "from Hamburg.",
        ]),
    ]),
    AP("BC-EU--Germany-Port Strike", "Dockworkers strike at Germany's biggest port, ships pile up", [
        "Thousands of dockworkers at the port of Hamburg walked off the job for 24 hours Tuesday, halting "
        "container traffic at Germany's biggest port and leaving ships waiting on the Elbe River.",
        "The ver.di union said about 4,000 workers joined the warning strike, which began at 6 a.m. and was to "
        "last until early Wednesday.",
        "The union wants a 6.5% raise over a year. Port employers have offered 3.2% over 18 months and say the "
        "union's demand would hurt Hamburg's ability to compete with Rotterdam in the Netherlands and Antwerp "
        "in Belgium.",
        "Warning strikes are a common tactic in German labor disputes and are usually called to increase "
        "pressure during contract negotiations.",
        "Hamburg is one of Europe's busiest ports and a key gateway for trade with China.",
    ], at=160, steps=[lead(470, "Strike at Germany's biggest port to spread to Bremerhaven",
                           note="UPDATES with union saying strike will spread to Bremerhaven; ADDS background.", top=[
        "A pay dispute that shut down container handling at Hamburg's port on Tuesday will spread to the North "
        "Sea port of Bremerhaven on Wednesday, the ver.di union said.",
        "More than a dozen ships were waiting on the Elbe River on Tuesday afternoon as about 4,000 Hamburg "
        "dockworkers held a 24-hour warning strike.",
    ], drop=[0, 1], add=["Negotiations between the union and port employers are scheduled to resume Aug. 13."])]),
    rewrites=[
        DW(420, "Hamburg port paralyzed by dockworkers' warning strike", [
            "Germany's largest port ground to a halt on Tuesday as dockworkers walked out in a dispute over pay. "
            "Ships queued on the Elbe River as cranes stood still at Hamburg's main container terminals.",
            ("dpa", "Work stopped at 6 am"),
            ("Reuters", "The union is seeking a 6.5% pay increase"),
            ("dpa", "The port authority said 14 large freighters"),
            "Employers accused the union of escalating the dispute while talks were still under way. "
            "Negotiations are due to resume next week.",
            ("Reuters", "Hamburg handled about 8.7 million"),
        ], "ls/rc (dpa, Reuters)", ["dpa", "Reuters"]),
        NL(720, "Dock strike leaves ships stranded outside Hamburg", [
            "A one-day strike at Germany's busiest port left more than a dozen container ships waiting off "
            "Hamburg on Tuesday, and the union behind it says the next target is Bremerhaven.",
            ("Reuters", "Verdi called about 4,000 workers"),
            ("Reuters", "The employers' association ZDS said the strike"),
            ("dpa", "Ver.di is demanding a 6.5-per-cent"),
            ("Reuters", "German dockworkers will extend a warning strike"),
        ], "With Reuters, dpa", ["Reuters", "dpa"]),
    ],
)

ev("turkey-quake", "2019-08-06 02:04", ("ISTANBUL", "ANKARA", "Ankara"), "disaster",
    RT("TURKEY-QUAKE/", "Strong earthquake hits eastern Turkey, at least four dead", [
        "A magnitude 5.9 earthquake struck Turkey's eastern province of Malatya before dawn on Tuesday, "
        "killing at least four people and damaging dozens of buildings in nearby villages, the country's "
        "disaster agency AFAD said.",
        "The quake struck at 5:04 a.m. (0204 GMT) at a depth of 7 km (4 miles), with its epicentre in the "
        "district of Puturge, AFAD said. It was felt in the neighbouring provinces of Elazig, Adiyaman and "
        "Diyarbakir.",
        "Istanbul's Kandilli Observatory put the magnitude at 6.0.",
        "Broadcaster footage showed residents gathered in the streets in the dark, some wrapped in blankets, "
        "as aftershocks rattled the region.",
        "Turkey lies on major geological fault lines and is frequently hit by earthquakes.",
    ], at=16, urgent="Magnitude 5.9 earthquake hits eastern Turkey's Malatya province - AFAD", steps=[
        lead(110, "Death toll rises to eight in eastern Turkey quake",
             note="Adds death toll, injured, aftershocks, rescue work", top=[
            "The death toll from a magnitude 5.9 earthquake in Turkey's eastern province of Malatya rose to "
            "eight on Tuesday, with about 140 people injured, the disaster agency AFAD said, as rescuers "
            "searched collapsed village houses.",
            "AFAD said more than 40 aftershocks had been recorded, the strongest of magnitude 4.6, and that it "
            "had sent 1,200 tents and 300 rescue workers to the area.",
        ], add=[
            "Most of the damage was in mud-brick and stone houses in mountain villages around Puturge, where a "
            "mosque minaret also collapsed, local officials said.",
        ]),
        resend(122),
        lead(275, "Eastern Turkey quake kills 11; hundreds to spend night in tents",
             note="Adds new toll, interior ministry comment", top=[
            "An earthquake that struck Turkey's eastern province of Malatya before dawn on Tuesday killed 11 "
            "people and injured more than 3,000, the disaster agency AFAD said, as authorities set up tent "
            "camps for families whose homes were damaged.",
            "The interior ministry said search and rescue work in the worst-hit villages had been completed "
            "and that no one was believed to be missing.",
        ], add=[
            "Turkey's deadliest quake in recent decades struck near the northwestern city of Izmit in 1999, "
            "killing more than 17,000 people.",
        ]),
        correct(310, "Corrects number of injured in first paragraph to more than 300 from more than 3,000",
                ("more than 3,000", "more than 300")),
    ]),
    AP("BC-EU--Turkey-Earthquake", "Quake in eastern Turkey kills at least 4, topples village homes", [
        "A magnitude 5.9 earthquake shook eastern Turkey before dawn Tuesday, killing at least four people and "
        "toppling houses in mountain villages, officials said.",
        "The quake was centered in the Puturge district of Malatya province and struck at 5:04 a.m. local "
        "time, according to the Disaster and Emergency Management Presidency, known as AFAD.",
        "Malatya's governor said rescue teams had pulled several people alive from the rubble of collapsed "
        "homes. Television images showed residents huddled outside in blankets as aftershocks continued.",
        "The quake was also felt in the provinces of Elazig, Adiyaman and Diyarbakir.",
        "Turkey sits on top of active fault lines, and small earthquakes are frequent.",
    ], at=35, urgent=("Strong earthquake strikes eastern Turkey; casualties reported",
                      "A strong earthquake struck eastern Turkey before dawn Tuesday, the country's disaster "
                      "agency said. There were reports of collapsed buildings in villages in Malatya province."),
    steps=[
        resend(15),
        lead(150, "Quake in eastern Turkey kills 8, injures 140", note="UPDATES with death toll rising to 8, aftershocks.", top=[
            "A strong earthquake struck a mountainous region of eastern Turkey before dawn Tuesday, killing "
            "eight people, injuring about 140 and damaging hundreds of homes, officials said.",
        ], add=["AFAD said more than 40 aftershocks followed the main quake."]),
        lead(400, "Turkish officials: Eastern quake death toll rises to 11",
             note="UPDATES with toll rising to 11, tents, 1999 quake background.", top=[
            "The death toll from an earthquake that shook eastern Turkey before dawn Tuesday has risen to 11, "
            "officials said, as families whose homes were damaged prepared to spend the night in tents.",
            "The Interior Ministry said more than 300 people were injured, most of them lightly, and that "
            "search and rescue operations had ended.",
        ], add=["A 1999 earthquake near the city of Izmit killed more than 17,000 people in northwest Turkey."]),
    ], trailer="Associated Press writer Aylin Kocak in Ankara contributed to this report."),
    FP("Turkey-quake", "Quake kills four in eastern Turkey", [
        "At least four people were killed when a 5.9-magnitude earthquake struck eastern Turkey before dawn on "
        "Tuesday, bringing down houses in several villages, officials said.",
        "The quake hit the Puturge district of Malatya province at 0204 GMT at a shallow depth of seven "
        "kilometres, according to the AFAD disaster management agency.",
        "Private news channel footage showed rescue workers digging through the rubble of stone houses with "
        "their bare hands by torchlight.",
        "Residents of Malatya city, about 70 kilometres (45 miles) from the epicentre, rushed into the streets, "
        "and many said they would not return to their homes until daylight.",
        "Turkey is crossed by several major fault lines and has a long history of deadly earthquakes.",
    ], at=30, urgent=("Strong quake hits eastern Turkey: disaster agency",
                      "A magnitude 5.9 earthquake hit Turkey's eastern province of Malatya early on Tuesday, "
                      "the AFAD disaster agency said."),
    steps=[
        lead(180, "Eastern Turkey quake toll rises to eight", note="ADDS new toll, injured, aftershocks", top=[
            "The death toll from a 5.9-magnitude earthquake in eastern Turkey rose to eight on Tuesday, with "
            "some 140 people injured, the AFAD disaster agency said.",
        ], add=[
            "AFAD said teams had delivered tents, blankets and food to the affected villages and that more "
            "than 40 aftershocks had been recorded.",
        ]),
        lead(420, "Eleven dead in eastern Turkey quake, hundreds in tents", note="ADDS new toll, no one missing", top=[
            "Eleven people were killed and more than 300 injured when a 5.9-magnitude earthquake struck eastern "
            "Turkey before dawn on Tuesday, officials said, as authorities set up tent camps for families left "
            "homeless.",
            "The interior ministry said there was no one left under the rubble.",
        ]),
    ]),
    rewrites=[
        DW(480, "Deadly earthquake strikes eastern Turkey", [
            "An earthquake has killed 11 people in the eastern Turkish province of Malatya. Hundreds of homes "
            "were damaged, and many families spent the day outside for fear of aftershocks.",
            ("AFP", "The quake hit the Puturge district"),
            ("AP", "Malatya's governor said rescue teams"),
            ("AFP", "AFAD said teams had delivered tents"),
            ("AFP", "Turkey is crossed by several major fault lines"),
        ], "jsi/msh (AFP, AP)", ["AFP", "AP"]),
        NL(640, "Quake in eastern Turkey kills 11, injures hundreds", [
            "Rescue crews in eastern Turkey finished searching collapsed village homes on Tuesday after a "
            "pre-dawn earthquake killed 11 people and injured more than 300.",
            ("AP", "The quake was centered in the Puturge district"),
            ("AFP", "Residents of Malatya city"),
            ("AP", "A 1999 earthquake near the city of Izmit"),
        ], "Material from AP and AFP was used in this report.", ["AP", "AFP"]),
    ],
)

ev("chemicals-merger", "2019-08-06 05:30", ("FRANKFURT, Germany", "FRANKFURT", "Frankfurt"), "economy",
    RT("VANTAGE-M&A/KRELL", "Germany's Krell Chemie to buy Dutch coatings maker Vantage for $4.7 bln", [
        "German specialty chemicals group Krell Chemie has agreed to buy Dutch coatings maker Vantage Coatings "
        "for 4.2 billion euros ($4.7 billion) in cash, the companies said on Tuesday, creating one of Europe's "
        "largest suppliers of industrial paints.",
        "Krell will pay 38 euros per Vantage share, a 27% premium to Monday's closing price. Vantage's "
        "management and supervisory boards back the offer, which is expected to close in the first half of "
        "2020.",
        "The combined group would have annual sales of about 14 billion euros. Krell said it expected cost "
        "savings of 280 million euros a year by 2022, mainly from purchasing and production.",
        "The deal is subject to approval by competition authorities in Europe and the United States.",
    ], at=8, urgent="Krell Chemie agrees to buy Dutch coatings maker Vantage for 4.2 bln euros", steps=[
        lead(125, "Krell Chemie bets on paints with 4.2 bln euro Vantage deal",
             note="Adds CEO comments, details on job cuts, financing", top=[
            "German chemicals group Krell Chemie agreed on Tuesday to buy Dutch coatings maker Vantage for 4.2 "
            "billion euros ($4.7 billion), its biggest acquisition in a decade, as it pushes further into "
            "higher-margin products for carmakers and shipbuilders.",
            "\"Coatings is where our customers are asking for innovation, and Vantage gives us the scale to "
            "deliver it,\" Krell Chief Executive Anja Seifert told reporters on a conference call.",
        ], add=[
            "Seifert said about 1,500 jobs could go worldwide over three years as the companies combine sites, "
            "out of a combined workforce of around 41,000. She said there were no plans to close Vantage's "
            "headquarters in Arnhem.",
            "Krell will finance the deal with cash and a bridge loan from banks, and plans to refinance part of "
            "it with bonds.",
        ]),
        refile(140, note="Refiles to change wording in last paragraph", fix=("bridge loan", "bridging loan")),
        lead(400, "Vantage shares jump 24% on Krell bid; some investors see room for more",
             note="Adds share moves, analyst and investor comment", top=[
            "Shares in Dutch coatings maker Vantage jumped 24% on Tuesday after German rival Krell Chemie agreed "
            "to buy it for 4.2 billion euros ($4.7 billion), with some investors saying the offer undervalued "
            "the company.",
            "Krell shares fell 3.1%, among the biggest losers in Frankfurt's mid-cap index.",
        ], add=[
            "\"It's a fair price but not a generous one,\" said Frank Meijer, a portfolio manager at a Dutch "
            "pension fund that holds Vantage shares. \"We would not be surprised to see another bidder look "
            "at it.\"",
        ]),
    ]),
    DPA("Germany-Netherlands-Chemicals-Takeover", "Krell to buy Dutch paint maker Vantage for 4.2 billion euros", [
        "German chemicals company Krell Chemie is to buy Dutch paint and coatings producer Vantage for 4.2 "
        "billion euros, the two companies announced on Tuesday.",
        "Krell is offering 38 euros in cash for each Vantage share. The boards of the Arnhem-based company "
        "have recommended that shareholders accept.",
        "Krell, based in Leverkusen, employs around 29,000 people. Vantage has about 12,000 employees, more "
        "than 1,000 of them in Germany.",
        "The mining, chemicals and energy workers' union said it would seek guarantees for jobs at Krell's "
        "German plants.",
    ], at=55, place="Leverkusen"),
    FP("Germany-Netherlands-chemicals-merger", "German chemicals group Krell to swallow Dutch rival Vantage", [
        "German chemicals group Krell Chemie said Tuesday it would buy Dutch coatings firm Vantage for 4.2 "
        "billion euros ($4.7 billion), the latest in a wave of consolidation in the European chemicals sector.",
        "The offer of 38 euros per share values Vantage at a premium of 27 percent to its closing price on "
        "Monday, the companies said in a joint statement.",
        "Krell said the takeover would make it a leader in coatings for cars, ships and wind turbines, and "
        "would save some 280 million euros a year.",
        "Shares in Vantage soared on the Amsterdam stock exchange, while Krell's stock slipped in Frankfurt.",
    ], at=160),
)

ev("markets-chip-selloff", "2019-08-06 01:10", ("NEW YORK", "SINGAPORE", "Tokyo"), "economy",
    RT("GLOBAL-MARKETS/", "GLOBAL MARKETS-Asian shares slide as chip warning rattles tech", [
        "Asian shares fell on Tuesday as a profit warning from U.S. chipmaker Altavia Micro hit technology "
        "stocks across the region, while investors sought safety in government bonds and the yen.",
        "MSCI's broadest index of Asia-Pacific shares outside Japan fell 1.2%, led by a 3% drop in South "
        "Korea's tech-heavy KOSPI index. Japan's Nikkei lost 1.6%.",
        "Altavia late on Monday cut its quarterly revenue forecast by about 15%, blaming weak demand for "
        "smartphones and a glut of memory chips, and its shares fell 11% in after-hours trade.",
        "\"The semiconductor cycle was supposed to have bottomed out. This tells you it hasn't,\" said Kenji "
        "Watanabe, chief strategist at a Tokyo brokerage.",
        "The yen firmed 0.4% to 105.70 per dollar, and the yield on benchmark 10-year U.S. Treasuries fell to "
        "1.71%.",
        "Oil prices also fell, with Brent crude futures down 0.8% at $59.35 a barrel.",
    ], steps=[
        lead(200, "GLOBAL MARKETS-Tech stocks drag Asian shares to two-month low after chip warning",
             note="Updates prices, adds comment", top=[
            "Asian shares hit a two-month low on Tuesday as a profit warning from U.S. chipmaker Altavia Micro "
            "sent technology stocks tumbling, while the yen and bonds gained as investors fled to safety.",
        ], add=[
            "\"Investors are going to ask how many more warnings are coming from the sector,\" said Mei Lin "
            "Tan, an analyst at a Singapore investment bank.",
        ]),
        lead(420, "GLOBAL MARKETS-European shares follow Asia lower as chip warning hits tech",
             note="Adds European open, updates prices", place="LONDON", top=[
            "European shares opened lower on Tuesday, following Asian markets down after a profit warning from "
            "U.S. chipmaker Altavia Micro hit technology stocks around the world.",
            "The pan-European STOXX 600 index fell 0.9% in early trade, with Dutch and German chip equipment "
            "makers among the biggest losers.",
        ]),
        lead(800, "GLOBAL MARKETS-Wall Street opens lower as chip stocks slump, bonds rally",
             note="Adds Wall Street open, updates prices", place="NEW YORK", drop=[0, 1], top=[
            "Stocks on Wall Street fell at the open on Tuesday as chipmakers slumped for a second day, extending "
            "a global sell-off triggered by Altavia Micro's profit warning.",
            "The Philadelphia Semiconductor index dropped 2.8% and Altavia shares were down 12%. European shares "
            "were down about 1% in afternoon trade.",
        ]),
    ]),
    AP("BC-US--Financial Markets", "Chipmakers drag stocks lower on Wall Street after profit warning", [
        "Technology stocks led a broad slide on Wall Street in early trading Tuesday after a big chipmaker "
        "warned that its sales would fall short of forecasts.",
        "Altavia Micro sank 12% after it said weak demand for smartphones and a surplus of memory chips would "
        "cut into its revenue. Other chip companies also fell.",
        "Investors moved money into bonds, sending the yield on the 10-year Treasury down to 1.70% from 1.74% "
        "late Monday.",
        "Markets in Asia and Europe also fell.",
    ], at=805, steps=[
        lead(395, "Chip warning knocks stocks lower; S&P 500 falls 1.1%", note="UPDATES with closing prices.", top=[
            "Stocks closed lower on Wall Street Tuesday as a profit warning from Altavia Micro sent chipmakers "
            "sliding and pushed investors toward the safety of bonds.",
            "The S&P 500 fell 1.1%, and the Nasdaq composite, which is heavy with technology companies, dropped "
            "1.7%. The Dow Jones Industrial Average lost 0.8%.",
        ], add=[
            "Traders will be watching earnings reports from several other chip companies later this week for "
            "signs of how widely the slowdown is spreading.",
        ]),
    ]),
)

ev("migrant-rescue-ship", "2019-08-06 07:00", ("ROME", "ROME", "Rome"), "society",
    FP("Italy-Malta-migrants-NGO", "Migrant rescue ship stranded off Italy for sixth day", [
        "A charity rescue ship carrying 134 migrants spent a sixth day at sea off the Italian island of "
        "Lampedusa on Tuesday, with neither Italy nor Malta willing to let it dock.",
        "The Sea Lantern, operated by German aid group Rettungsnetz, picked up the migrants in two operations "
        "off Libya last week. Thirty-one of them are unaccompanied minors, the charity said.",
        "\"People are sleeping on deck in the heat, and many are exhausted and traumatised,\" said the ship's "
        "coordinator, Lena Hartwig.",
        "Italy's interior ministry has repeated that the ship may not enter Italian waters, while Malta says "
        "the rescues took place outside its search-and-rescue zone.",
        "Hundreds of migrants have died attempting the central Mediterranean crossing this year, according to "
        "UN figures.",
    ], at=10, steps=[
        lead(320, "Three evacuated from migrant ship as standoff drags on", note="ADDS medical evacuation, charity comment", top=[
            "Italian coastguards evacuated three people, including a pregnant woman, from a charity rescue ship "
            "carrying 134 migrants off Lampedusa on Tuesday, as the vessel spent a sixth day waiting for a port.",
        ], add=[
            "The charity said the weather was forecast to worsen on Wednesday and appealed to European "
            "governments to end the standoff.",
        ]),
    ]),
    RT("EUROPE-MIGRANTS/ITALY", "Charity ship with 134 migrants waits off Lampedusa as Italy, Malta refuse entry", [
        "A German charity ship carrying 134 migrants rescued off Libya was waiting off the Italian island of "
        "Lampedusa for a sixth day on Tuesday after Italy and Malta refused to let it dock.",
        "Rettungsnetz, the group that operates the Sea Lantern, said food and water on board would last only "
        "a few more days and that several people needed medical care.",
        "Italy's government has closed its ports to charity rescue ships, accusing them of encouraging people "
        "smuggling, a charge the groups deny.",
        "The European Commission said it was in contact with member states to find a solution but that no "
        "country had yet offered to take the migrants.",
    ], at=60, steps=[
        lead(345, "Three taken off migrant ship as EU seeks deal to share 134 rescued",
             note="Adds medical evacuation, Commission comment", top=[
            "Italy's coastguard took three people off a charity rescue ship stranded near Lampedusa on Tuesday "
            "for medical treatment, as the European Commission sought a deal among EU states to share the "
            "remaining 131 migrants on board.",
        ], add=[
            "A Commission spokeswoman said several governments had signalled willingness to help but declined "
            "to name them.",
        ]),
    ]),
    DPA("Italy-Germany-Migrants-Ship", "German charity ship with 134 migrants waits for port", [
        "The German charity Rettungsnetz on Tuesday called on the government in Berlin to help end a standoff "
        "over its rescue ship Sea Lantern, which has been waiting with 134 migrants off Lampedusa for six days.",
        "\"Germany cannot look away while children sit on a deck in 35-degree heat,\" the group's chairman, "
        "Markus Ebel, told dpa.",
        "The German Interior Ministry said it was ready to take in some of the migrants as part of a European "
        "solution.",
        "The Sea Lantern sails under the German flag and is crewed by volunteers.",
    ], at=135, place="Berlin"),
    AP("BC-EU--Italy-Migrants", "Migrants stuck on charity ship off Italy as countries balk", [
        "A rescue ship carrying 134 migrants bobbed off the Italian island of Lampedusa for a sixth day Tuesday "
        "as Italy and Malta refused to let it dock, and the charity that runs it warned conditions on board "
        "were deteriorating.",
        "The German aid group Rettungsnetz said the migrants, most from Eritrea, Sudan and Ivory Coast, were "
        "rescued from two overcrowded boats off Libya last week.",
        "Italy's interior minister has vowed to keep charity ships out of Italian ports.",
        "Malta said the rescue took place far from its waters and that it had no obligation to take the "
        "migrants.",
    ], at=180, steps=[
        lead(1380, "Migrants stranded on charity ship for a week can land in Malta",
             note="UPDATES with Malta allowing ship to dock after EU deal.", place="VALLETTA, Malta", top=[
            "A charity ship carrying 131 migrants was allowed to dock in Malta on Wednesday after five European "
            "Union countries agreed to take them in, ending a weeklong standoff in the Mediterranean.",
            "Malta's government said Germany, France, Portugal, Luxembourg and Ireland would take the migrants, "
            "and none would stay on the island.",
        ]),
    ]),
    rewrites=[
        DW(450, "Rescue ship with 134 migrants stranded off Lampedusa", [
            "For almost a week, a German rescue ship has been waiting in the Mediterranean with 134 migrants on "
            "board. Neither Italy nor Malta will let it dock.",
            ("AFP", "The Sea Lantern, operated by German aid group"),
            ("dpa", "\"Germany cannot look away"),
            ("AFP", "Italian coastguards evacuated three people"),
            ("dpa", "The German Interior Ministry said"),
        ], "mm/se (AFP, dpa)", ["AFP", "dpa"]),
    ],
)

ev("hospital-ransomware", "2019-08-06 09:00", ("THE HAGUE, Netherlands", "AMSTERDAM", "The Hague"), "crime",
    RT("NETHERLANDS-CYBER/HOSPITALS", "Dutch hospital group hit by ransomware attack, operations postponed", [
        "A Dutch hospital group said on Tuesday its computer systems had been crippled by a ransomware attack, "
        "forcing it to postpone planned operations at three hospitals in the eastern Netherlands.",
        "Rijnvallei Zorggroep said the attack began late on Monday and encrypted files on servers used for "
        "patient records and scheduling. Emergency departments remained open but some ambulances were being "
        "diverted to other hospitals.",
        "\"Patient safety is our first priority. We are working with external experts to restore our systems "
        "as quickly as possible,\" the group said in a statement.",
        "The group did not say whether it had received a ransom demand.",
    ], at=10, steps=[
        lead(170, "Dutch hospitals postpone 200 operations after ransomware attack; police investigate",
             note="Adds police investigation, number of postponed operations", top=[
            "About 200 planned operations have been postponed at three hospitals in the eastern Netherlands "
            "after a ransomware attack crippled their computer systems, the hospital group said on Tuesday, as "
            "police opened a criminal investigation.",
        ], add=[
            "Police said their cybercrime unit was investigating together with the National Cyber Security "
            "Centre, and declined to comment on who might be behind the attack.",
            "Ransomware attacks on hospitals have increased in Europe and the United States in recent years, "
            "as criminals target organisations that cannot afford to be offline for long.",
        ]),
    ]),
    AP("BC-EU--Netherlands-Hospital Hack", "Cyberattack cripples hospital computers in Netherlands", [
        "Hackers have crippled computer systems at three Dutch hospitals, forcing doctors to put off hundreds "
        "of planned operations and to write patient notes by hand, the hospitals' operator said Tuesday.",
        "Rijnvallei Zorggroep said it discovered the ransomware attack late Monday. Emergency rooms in "
        "Apeldoorn and two nearby towns stayed open, but some ambulances were sent elsewhere.",
        "Ransomware scrambles a victim's data until a payment is made, usually in cryptocurrency.",
        "The group said it was working with cybersecurity experts and police.",
    ], at=160, steps=[
        lead(300, "Dutch hospitals refuse to pay hackers as systems slowly return",
             note="UPDATES with hospital group saying it will not pay ransom, systems being restored.", top=[
            "A Dutch hospital group hit by a ransomware attack said Tuesday evening it would not pay the "
            "hackers and that its systems were slowly coming back online from backups.",
            "\"We do not negotiate with criminals,\" Rijnvallei Zorggroep's chairwoman, Ingrid Smeets, told "
            "reporters in Apeldoorn. She said planned care should return to normal by the end of the week.",
        ]),
    ]),
    FP("Netherlands-health-cyber", "Ransomware attack hits Dutch hospitals", [
        "A cyber attack has paralysed the computer systems of three hospitals in the Netherlands, forcing them "
        "to cancel around 200 operations, the hospital group said Tuesday.",
        "Rijnvallei Zorggroep, which runs hospitals around the eastern city of Apeldoorn, said the ransomware "
        "attack had encrypted patient files and planning systems.",
        "Emergency departments remained open, it said.",
        "Dutch police said they had opened an investigation.",
    ], at=240),
    rewrites=[
        NL(510, "Hackers cripple hospital computers in eastern Netherlands", [
            "Three Dutch hospitals were reduced to pen and paper on Tuesday after a ransomware attack scrambled "
            "their computer systems, forcing about 200 operations to be postponed.",
            ("AP", "Ransomware scrambles a victim's data"),
            ("Reuters", "Police said their cybercrime unit"),
            ("Reuters", "Ransomware attacks on hospitals have increased"),
        ], "With AP, Reuters", ["AP", "Reuters"]),
    ],
)

ev("sardinia-wildfire", "2019-08-06 11:20", ("BUDONI, Italy", "ROME", "Olbia"), "disaster",
    FP("Italy-fire-tourism", "Wildfire forces tourists to flee Sardinia beaches", [
        "Hundreds of tourists were evacuated from beaches and campsites on Sardinia's northeastern coast on "
        "Tuesday, some of them by boat, as a wildfire driven by strong winds swept towards the sea.",
        "The fire broke out in scrubland inland from the resort of Budoni in the morning and quickly spread "
        "downhill, the regional forestry service said.",
        "Coastguard vessels and private boats ferried around 600 people from two beaches cut off by the "
        "flames, the coastguard said in a statement.",
        "Six Canadair water-bombing aircraft and three helicopters were battling the blaze, helped by more "
        "than 100 firefighters on the ground.",
        "Wildfires are common on the island in summer, and many are started deliberately.",
    ], at=25, urgent=("Tourists evacuated by sea as wildfire hits Sardinia coast",
                      "Hundreds of tourists were evacuated by sea on Tuesday as a wildfire swept towards beaches "
                      "near Budoni on the northeastern coast of Sardinia, the coastguard said."),
    steps=[resend(20), lead(150, "Sardinia wildfire burns 1,000 hectares, arson suspected",
                note="ADDS area burned, arson suspicion, road closed", top=[
        "A wildfire on Sardinia's northeastern coast had burned more than 1,000 hectares of scrub and pine "
        "forest by Tuesday afternoon, forcing the evacuation of some 600 tourists, and investigators said it "
        "may have been started deliberately.",
        "\"We found several points where the fire started at the same time. That is not an accident,\" a "
        "forestry service official told AFP, asking not to be named.",
    ], add=["The main coastal road between Olbia and Nuoro was closed in both directions."])]),
    AP("BC-EU--Italy-Wildfire", "Wildfire on Italy's Sardinia forces tourists to flee by boat", [
        "A fast-moving wildfire on the Italian island of Sardinia forced hundreds of vacationers to abandon "
        "beaches and campgrounds Tuesday, with some rescued by boat as smoke blotted out the sun.",
        "Strong northwesterly winds pushed the flames from hills near the resort town of Budoni toward the "
        "coast, the regional forestry corps said. Two campgrounds and a hotel were evacuated.",
        "Firefighting planes scooped water from the sea to drop on the fire. No injuries were immediately "
        "reported.",
        "Sardinia, a popular summer destination, is hit by hundreds of brush fires each year.",
    ], at=50, steps=[
        lead(230, "Sardinia wildfire burns 1,000 hectares; arson suspected",
             note="UPDATES with area burned, 2 firefighters hurt, arson suspicion.", top=[
            "A wildfire that forced about 600 tourists to flee beaches on the Italian island of Sardinia had "
            "scorched more than 1,000 hectares (2,500 acres) by Tuesday afternoon, and officials said they "
            "suspected arson.",
            "Two firefighters suffered minor burns, the regional civil protection agency said.",
        ], drop=[0, 2], add=[
            "Regional officials said the island would seek emergency funds from the national government to "
            "repair roads and power lines.",
        ]),
        lead(1200, "Sardinia fire contained; shepherd detained on suspicion of arson",
             note="UPDATES with fire contained, suspect detained.", drop=[0, 1], top=[
            "Firefighters brought a wildfire on Sardinia's northeastern coast under control early Wednesday "
            "after it burned about 1,500 hectares (3,700 acres) of scrub and pine forest, and police detained a "
            "52-year-old shepherd on suspicion of starting it.",
            "Tourists evacuated from two campgrounds near Budoni were allowed to return to collect their "
            "belongings.",
        ]),
    ]),
    RT("ITALY-WILDFIRES/", "Hundreds evacuated as wildfire sweeps Sardinian coast", [
        "About 600 holidaymakers were evacuated from beaches and campsites in northeastern Sardinia on Tuesday "
        "as a wildfire fanned by strong winds spread towards the coast, Italian authorities said.",
        "The coastguard said it had used patrol boats and rubber dinghies to take people off two beaches near "
        "Budoni that had been cut off by the flames.",
        "Firefighting aircraft from the mainland were sent to help local crews, the civil protection "
        "department said.",
        "Italy has had an unusually dry summer, and hundreds of wildfires have broken out in the south and on "
        "its islands since June.",
    ], at=100, steps=[
        lead(290, "Sardinia wildfire scorches 1,000 hectares, investigators suspect arson",
             note="Adds area burned, arson suspicion, injured firefighters", top=[
            "A wildfire in northeastern Sardinia had burned more than 1,000 hectares by Tuesday evening and "
            "investigators suspect it was started deliberately, the island's forestry corps said, after about "
            "600 tourists were evacuated, some of them by sea.",
        ], add=["Two firefighters were treated for minor burns."]),
    ]),
    DPA("Italy-Fires-Tourists", "German tourists among hundreds evacuated from Sardinia wildfire", [
        "German holidaymakers were among some 600 tourists evacuated from beaches and campsites on the Italian "
        "island of Sardinia on Tuesday as a wildfire spread towards the coast.",
        "A family from Munich told dpa they had been taken off the beach by a fishing boat with only their "
        "swimming things. \"We could see the flames on the hill behind the campsite,\" the father said.",
        "The German Foreign Office said it was in contact with local authorities and had no information about "
        "any German citizens being hurt.",
        "The fire broke out near the resort of Budoni, popular with German and Italian families.",
    ], at=140, place="Rome"),
    rewrites=[
        DW(360, "Tourists flee by boat as wildfire rages on Sardinia", [
            "A wildfire on the Italian island of Sardinia has forced hundreds of tourists to leave beaches and "
            "campsites, some of them by boat. Investigators believe the blaze may have been started deliberately.",
            ("AFP", "Coastguard vessels and private boats ferried"),
            ("dpa", "German holidaymakers were among"),
            ("AFP", "A wildfire on Sardinia's northeastern coast had burned"),
            ("AFP", "Six Canadair water-bombing aircraft"),
        ], "kw/sms (AFP, dpa)", ["AFP", "dpa"]),
        NL(1300, "Sardinia wildfire under control; suspect held", [
            "Firefighters on Sardinia have brought under control a wildfire that forced hundreds of tourists off "
            "the island's northeastern beaches, and police are holding a suspect.",
            ("AP", "Firefighters brought a wildfire"),
            ("AFP", "Coastguard vessels and private boats ferried"),
            ("AP", "Sardinia, a popular summer destination"),
        ], "Material from AP and AFP was used in this report.", ["AP", "AFP"]),
    ],
)

ev("football-transfer", "2019-08-06 16:00", ("LONDON", "LONDON", "London"), "sport",
    RT("SOCCER-ENGLAND-TOT-AMRANI/", "Soccer-Tottenham agree deal to sign Ajax midfielder Amrani - media", [
        "Tottenham Hotspur have agreed a fee with Ajax Amsterdam for Moroccan midfielder Youssef Amrani, "
        "British media reported on Tuesday, two days before the Premier League transfer window closes.",
        "The fee was reported to be around 52 million pounds ($63.2 million), which would make the 22-year-old "
        "the most expensive signing in Tottenham's history.",
        "Neither club commented on the reports. Amrani was expected to travel to London for a medical on "
        "Wednesday.",
        "Amrani scored nine goals in 31 league games last season as Ajax won the Dutch title and reached the "
        "Champions League semi-finals.",
    ], at=5, steps=[
        lead(1110, "Soccer-Tottenham sign Amrani from Ajax in club-record deal", note="Adds club confirmation, quotes",
             drop=[0, 2], top=[
            "Tottenham Hotspur have signed Moroccan midfielder Youssef Amrani from Ajax Amsterdam on a five-year "
            "contract, the Premier League club said on Wednesday, in a deal British media said was worth a "
            "club-record 52 million pounds ($63.2 million).",
            "\"This is a club where I can grow and win trophies,\" Amrani told the club's website. Tottenham did "
            "not disclose the fee.",
        ]),
        refile(1125),
    ]),
    FP("Fbl-ENG-Tottenham-Ajax-transfer", "Spurs sign Morocco midfielder Amrani from Ajax", [
        "Tottenham have signed Morocco midfielder Youssef Amrani from Ajax on a five-year deal, the Premier "
        "League club announced on Wednesday.",
        "The fee was not disclosed, but British media reported it at 52 million pounds (56 million euros), a "
        "club record.",
        "The 22-year-old, who came through the Ajax academy, becomes Tottenham's third signing of the summer.",
        "The Premier League transfer window closes on Thursday at 1600 GMT.",
    ], at=1130),
    AP("BC-SOC--Tottenham-Amrani", "Tottenham signs Ajax midfielder Amrani for club-record fee", [
        "Tottenham completed the signing of Ajax midfielder Youssef Amrani on Wednesday, a day before the "
        "Premier League's transfer deadline.",
        "The 22-year-old Morocco international signed a five-year contract. The fee was not disclosed but is "
        "believed to be a club record.",
        "Amrani was a key part of the Ajax team that reached the Champions League semifinals last season.",
    ], at=1160),
    rewrites=[
        NL(1260, "Spurs land Amrani in record deal", [
            "Tottenham have broken their transfer record to bring Moroccan midfielder Youssef Amrani to north "
            "London, beating Thursday's deadline by a day.",
            ("Reuters", "\"This is a club where I can grow"),
            ("AFP", "The 22-year-old, who came through"),
            ("Reuters", "Amrani scored nine goals"),
        ], "With Reuters, AFP", ["Reuters", "AFP"]),
    ],
)

ev("scooter-recall", "2019-08-06 13:30", ("STOCKHOLM", "STOCKHOLM", "Stockholm"), "economy",
    RT("VELORA-RECALL/", "Velora recalls 240,000 e-scooters over battery fire risk", [
        "Swedish electric scooter maker Velora said on Tuesday it was recalling about 240,000 scooters sold in "
        "Europe and North America because their batteries could overheat and catch fire.",
        "The recall covers Velora S2 models made between March 2018 and May 2019. The company said it had "
        "received 17 reports of battery fires, three of which caused minor burns.",
        "Owners should stop charging the scooters immediately and contact Velora for a free replacement "
        "battery, the company said.",
        "Velora did not give an estimate of the cost of the recall.",
    ], at=5, steps=[
        lead(105, "Velora shares plunge 14% after e-scooter battery recall",
             note="Adds share price, analyst comment, cost estimate", drop=[0, 3], top=[
            "Shares in Velora fell as much as 14% on Tuesday after the Swedish e-scooter maker recalled about "
            "240,000 scooters because of a battery fault that has caused 17 fires.",
        ], add=[
            "Analysts at a Stockholm bank estimated the cost of the recall at 300-400 million Swedish crowns "
            "($31-42 million), roughly a year's operating profit.",
            "\"The bigger risk is reputation, because the rental companies are the main customers and they "
            "have alternatives,\" one analyst said.",
        ]),
    ]),
    AP("BC-EU--Sweden-Scooter Recall", "Swedish maker recalls 240,000 electric scooters over fire risk", [
        "A Swedish company is recalling about 240,000 electric scooters because the batteries can overheat and "
        "catch fire, including while charging.",
        "Velora said Tuesday that the recall covers its S2 model sold since March 2018 in Europe, the United "
        "States and Canada. The company said it knew of 17 fires and three people with minor burns.",
        "Customers should stop using and charging the scooters and request a free replacement battery through "
        "the \"Safety & Recalls\" page of the company's website, Velora said.",
        "Many of the scooters are used by rental companies whose dockless scooters have spread through cities "
        "across Europe and the U.S.",
    ], at=60, as_html=True, steps=[
        lead(1170, "US regulators join recall of 240,000 Swedish e-scooters",
             note="UPDATES with U.S. regulators announcing recall.", top=[
            "U.S. safety regulators on Wednesday announced the recall of about 41,000 electric scooters sold in "
            "the United States by Swedish maker Velora, part of a worldwide recall of 240,000 scooters whose "
            "batteries can catch fire.",
            "The Consumer Product Safety Commission said four of the 17 fires reported worldwide happened in "
            "the U.S.",
        ]),
    ]),
    DPA("Germany-Sweden-Scooters-Recall", "Berlin rental firms pull e-scooters after Velora recall", [
        "Scooter rental companies in Berlin took thousands of vehicles off the streets on Tuesday after Swedish "
        "manufacturer Velora recalled around 240,000 e-scooters over a battery fault.",
        "One operator said it had withdrawn 8,000 scooters in Berlin, Hamburg and Munich as a precaution until "
        "the batteries were replaced.",
        "Germany's Federal Motor Transport Authority said it was examining whether further action was needed.",
        "Electric scooters were only approved for use on German roads in June.",
    ], at=150, place="Berlin"),
    rewrites=[
        NL(1290, "E-scooter recall: what owners need to know", [
            "If you bought a Velora S2 electric scooter in the past 18 months, stop charging it. The Swedish "
            "maker has recalled about 240,000 of them after a battery fault led to 17 fires.",
            ("AP", "Customers should stop using and charging"),
            ("dpa", "One operator said it had withdrawn 8,000"),
            ("AP", "U.S. safety regulators on Wednesday announced"),
        ], "With AP, dpa", ["AP", "dpa"]),
    ],
)

ev("india-train-derailment", "2019-08-07 02:50", ("PATNA, India", "PATNA", "Patna"), "disaster",
    AP("BC-AS--India-Train Derailment", "Train derails in eastern India, killing at least 7 passengers", [
        "Nine coaches of a passenger train derailed in eastern India early Wednesday, killing at least seven "
        "people and injuring about 40, police said.",
        "The Kosi Valley Express was traveling from Jogbani, near the border with Nepal, to New Delhi when it "
        "left the tracks near Hajipur in Bihar state shortly before 8 a.m., police officer Sanjay Kumaar said.",
        "Rescuers used cutting equipment to reach passengers trapped in two overturned coaches, and local "
        "residents helped carry the injured to hospitals.",
        "The cause of the derailment was not immediately known.",
        "India's railway network, one of the world's largest, carries millions of passengers a day, and "
        "accidents are common despite government spending to upgrade tracks and signals.",
    ], at=15, urgent=("Passenger train derails in eastern India; at least 5 dead",
                      "A passenger train derailed in eastern India's Bihar state early Wednesday, killing at "
                      "least five people, police said."),
    steps=[
        lead(160, "Death toll in eastern India train derailment rises to 10",
             note="UPDATES with toll rising to 10, railway ministry ordering inquiry.", top=[
            "The death toll from the derailment of a passenger train in eastern India rose to 10 on Wednesday, "
            "and officials said a broken rail may have caused the accident.",
            "The Railways Ministry ordered an inquiry and announced compensation of 500,000 rupees ($7,000) for "
            "the families of each of the dead.",
        ], drop=[0, 3]),
        lead(380, "India train derailment kills 12; broken rail suspected", note="UPDATES with toll rising to 12, injured.", top=[
            "Twelve people were killed and about 60 injured when nine coaches of a passenger train derailed in "
            "eastern India on Wednesday, officials said, as investigators examined a section of track suspected "
            "of having cracked.",
        ]),
        correct(420, "Corrects spelling of police officer's name to Sanjay Kumar, not Sanjay Kumaar.",
                ("Sanjay Kumaar", "Sanjay Kumar")),
    ]),
    RT("INDIA-TRAIN/ACCIDENT", "Train derailment in India's Bihar kills seven, dozens hurt", [
        "At least seven people were killed and dozens injured when a passenger train derailed in the eastern "
        "Indian state of Bihar on Wednesday morning, a senior railway official said.",
        "Nine coaches of the Kosi Valley Express came off the tracks near Hajipur, about 20 km (12 miles) north "
        "of the state capital Patna, the official said, adding that rescue operations were under way.",
        "Television footage showed coaches lying on their sides in a paddy field, with villagers and police "
        "pulling passengers out through the windows.",
        "India has one of the world's largest rail networks, but much of its infrastructure is ageing.",
    ], at=40, steps=[
        lead(250, "Death toll in Indian train derailment rises to 12; broken rail suspected",
             note="Adds new death toll, cause, compensation", top=[
            "The death toll from the derailment of a passenger train in eastern India rose to 12 on Wednesday, "
            "railway officials said, adding that a broken rail was the suspected cause.",
        ], add=[
            "The government announced compensation of 500,000 rupees ($7,080) for the families of those killed.",
        ]),
    ]),
    FP("India-accident-rail", "Nine killed as train derails in eastern India", [
        "At least nine people were killed when a passenger train derailed in India's eastern Bihar state on "
        "Wednesday, officials said.",
        "Nine carriages of the train, which was bound for New Delhi, left the tracks near the town of Hajipur, "
        "a district official told AFP.",
        "\"There was a loud bang and then everything turned upside down,\" said one passenger, Ramesh Yadav, "
        "who suffered a head injury.",
        "Rail accidents are common in India. In 2016 nearly 150 people were killed when a train derailed in "
        "northern Uttar Pradesh state.",
    ], at=55, steps=[
        lead(260, "Death toll from India train derailment rises to 12", note="ADDS new toll, suspected cause", top=[
            "The death toll from the derailment of a passenger train in eastern India rose to 12 on Wednesday, "
            "with around 60 people injured, officials said, as investigators looked at whether a broken rail "
            "was to blame.",
        ]),
    ]),
    rewrites=[
        DW(460, "India: Deadly train derailment in Bihar", [
            "A passenger train has derailed in India's eastern Bihar state, killing at least 12 people. "
            "Investigators suspect a broken rail caused the accident.",
            ("AP", "The Kosi Valley Express was traveling"),
            ("Reuters", "Television footage showed coaches"),
            ("AP", "The Railways Ministry ordered an inquiry"),
            ("AP", "India's railway network, one of the world's largest"),
        ], "ab/rt (AP, Reuters)", ["AP", "Reuters"]),
    ],
)

ev("actor-death-hoax", "2019-08-06 20:10", ("LONDON", "LONDON", "London"), "arts",
    AP("BC-EU--Obit-Brennan", "Harold Brennan, stalwart of British stage and screen, dies at 81", [
        "Harold Brennan, the British actor who played kings and con men across a six-decade career on stage "
        "and screen, has died, according to a statement posted on his official social media account. He was 81.",
        "The statement said Brennan died Tuesday at his home in Sussex, England, surrounded by his family. No "
        "cause of death was given.",
        "Born in Liverpool in 1938, Brennan joined the Royal Shakespeare Company in the 1960s and later became "
        "familiar to television audiences as the scheming antiques dealer in the long-running comedy "
        "\"Hartley's Yard.\"",
        "He won an Olivier Award in 1987 for his performance as King Lear.",
    ], steps=[
        kill(50, "The statement on the actor's social media account was posted by someone who had gained "
                 "unauthorized access to it, and Brennan's agent says he is alive. A new story will be sent."),
    ]),
    AP("BC-EU--Britain-Brennan Hoax", "Agent: Actor Harold Brennan alive, death report was a hoax", [
        "British actor Harold Brennan is alive and well, his agent said Tuesday, after a false statement "
        "announcing his death was posted on the actor's hacked social media account.",
        "\"Harold is at home, in good health and rather amused,\" agent Philippa Groves said in a statement. "
        "\"Somebody gained access to his account. We have asked the platform to investigate.\"",
        "The Associated Press and several other news organizations reported Brennan's death based on the post, "
        "which has since been deleted. The AP withdrew its story.",
        "Brennan, 81, is best known for the TV comedy \"Hartley's Yard\" and a long career with the Royal "
        "Shakespeare Company.",
    ], at=80, key="hoax", steps=[
        lead(690, "'Not dead yet': Harold Brennan jokes after death hoax", note="UPDATES with Brennan comments.", top=[
            "Harold Brennan says he is \"not dead yet, merely resting\" after a hoaxer used his social media "
            "account to announce the death of the 81-year-old British actor.",
            "Speaking to reporters outside his home in Sussex on Wednesday, Brennan said he had learned of his "
            "supposed death when a neighbor arrived with flowers.",
        ]),
    ]),
    RT("PEOPLE-BRENNAN/", "Actor Harold Brennan's agent says death report false, account hacked", [
        "A statement announcing the death of British actor Harold Brennan was false and was posted by someone "
        "who had hacked his social media account, his agent said on Tuesday.",
        "The post, which said the 81-year-old had died at his home, was widely shared and reported before "
        "being deleted about an hour later.",
        "\"Harold is at home, in good health and rather amused,\" agent Philippa Groves said.",
        "Brennan is known to British audiences for the TV comedy \"Hartley's Yard\" and for stage work "
        "including an award-winning King Lear.",
    ], at=95),
    rewrites=[
        NL(800, "Actor Harold Brennan alive and 'rather amused' after death hoax", [
            "For about an hour on Tuesday evening, the internet mourned Harold Brennan. The 81-year-old actor, "
            "it turned out, was at home watching the cricket.",
            ("AP-hoax", "The Associated Press and several other news organizations"),
            ("Reuters", "\"Harold is at home"),
            ("AP-hoax", "Speaking to reporters outside his home"),
        ], "With AP, Reuters", ["AP", "Reuters"]),
    ],
)

ev("latvia-bank-fine", "2019-08-07 08:10", ("RIGA, Latvia", "RIGA", "Riga"), "crime",
    RT("LATVIA-BANKS/FINE", "Latvian regulator fines Nordhav Bank 4.2 mln euros over money laundering failings", [
        "Latvia's financial regulator said on Wednesday it had fined Nordhav Bank 4.2 million euros ($4.7 "
        "million) for failing to properly check customers and report suspicious transactions.",
        "The Financial and Capital Market Commission (FCMC) said the breaches involved accounts of shell "
        "companies registered in offshore jurisdictions between 2015 and 2018.",
        "Nordhav Bank was not immediately available for comment.",
    ], steps=[kill(35, "The fine was imposed on a different bank.")]),
    RT("LATVIA-BANKS/FINE", "Latvian regulator fines Baltica Credit 4.2 mln euros over money laundering controls", [
        "Latvia's financial regulator said on Wednesday it had fined Baltica Credit bank 4.2 million euros "
        "($4.7 million) for failing to properly check customers and report suspicious transactions.",
        "The Financial and Capital Market Commission (FCMC) said the breaches involved accounts held by shell "
        "companies registered in offshore jurisdictions between 2015 and 2018.",
        "Baltica Credit said in a statement it accepted the fine and had already strengthened its controls, "
        "including closing more than 3,000 high-risk accounts.",
        "Latvia has been under pressure from U.S. and European authorities to clean up its banking sector "
        "since the collapse of ABLV Bank, once the country's third-largest lender, in 2018.",
    ], at=70, key="2", steps=[
        lead(150, "Latvian bank Baltica Credit fined 4.2 mln euros; regulator says more cases coming",
             note="Adds regulator comment on further investigations", top=[
            "Latvia's financial regulator fined Baltica Credit bank 4.2 million euros ($4.7 million) on "
            "Wednesday for failing to prevent money laundering and said it was investigating several other "
            "lenders.",
            "\"This will not be the last fine this year,\" the regulator's head of enforcement, Andris Kalnins, "
            "told a news conference.",
        ]),
    ]),
    AP("BC-EU--Latvia-Bank Fine", "Latvia fines bank over money-laundering lapses", [
        "Latvia's financial watchdog on Wednesday fined a local bank 4.2 million euros ($4.7 million) for "
        "failing to catch possible money laundering, the latest move in a crackdown on the Baltic country's "
        "banks.",
        "The Financial and Capital Market Commission said Baltica Credit had not properly checked the owners of "
        "shell companies that moved money through its accounts from 2015 to 2018.",
        "The bank said it accepted the decision.",
    ], at=150),
)

ev("iceland-rate-cut", "2019-08-07 09:00", ("REYKJAVIK, Iceland", "REYKJAVIK", "Reykjavik"), "economy",
    RT("ICELAND-CENBANK/RATES", "Iceland's central bank cuts rates as tourism slump bites", [
        "Iceland's central bank cut its key interest rate by 50 basis points to 3.50% on Wednesday, its third "
        "cut this year, as a slump in tourist arrivals weighs on the island's economy.",
        "The bank's monetary policy committee said the economic outlook had weakened since its last meeting in "
        "June, with fewer foreign visitors and lower investment.",
        "Inflation, which stood at 3.1% in July, was expected to fall towards the bank's 2.5% target next year, "
        "the committee said in a statement.",
        "Tourism, Iceland's biggest export earner, has been hit by the collapse of budget airline WOW Air in "
        "March.",
    ], at=5, urgent="Iceland's central bank cuts key interest rate to 3.50% from 3.75%", steps=[
        correct(30, "Corrects size of cut in first paragraph to 25 basis points, not 50",
                ("by 50 basis points", "by 25 basis points")),
        lead(95, "Iceland central bank cuts rates, signals more easing possible",
             note="Adds krona reaction, committee comments on outlook, economist comment", top=[
            "Iceland's central bank cut its key interest rate by 25 basis points to 3.50% on Wednesday and said "
            "it could ease policy further if the economy weakened more than expected after a sharp fall in "
            "tourism.",
            "The krona was little changed against the euro after the decision, which had been expected by most "
            "economists.",
        ], add=[
            "\"The bank is clearly worried about the second half of the year. Another cut in October is "
            "likely,\" said Helga Magnusdottir, chief economist at a Reykjavik brokerage.",
        ]),
    ]),
    AP("BC-EU--Iceland-Interest Rates", "Iceland cuts interest rates as tourist numbers fall", [
        "Iceland's central bank lowered its benchmark interest rate by a quarter of a percentage point to 3.5% "
        "on Wednesday, saying fewer tourists and weaker investment were slowing the economy.",
        "It was the third rate cut this year.",
        "Tourism has become Iceland's biggest industry over the past decade, but visitor numbers have fallen "
        "since the low-cost airline WOW Air went bankrupt in March.",
    ], at=70),
    FP("Iceland-economy-rate", "Iceland lowers key rate to 3.5 percent", [
        "Iceland's central bank on Wednesday cut its main interest rate by a quarter point to 3.5 percent, "
        "citing a slowdown in tourism after the bankruptcy of low-cost carrier WOW Air.",
        "The bank said growth was likely to be weaker this year than it had forecast in May.",
        "Tourism accounts for around 40 percent of the North Atlantic island's export revenue.",
    ], at=110),
)

ev("valparaiso-election", "2019-08-06 23:20", ("VALPARAISO, Chile", "VALPARAISO", "Valparaiso"), "politics",
    RT("CHILE-ELECTION/VALPARAISO", "Chile's Valparaiso mayoral race tight as count begins", [
        "Vote counting began on Tuesday in a special election for mayor of the Chilean port city of Valparaiso, "
        "with early results showing independent candidate Carla Fuentes narrowly ahead of conservative former "
        "senator Rodrigo Alarcon.",
        "With 40% of ballot boxes counted, Fuentes had 51.2% of the vote against 48.8% for Alarcon, according "
        "to the electoral service.",
        "The race has been closely watched as a test of support for younger, independent candidates in Chile, "
        "where traditional parties have lost ground.",
        "Turnout appeared low, as in most Chilean elections since voting became voluntary in 2012.",
    ], at=20, steps=[
        lead(120, "Independent Fuentes leads Valparaiso mayoral count with 80% tallied",
             note="Updates with partial results", drop=[0, 1], top=[
            "Independent candidate Carla Fuentes held a lead of almost five points over conservative Rodrigo "
            "Alarcon with 80% of votes counted in a special election for mayor of Valparaiso, the electoral "
            "service said early on Wednesday.",
            "Fuentes had 52.4% against 47.6% for Alarcon.",
        ]),
        lead(230, "Former student leader Fuentes wins Valparaiso mayoral election",
             note="Adds final results, Alarcon concession, Fuentes comments", drop=[0, 1], top=[
            "Former student leader Carla Fuentes won a special election for mayor of the Chilean port city of "
            "Valparaiso, final results showed on Wednesday, beating conservative former senator Rodrigo Alarcon "
            "by more than five points.",
            "Fuentes, 38, took 52.8% of the vote. Alarcon, 61, conceded defeat in a speech to supporters shortly "
            "after midnight.",
            "\"Valparaiso has chosen to look forward,\" Fuentes told a crowd in the city's Plaza Sotomayor.",
        ]),
    ]),
    FP("Chile-vote-Valparaiso", "Former student leader ahead in Chilean port city vote", [
        "A 38-year-old former student leader was heading for victory in a special mayoral election in Chile's "
        "port city of Valparaiso on Tuesday, partial results showed.",
        "Carla Fuentes, an independent backed by left-wing groups, had around 52 percent with just over half of "
        "votes counted, against around 48 percent for former senator Rodrigo Alarcon.",
        "The election was called after the previous mayor stepped down for health reasons in May.",
        "Valparaiso, a UNESCO World Heritage site famous for its colourful hillside houses, is Chile's main "
        "port and the seat of the national Congress.",
    ], at=60, steps=[
        lead(220, "Former student leader wins mayoral vote in Chile's Valparaiso", note="ADDS final results, concession", top=[
            "Former student leader Carla Fuentes won a special election for mayor of Chile's port city of "
            "Valparaiso, beating former senator Rodrigo Alarcon with 52.8 percent of the vote, final results "
            "showed Wednesday.",
            "Alarcon conceded shortly after midnight.",
        ], drop=[0, 1]),
    ]),
    AP("BC-LT--Chile-Election", "Former student protest leader elected mayor of Chile's Valparaiso", [
        "A former student protest leader has won a special election to become mayor of Valparaiso, the Chilean "
        "port city known for its steep hills and brightly painted houses.",
        "Carla Fuentes, a 38-year-old independent, won 52.8% of the vote, according to official results "
        "released early Wednesday. Her rival, conservative former Sen. Rodrigo Alarcon, conceded.",
        "Fuentes campaigned on promises to fix the city's overburdened trash collection and to protect its "
        "historic center from fires, which have destroyed hundreds of homes in recent years.",
        "Turnout was about 41%.",
    ], at=170, steps=[resend(5)]),
)

ev("weather-satellite-launch", "2019-08-07 20:50", ("KOUROU, French Guiana", "KOUROU", "Kourou"), "science",
    FP("Space-Europe-weather-satellite", "Europe launches next-generation weather satellite", [
        "A Russian Soyuz rocket blasted off from Europe's spaceport in French Guiana on Wednesday carrying a new "
        "European weather satellite designed to sharpen forecasts of storms and heatwaves.",
        "The Meridian-3 satellite, built for the European meteorological satellite organisation EUMETSAT, is "
        "due to separate from the rocket's upper stage about an hour after lift-off.",
        "It will join two older satellites in a polar orbit around 820 kilometres (510 miles) above the Earth, "
        "scanning the whole planet twice a day.",
        "The satellite cost around 700 million euros to build and launch, according to EUMETSAT.",
    ], at=10, urgent=("Soyuz lifts off from Kourou with European weather satellite",
                      "A Soyuz rocket carrying a European weather satellite lifted off from Kourou in French "
                      "Guiana on Wednesday, launch operator Arianespace said."),
    steps=[lead(75, "New European weather satellite reaches orbit", note="ADDS satellite separation, first signal", top=[
        "A new European weather satellite successfully reached orbit on Wednesday after lifting off from French "
        "Guiana on a Soyuz rocket, launch operator Arianespace said.",
        "Ground controllers in Darmstadt, Germany, received the first signals from Meridian-3 about 70 minutes "
        "after launch, EUMETSAT said.",
    ])]),
    RT("SPACE-EUROPE/WEATHER", "Soyuz launches European weather satellite from French Guiana", [
        "A Soyuz rocket carrying the Meridian-3 European weather satellite lifted off from the Kourou space "
        "centre in French Guiana on Wednesday, launch services company Arianespace said.",
        "The 4.1-tonne satellite will provide temperature and humidity measurements used by weather services "
        "across Europe.",
        "It was Arianespace's sixth launch of the year.",
    ], at=30),
    DPA("Space-Europe-Weather-Satellite", "German-built instrument flies on new European weather satellite", [
        "A weather satellite carrying an instrument built in Germany was launched on Wednesday evening from the "
        "European spaceport in Kourou, French Guiana, the EUMETSAT agency in Darmstadt said.",
        "The infrared sounder on board Meridian-3 was developed at a plant near Friedrichshafen on Lake "
        "Constance and will measure temperature at different heights in the atmosphere.",
        "The German Weather Service said the data would improve forecasts of heavy rain and thunderstorms.",
    ], at=45, place="Darmstadt"),
)

ev("steeplechase-record", "2019-08-07 19:40", ("GOTHENBURG, Sweden", "GOTHENBURG", "Gothenburg"), "sport",
    FP("Athletics-SWE-steeple-record", "Uganda's Nakato smashes steeplechase world record", [
        "Uganda's Esther Nakato set a world record in the women's 3,000 metres steeplechase on Wednesday, "
        "clocking 8min 43.91sec at a meeting in Gothenburg.",
        "The 23-year-old broke the previous record by 0.41 seconds, pulling clear of the field with two laps to "
        "go.",
        "\"I knew I was in good shape, but I did not expect this tonight,\" said Nakato, who finished fifth at "
        "last year's African Championships.",
        "The world championships in Doha begin next month.",
    ], at=10),
    RT("ATHLETICS-SWEDEN/", "Athletics-Nakato breaks women's steeplechase world record in Gothenburg", [
        "Ugandan Esther Nakato broke the women's 3,000 metres steeplechase world record on Wednesday, winning "
        "in 8:43.91 at a meeting in Gothenburg.",
        "Nakoto, 23, ran alone over the final 800 metres and crossed the line more than four seconds ahead of "
        "her nearest rival.",
        "She becomes the first Ugandan woman to hold a world record on the track.",
        "The record must be ratified by the sport's governing body.",
    ], at=25, steps=[refile(20, note="Refiles to fix spelling of name in paragraph 2", fix=("Nakoto", "Nakato"))]),
    AP("BC-ATH--Sweden-Steeplechase", "Ugandan runner Nakato sets steeplechase world record", [
        "Esther Nakato of Uganda set a world record in the women's 3,000-meter steeplechase at a meet in "
        "Gothenburg on Wednesday, finishing in 8 minutes, 43.91 seconds.",
        "Nakato took the lead after the water jump on the fifth lap and was never challenged.",
        "The 23-year-old had never run faster than 9:02 before this season.",
    ], at=50),
)

ev("ghana-power-protest", "2019-08-06 09:50", ("ACCRA, Ghana", "ACCRA", "Accra"), "politics",
    FP("Ghana-protest-energy", "Ghana police fire tear gas at protest over power cuts", [
        "Ghanaian police fired tear gas on Tuesday to disperse thousands of people protesting in the capital "
        "Accra against weeks of power cuts that have crippled small businesses.",
        "Demonstrators dressed in red and black and carrying candles and torches tried to march towards the "
        "presidency at Jubilee House before police blocked the road, an AFP correspondent saw.",
        "\"We pay our bills and we sit in darkness,\" said Abena Owusu, a 34-year-old hairdresser who said she "
        "had lost half her customers.",
        "The state power distributor blames the cuts on low water levels at the Akosombo dam and a shortage of "
        "gas for thermal plants.",
    ], at=20, steps=[
        lead(210, "Dozens arrested as Ghana power cut protest turns violent",
             note="ADDS arrests, police and government comments", top=[
            "Police in Ghana arrested 32 people on Tuesday after clashes at a protest in Accra against weeks of "
            "power cuts, as the government promised to restore regular supply within a month.",
            "Police spokeswoman Efua Sarpong said officers had used tear gas after some protesters threw stones.",
        ], add=[
            "The energy ministry said in a statement that a new gas supply agreement would allow thermal plants "
            "to run at full capacity by early September.",
        ]),
    ]),
    RT("GHANA-PROTESTS/", "Ghana police tear-gas Accra protesters angry over power cuts", [
        "Police in Ghana fired tear gas and water cannon on Tuesday at thousands of protesters in Accra "
        "demanding an end to rolling power cuts that have hit homes and businesses for weeks.",
        "Organisers from the Citizens' Power Movement said more than 10,000 people took part. Police did not "
        "give an estimate.",
        "The blackouts, known locally as \"dumsor\", have returned this year after a long period of stable "
        "supply, angering voters ahead of elections due next year.",
    ], at=70),
    AP("BC-AF--Ghana-Protest", "Police disperse Ghana protest over blackouts with tear gas", [
        "Police in Ghana's capital used tear gas Tuesday to break up a march by thousands of people angry about "
        "frequent power outages.",
        "Protesters carrying flashlights and candles chanted \"Light off, government off\" as they approached "
        "the president's office in Accra.",
        "Dozens of people were arrested, police said.",
        "Ghana, one of West Africa's more stable democracies, suffered years of blackouts earlier this decade.",
    ], at=170, steps=[resend(15)]),
)

ev("diesel-supplier-fine", "2019-08-07 07:50", ("STUTTGART, Germany", "STUTTGART", "Stuttgart"), "crime",
    DPA("Germany-Cars-Diesel-Fine", "Car parts supplier Kessler fined 95 million euros over diesel software", [
        "German car parts supplier Kessler Automotive has been fined 95 million euros over its role in the "
        "diesel emissions scandal, Stuttgart prosecutors said on Wednesday.",
        "The company had supplied engine control software that allowed vehicles to detect when they were being "
        "tested and reduce emissions only then, the prosecutors said.",
        "Kessler said it accepted the fine and would not appeal. The company has set aside money for legal "
        "risks.",
        "The investigation into individual employees is continuing.",
    ], at=10),
    RT("KESSLER-EMISSIONS/FINE", "German supplier Kessler fined 95 mln euros in diesel probe", [
        "German auto supplier Kessler Automotive has agreed to pay a 95 million euro ($106 million) fine to end "
        "a prosecutors' investigation into its role in the diesel emissions scandal, the company said on "
        "Wednesday.",
        "Stuttgart prosecutors said Kessler employees had helped develop software used in diesel engines "
        "between 2008 and 2015 that switched off emissions controls outside laboratory tests.",
        "The fine consists of a 5 million euro penalty and 90 million euros in disgorged profits, the "
        "prosecutors said.",
    ], at=30, steps=[
        lead(150, "Kessler shares rise as 95 mln euro diesel fine removes uncertainty",
             note="Adds share move, analyst comment", top=[
            "Shares in German auto supplier Kessler Automotive rose 3% on Wednesday after it agreed to pay a 95 "
            "million euro ($106 million) fine to settle a diesel emissions investigation, an amount analysts "
            "said was lower than feared.",
        ], add=["\"The market had priced in something closer to 200 million euros,\" said an analyst at a "
                "Frankfurt bank."]),
    ]),
    AP("BC-EU--Germany-Diesel Fine", "German auto supplier fined $106 million in diesel scandal", [
        "German prosecutors have fined auto parts supplier Kessler Automotive 95 million euros ($106 million) "
        "for its role in the diesel emissions cheating scandal.",
        "Prosecutors in Stuttgart said Wednesday that the company supplied software for engines that could "
        "recognize when a car was being tested and turn emissions controls on only then.",
        "Volkswagen admitted in 2015 to using such software in millions of cars, and several other carmakers "
        "and suppliers have since faced investigations.",
    ], at=220),
)

ev("niamey-floods", "2019-08-07 06:00", ("NIAMEY, Niger", "NIAMEY", "Niamey"), "disaster",
    FP("Niger-weather-floods", "Floods kill 14 in Niger capital", [
        "At least 14 people have died in flash floods that swept through Niger's capital Niamey after "
        "torrential overnight rain, the civil protection service said on Wednesday.",
        "More than 2,000 homes, most built of mud brick, collapsed in several districts near the River Niger, "
        "leaving thousands of people homeless.",
        "\"The water came into the house in the middle of the night. We saved the children but lost everything "
        "else,\" said Moussa Garba, a father of five.",
        "Niger, one of the world's poorest countries, is hit by deadly floods almost every rainy season.",
    ], at=10, steps=[
        lead(260, "Niger floods toll rises to 19, government appeals for help", note="ADDS new toll, government appeal", top=[
            "The death toll from flash floods in Niger's capital Niamey rose to 19 on Wednesday, and the "
            "government appealed for international help for thousands of people left homeless.",
        ], add=["Forecasters have warned that the River Niger could rise further in the coming weeks as rain "
                "continues upstream in Mali and Guinea."]),
    ]),
    RT("NIGER-FLOODS/", "Flash floods kill at least 19 in Niger's capital", [
        "Flash floods have killed at least 19 people in Niger's capital Niamey and destroyed more than 2,000 "
        "homes, the government said on Wednesday.",
        "The humanitarian affairs ministry said it was housing displaced families in schools and had requested "
        "tents and food from aid agencies.",
        "Heavy rain across the Sahel this season has also caused deadly flooding in neighbouring Mali and "
        "Burkina Faso.",
    ], at=300),
)

ev("bali-volcano", "2019-08-06 22:40", ("DENPASAR, Indonesia", "JAKARTA", "Denpasar"), "disaster",
    RT("INDONESIA-VOLCANO/", "Bali's Mount Agung erupts, spewing ash 2 km into the sky", [
        "Mount Agung on the Indonesian resort island of Bali erupted on Wednesday morning, sending a column of "
        "ash about 2,000 metres (6,560 feet) into the sky, the country's volcanology agency said.",
        "The agency kept the alert status at the second-highest level and told residents and tourists to stay "
        "at least 4 km (2.5 miles) from the crater.",
        "There were no immediate reports of casualties. Officials at Bali's Ngurah Rai international airport "
        "said they were monitoring the direction of the ash cloud.",
        "Indonesia sits on the Pacific \"Ring of Fire\" and has about 130 active volcanoes.",
    ], at=10, urgent="Indonesia's Mount Agung on Bali erupts, ash column 2 km high - volcanology agency", steps=[
        lead(160, "Bali airport shut as Mount Agung ash cloud drifts south",
             note="Adds airport closure, flight cancellations", top=[
            "Bali's international airport closed on Wednesday after an eruption at Mount Agung sent ash drifting "
            "over the south of the island, stranding thousands of travellers at the height of the tourist season.",
            "Airport officials said 118 flights had been cancelled or diverted, including services to Australia, "
            "Singapore and Jakarta.",
        ], add=["Airlines said they would resume flights once aviation authorities confirmed the ash had cleared."]),
    ]),
    FP("Indonesia-volcano-Bali", "Bali volcano erupts, sending ash high into sky", [
        "Bali's Mount Agung erupted on Wednesday, spewing a thick column of ash two kilometres into the sky and "
        "raining debris on villages on the volcano's slopes, officials said.",
        "\"We heard a boom and then the sky went grey,\" said Ketut Sudarma, a farmer in the village of Besakih "
        "on the mountain's southwestern flank.",
        "Indonesia's disaster agency said there were no reports of injuries and urged residents to wear masks.",
        "Agung's last major eruption, in 1963, killed around 1,100 people.",
    ], at=35, steps=[
        resend(10),
        lead(200, "Thousands stranded as Bali volcano ash closes airport", note="ADDS airport closure, stranded travellers", top=[
            "Thousands of holidaymakers were stranded on Wednesday after Bali's international airport was closed "
            "because of ash from an eruption at Mount Agung.",
        ], add=["Hotels near the airport said they were offering discounted rooms to stranded guests."]),
    ]),
    AP("BC-AS--Indonesia-Volcano", "Volcano on Indonesia's Bali erupts, spewing ash", [
        "Mount Agung on Indonesia's tourist island of Bali erupted Wednesday, shooting ash 2 kilometers (more "
        "than a mile) into the air and forcing the closure of the island's international airport.",
        "The eruption began shortly after 6:30 a.m. and lasted several minutes, the Center for Volcanology and "
        "Geological Hazard Mitigation said.",
        "Officials extended a no-go zone around the crater and handed out masks to villagers.",
        "Tens of thousands of people were evacuated in 2017 when Agung rumbled back to life after decades of "
        "inactivity.",
    ], at=110, steps=[
        lead(330, "Bali airport reopens after volcano ash forced closure", note="UPDATES with airport reopening.", top=[
            "Bali's international airport reopened Wednesday afternoon after a six-hour closure caused by an "
            "eruption of Mount Agung, as winds pushed the ash cloud away from the island's south.",
            "More than 100 flights were canceled or diverted while the airport was closed, affecting about "
            "20,000 travelers, an airport spokesman said.",
        ]),
    ]),
    DPA("Indonesia-Volcano-Tourists", "German tourists stuck in Bali after volcano eruption", [
        "Hundreds of German holidaymakers were among thousands of travellers stranded on Bali on Wednesday "
        "after an eruption at Mount Agung closed the island's airport for several hours.",
        "The German tour operators' association said its members were rebooking customers on later flights.",
        "The airport reopened in the afternoon local time.",
    ], at=380),
    rewrites=[
        DW(480, "Bali volcano eruption disrupts flights", [
            "Ash from an eruption of Mount Agung on the Indonesian island of Bali has forced the temporary "
            "closure of the island's international airport. Thousands of tourists were stranded.",
            ("AFP", "Bali's Mount Agung erupted on Wednesday, spewing"),
            ("Reuters", "Airport officials said 118 flights"),
            ("AFP", "Agung's last major eruption"),
            ("Reuters", "Indonesia sits on the Pacific"),
        ], "se/aw (AFP, Reuters)", ["AFP", "Reuters"]),
        NL(640, "Bali airport reopens after volcano blows", [
            "Travellers heading to Bali faced hours of delays on Wednesday after Mount Agung erupted and ash shut "
            "the island's airport for six hours.",
            ("AP", "Bali's international airport reopened"),
            ("AFP", "\"We heard a boom"),
            ("AP", "Tens of thousands of people were evacuated in 2017"),
        ], "Material from AP and AFP was used in this report.", ["AP", "AFP"]),
    ],
)

ev("utrecht-art-theft", "2019-08-07 05:50", ("UTRECHT, Netherlands", "AMSTERDAM", "Utrecht"), "crime",
    FP("Netherlands-art-crime", "Thieves steal Dutch Golden Age painting from Utrecht museum", [
        "Thieves broke into a museum in the Dutch city of Utrecht overnight and stole a 17th-century still life "
        "attributed to Willem Claesz Heda, police said on Wednesday.",
        "The burglars entered the Oudegracht Museum through a skylight at around 3:15 am (0115 GMT), setting off "
        "the alarm, and fled before officers arrived four minutes later.",
        "The museum said the painting, \"Still Life with a Silver Ewer\", was insured, but declined to give its "
        "value. Dutch media estimated it at around three million euros.",
        "\"This is a painful loss, not only for us but for everyone who loves this period,\" museum director "
        "Anneke Visser said.",
    ], at=30, steps=[
        lead(220, "Dutch police hunt scooter thieves after Golden Age painting stolen",
             note="ADDS police appeal, details of escape", top=[
            "Dutch police on Wednesday appealed for witnesses after thieves stole a 17th-century still life from "
            "a museum in Utrecht and escaped on a motor scooter.",
            "A witness saw two people dressed in black ride off along the canal with a large package shortly "
            "after the alarm went off, police said.",
        ]),
    ]),
    RT("NETHERLANDS-ART/THEFT", "Thieves steal 17th-century Dutch still life from Utrecht museum", [
        "Thieves stole a 17th-century still life painting from a museum in the Dutch city of Utrecht early on "
        "Wednesday, police said, the latest in a string of art thefts from small Dutch museums.",
        "The painting, attributed to Haarlem master Willem Claesz Heda, was taken from the Oudegracht Museum "
        "after thieves forced open a skylight.",
        "Art thieves in the Netherlands have increasingly targeted smaller museums with less security, experts "
        "say.",
    ], at=100),
    AP("BC-EU--Netherlands-Art Theft", "Thieves grab Golden Age still life in Dutch museum heist", [
        "Thieves smashed their way into a Dutch museum before dawn Wednesday and made off with a 17th-century "
        "still life painting in a raid that lasted less than four minutes, police said.",
        "The painting taken from the Oudegracht Museum in Utrecht, \"Still Life with a Silver Ewer,\" is "
        "attributed to Willem Claesz Heda, a master of the \"breakfast piece\" still lifes popular in the Dutch "
        "Golden Age.",
        "Police said the thieves came in through a skylight. The alarm went off, but they were gone by the time "
        "officers arrived.",
        "The museum will remain closed on Wednesday.",
    ], at=140, steps=[
        lead(330, "Dutch police detain 2 suspects after Golden Age painting theft", note="UPDATES with 2 suspects detained.", top=[
            "Dutch police detained two men on Wednesday afternoon in connection with the theft of a 17th-century "
            "still life painting from a museum in Utrecht, but said the painting had not been recovered.",
            "The suspects, aged 24 and 31, were arrested at an apartment in the city after tips from the public, "
            "police said.",
        ]),
    ]),
    DPA("Netherlands-Art-Theft", "Golden Age painting stolen from museum in Utrecht", [
        "Thieves have stolen a valuable 17th-century painting from a museum in the Dutch city of Utrecht, "
        "police said on Wednesday.",
        "The still life by the Haarlem painter Willem Claesz Heda shows a silver jug, a glass and a half-peeled "
        "lemon on a table.",
        "The museum's collection also includes several works on loan from German collections, which were not "
        "touched, a spokeswoman said.",
    ], at=190),
    rewrites=[
        DW(340, "Dutch Golden Age painting stolen in Utrecht", [
            "A still life from the 17th century has been stolen from a museum in the Dutch city of Utrecht. "
            "Police are looking for two people who fled on a scooter.",
            ("AFP", "The burglars entered the Oudegracht Museum"),
            ("dpa", "The still life by the Haarlem painter"),
            ("AFP", "A witness saw two people dressed in black"),
        ], "kp/dj (AFP, dpa)", ["AFP", "dpa"]),
        # The regional paper's CMS mangled this headline: valid item, hostile text (dashboard escaping demo).
        NL(500, "<img src=x onerror=alert(1)>", [
            "Two men are being held by Dutch police after a 17th-century painting was stolen in a four-minute "
            "raid on a museum in Utrecht.",
            ("AP", "The painting taken from the Oudegracht Museum"),
            ("AP", "The suspects, aged 24 and 31"),
            ("AFP", "\"This is a painful loss"),
        ], "Material from AP and AFP was used in this report.", ["AP", "AFP"]),
    ],
)

ev("peru-bus-crash", "2019-08-06 14:00", ("LIMA, Peru", "LIMA", "Lima"), "disaster",
    AP("BC-LT--Peru-Bus Crash", "Bus plunges into ravine in Peru's Andes, killing 19", [
        "A bus carrying farmworkers and traders plunged about 200 meters (650 feet) into a ravine in Peru's "
        "southern Andes, killing at least 19 people and injuring 22, officials said Tuesday.",
        "The bus was traveling overnight on a winding dirt road between the towns of Santo Tomas and Cusco when "
        "the driver lost control on a curve, the regional police said.",
        "Rescuers and villagers used ropes to haul survivors up the steep slope.",
        "Bus crashes are common in Peru, where many rural roads are narrow and unpaved and drivers often work "
        "long shifts.",
    ], at=5, steps=[
        lead(150, "Death toll in Peru Andes bus crash rises to 21", note="UPDATES with death toll rising to 21, driver detained.", top=[
            "The death toll from a bus crash in Peru's southern Andes rose to 21 on Tuesday after two injured "
            "passengers died in a hospital in Cusco, officials said.",
            "Prosecutors said the driver, who survived with minor injuries, had been detained for questioning.",
        ]),
    ]),
    FP("Peru-accident-bus", "Nineteen dead as bus falls into Peru ravine", [
        "At least 19 people were killed when a bus fell into a ravine in Peru's Cusco region, police said "
        "Tuesday.",
        "The accident happened before dawn in Chumbivilcas province, high in the Andes, on a road used by "
        "traders travelling to Cusco's markets.",
        "The health ministry said 22 injured passengers had been taken to hospitals in Cusco.",
    ], at=40),
    RT("PERU-ACCIDENT/", "Bus crash in Peru's Andes kills 19", [
        "A bus fell into a ravine in Peru's southern Andes, killing 19 people and injuring 22, the government "
        "said on Tuesday.",
        "Transport ministry officials said the cause of the accident on a rural road in the Cusco region was "
        "under investigation.",
        "More than 3,000 people die in road accidents in Peru every year, according to government figures.",
    ], at=90),
)

ev("china-mine-flood", "2019-08-07 01:30", ("BEIJING", "BEIJING", "Beijing"), "disaster",
    RT("CHINA-MINE/ACCIDENT", "Thirteen trapped after flooding at coal mine in China's Guizhou - Xinhua", [
        "Thirteen miners were trapped underground after water flooded a coal mine in China's southwestern "
        "province of Guizhou on Wednesday, state news agency Xinhua said.",
        "The accident happened at about 7 a.m. (2300 GMT Tuesday) at a mine in Liupanshui city while 21 workers "
        "were underground, Xinhua said. Eight managed to escape.",
        "Rescuers were pumping water out of the shaft, and the cause of the flooding was under investigation.",
        "China's coal mines have become safer in recent years, but accidents are still common as operators cut "
        "corners.",
    ], at=10, steps=[
        lead(280, "Four miners rescued alive from flooded China coal mine, nine still trapped",
             note="Adds rescue of four miners", top=[
            "Rescuers pulled four miners alive from a flooded coal mine in southwestern China on Wednesday, state "
            "media said, but nine others were still trapped.",
            "State broadcaster CCTV showed the rescued men being carried out on stretchers with their eyes "
            "covered to protect them from daylight.",
        ]),
    ]),
    FP("China-mine-accident", "13 trapped in flooded China coal mine", [
        "Thirteen coal miners were trapped underground in southwest China on Wednesday after a mine flooded, "
        "state media said.",
        "The accident hit a mine in Guizhou province's Liupanshui, the official Xinhua news agency reported.",
        "China's mining industry has a poor safety record, and officials have closed thousands of small mines "
        "in recent years.",
    ], at=45, steps=[
        resend(8),
        lead(300, "Four pulled alive from flooded China mine", note="ADDS rescue", top=[
            "Four miners were pulled alive from a flooded coal mine in southwest China on Wednesday, state media "
            "reported, while rescuers searched for nine others still trapped.",
        ]),
    ]),
    AP("BC-AS--China-Mine Flood", "13 miners trapped by flooding at coal mine in southwest China", [
        "Flooding at a coal mine in southwestern China trapped 13 miners underground Wednesday, the official "
        "Xinhua News Agency reported.",
        "Eight other miners escaped after water burst into the shaft in Guizhou province's Liupanshui city.",
        "More than 100 rescuers were at the scene.",
    ], at=60),
)

ev("rhine-low-water", "2019-08-07 08:40", ("COLOGNE, Germany", "FRANKFURT", "Koblenz"), "environment",
    DPA("Germany-Rhine-Drought", "Rhine water level falls, barges sail half empty", [
        "Low water on the Rhine is forcing cargo ships to sail with only part of their usual loads, as weeks "
        "without significant rain have left Germany's most important waterway at its lowest level this year.",
        "At the Kaub gauge near Koblenz, a key point for shipping, the water level fell to 78 centimetres on "
        "Wednesday morning, the Federal Waterways and Shipping Administration said.",
        "At that level, large barges can load only about a third of their capacity. Shipping companies have "
        "begun charging low-water surcharges.",
        "Forecasters at the German Weather Service expect little rain in the Rhine basin before next week.",
    ], steps=[
        resend(20),
        lead(240, "Rhine low water hits industry as levels keep falling", note="Adds industry association comment", top=[
            "German industry warned on Wednesday that falling water levels on the Rhine could disrupt supplies "
            "of coal, fuel and chemicals if the dry spell continues.",
            "\"If Kaub falls below 50 centimetres, many companies will have to switch to rail and road, and "
            "there is not enough capacity for that,\" a spokesman for the German inland shipping association "
            "said.",
        ]),
    ]),
    RT("GERMANY-RHINE/SHIPPING", "Low Rhine water levels curb German barge shipments", [
        "Low water levels on the Rhine river in Germany are preventing barges from sailing fully loaded, raising "
        "freight costs for oil products, coal and grain, commodity traders said on Wednesday.",
        "The water level at Kaub, a chokepoint west of Frankfurt, fell to 78 cm on Wednesday, according to the "
        "German waterways office. Vessels typically need about 1.5 metres to sail fully loaded.",
        "In 2018, a months-long drought left parts of the Rhine almost impassable and forced some chemical and "
        "steel plants to cut output.",
    ], at=60),
    rewrites=[
        DW(420, "Low water on the Rhine: barges sail half empty", [
            "Weeks of dry weather have left Germany's most important waterway running low. Cargo ships on the "
            "Rhine can only carry part of their normal loads.",
            ("dpa", "At the Kaub gauge near Koblenz"),
            ("Reuters", "The water level at Kaub, a chokepoint"),
            ("dpa", "\"If Kaub falls below 50 centimetres"),
            ("Reuters", "In 2018, a months-long drought"),
        ], "hg/ng (dpa, Reuters)", ["dpa", "Reuters"]),
    ],
)

ev("romania-measles", "2019-08-06 11:40", ("BUCHAREST, Romania", "BUCHAREST", "Bucharest"), "health",
    FP("Romania-health-measles", "Romanian county declares measles epidemic", [
        "Health authorities in Romania's northeastern Suceava county declared a measles epidemic on Tuesday "
        "after recording 240 cases in two months, most of them in unvaccinated children.",
        "Two children under the age of two have died, the county public health directorate said.",
        "Romania has one of the lowest measles vaccination rates in the European Union, which doctors blame on "
        "poor access to family doctors in rural areas and anti-vaccine campaigns online.",
        "The government has proposed making some childhood vaccinations compulsory, but the bill has stalled in "
        "parliament.",
    ], steps=[resend(40)]),
    RT("ROMANIA-HEALTH/MEASLES", "Romania's Suceava declares measles epidemic after two child deaths", [
        "Romania's Suceava county declared a measles epidemic on Tuesday after two young children died and 240 "
        "people were infected since June, local health officials said.",
        "Officials said they would open extra vaccination centres and send mobile teams to villages with low "
        "immunisation rates.",
        "The World Health Organization says measles cases in Europe have risen sharply in recent years as "
        "vaccination coverage has fallen in some countries.",
    ], at=75),
)

ev("mali-hostages-freed", "2019-08-07 14:30", ("BAMAKO, Mali", "BAMAKO", "Bamako"), "conflict",
    FP("Mali-unrest-kidnapping", "Swiss, Belgian aid workers freed in Mali after seven months", [
        "A Swiss and a Belgian aid worker who were kidnapped in central Mali in January have been freed and are "
        "in good health, the Malian government said Wednesday.",
        "Swiss nurse Anna Keller, 41, and Belgian logistician Pieter Claes, 36, were seized by gunmen on January "
        "12 near the town of Djenne while working for a medical charity.",
        "A government statement said they had been released \"thanks to the efforts of Malian security "
        "services\" and would be flown to Bamako. It did not say who had held them.",
        "Jihadist groups linked to Al-Qaeda and the Islamic State group are active in central Mali, where "
        "kidnappings of foreigners have become more frequent.",
    ], at=10, urgent=("Two foreign aid workers freed in Mali: government",
                      "Two foreign aid workers kidnapped in central Mali in January have been freed, Mali's "
                      "government said Wednesday."),
    steps=[lead(150, "Freed aid workers arrive in Bamako, Switzerland thanks Mali",
                note="ADDS arrival in Bamako, Swiss foreign ministry", top=[
        "Two aid workers held hostage for seven months in central Mali arrived in Bamako on Wednesday evening, "
        "where they were greeted at the airport by Mali's prime minister.",
        "Switzerland's foreign ministry thanked the Malian authorities for their help in securing the release.",
    ])]),
    RT("MALI-SECURITY/HOSTAGES", "Mali says Swiss, Belgian aid workers kidnapped in January freed", [
        "Two aid workers, one Swiss and one Belgian, who were kidnapped in central Mali seven months ago have "
        "been freed, Mali's government said on Wednesday.",
        "The two were abducted in January near Djenne, in the Mopti region, where Islamist militants and ethnic "
        "militias have killed hundreds of civilians this year.",
        "The statement did not say whether a ransom had been paid.",
    ], at=40, steps=[resend(20)]),
    AP("BC-AF--Mali-Hostages", "Mali: 2 foreign aid workers freed after months in captivity", [
        "Two foreign aid workers kidnapped in Mali in January have been released, the West African nation's "
        "government said Wednesday.",
        "Anna Keller of Switzerland and Pieter Claes of Belgium were abducted near the central town of Djenne, "
        "known for its mud-brick Great Mosque.",
        "No group had claimed responsibility for the kidnapping.",
    ], at=80),
    rewrites=[
        DW(300, "Mali: Kidnapped aid workers freed", [
            "A Swiss and a Belgian aid worker held captive in Mali for seven months are free. The two were "
            "abducted in the center of the country in January.",
            ("AFP", "Swiss nurse Anna Keller, 41"),
            ("Reuters", "The two were abducted in January near Djenne"),
            ("AFP", "Jihadist groups linked to Al-Qaeda"),
        ], "dr/aw (AFP, Reuters)", ["AFP", "Reuters"]),
    ],
)

ev("honduras-prison-escape", "2019-08-06 09:10", ("TEGUCIGALPA, Honduras", "TEGUCIGALPA", "Tegucigalpa"), "crime",
    AP("BC-LT--Honduras-Prison Escape", "21 inmates escape Honduras prison through tunnel", [
        "Twenty-one inmates escaped from a prison in northern Honduras through a tunnel dug under a cell block, "
        "authorities said Tuesday.",
        "The National Penitentiary Institute said the escape from the prison near La Ceiba was discovered during "
        "a headcount at dawn. Six of the men had been recaptured by midmorning.",
        "Most of the escaped inmates were members of gangs serving sentences for murder and extortion, officials "
        "said.",
        "The director of the prison and four guards were suspended pending an investigation.",
    ]),
    FP("Honduras-prison-escape", "Gang members escape Honduran prison through tunnel", [
        "Twenty-one prisoners, most of them gang members, escaped through a tunnel from a prison in northern "
        "Honduras overnight, officials said Tuesday.",
        "Police and soldiers set up roadblocks around the Caribbean port city of La Ceiba and had caught six of "
        "the fugitives by Tuesday morning.",
        "Honduras's prisons are notoriously overcrowded and violent, and the government has promised to build "
        "new maximum-security jails.",
    ], at=50),
)

ev("festival-food-poisoning", "2019-08-07 12:10", ("MADRID", "MADRID", "Valencia"), "health",
    FP("Spain-health-festival", "Some 150 fall ill at Spanish music festival", [
        "Around 150 people fell ill with suspected food poisoning at a music festival near Valencia in eastern "
        "Spain, 12 of whom were taken to hospital, regional health officials said Wednesday.",
        "Festival-goers began suffering vomiting and diarrhoea on Tuesday night after eating at the Costa Sonora "
        "festival in the beach town of Cullera, officials said.",
        "Health inspectors closed two food stalls and took samples to test for salmonella.",
        "The festival, which draws around 40,000 people a day, continued on Wednesday.",
    ]),
    RT("SPAIN-HEALTH/FESTIVAL", "Spain investigates suspected salmonella outbreak at music festival", [
        "Spanish health authorities were investigating a suspected salmonella outbreak at a music festival near "
        "Valencia on Wednesday after about 150 people fell ill, 12 of them seriously enough to need hospital "
        "treatment.",
        "The Valencia regional health department said early evidence pointed to chicken sandwiches served at "
        "one stall.",
        "Organisers of the Costa Sonora festival said they were cooperating fully with the investigation.",
    ], at=60),
    DPA("Spain-Festival-Illness", "Germans among sick at Spanish festival after suspected food poisoning", [
        "Several German visitors were among around 150 people who fell ill at a music festival on Spain's east "
        "coast, the regional health authority said on Wednesday.",
        "Two young women from Cologne were being treated in a hospital in Valencia, a spokeswoman said. Their "
        "condition was not serious.",
        "The authorities suspect salmonella in food sold at the festival site in Cullera.",
    ], at=120),
)

ev("lyon-gas-explosion", "2019-08-07 04:10", ("VILLEURBANNE, France", "PARIS", "Lyon"), "disaster",
    FP("France-accident-explosion", "Three dead in gas blast at apartment block near Lyon", [
        "Three people were killed and around 20 injured when a gas explosion ripped through a five-storey "
        "apartment building in Villeurbanne, near Lyon in southeast France, early Wednesday, firefighters said.",
        "The blast, shortly before 6:00 am (0400 GMT), brought down part of the building's facade and blew out "
        "windows in neighbouring streets.",
        "Some 60 firefighters and search dogs were combing the rubble for possible survivors, the regional fire "
        "service said.",
        "\"I thought it was a bomb. The whole building shook and then there was smoke everywhere,\" said a "
        "resident of the building opposite, who gave her name as Nadia.",
    ], at=15, urgent=("Gas explosion rips through apartment block near Lyon: firefighters",
                      "A gas explosion tore through an apartment building in Villeurbanne near the French city "
                      "of Lyon early on Wednesday, firefighters said."),
    steps=[
        lead(120, "Gas blast near Lyon: residents had reported smell of gas",
             note="ADDS residents reported gas smell, prosecutor opens probe", top=[
            "Residents of an apartment building near Lyon where a gas explosion killed three people early "
            "Wednesday had reported a smell of gas the previous evening, neighbours said, as prosecutors opened "
            "an investigation.",
            "The Lyon prosecutor's office said it was investigating possible involuntary manslaughter.",
        ]),
        lead(330, "Death toll in Lyon-area gas blast rises to four", note="ADDS fourth victim found in rubble", top=[
            "Rescuers found a fourth body in the rubble of an apartment building in Villeurbanne near Lyon on "
            "Wednesday, hours after a gas explosion tore through it, the regional fire service said.",
            "Eighteen people were still in hospital, two of them in a serious condition.",
        ]),
    ]),
    RT("FRANCE-EXPLOSION/", "Gas explosion kills three in French apartment building near Lyon", [
        "A gas explosion destroyed part of an apartment building in Villeurbanne, a suburb of the French city "
        "of Lyon, early on Wednesday, killing three people and injuring about 20, emergency services said.",
        "Firefighters said the blast appeared to have started on the ground floor, and that the building's "
        "upper floors had partly collapsed.",
        "Television footage showed a pile of rubble and twisted metal at the foot of the building, and "
        "residents in dressing gowns standing behind police tape.",
    ], at=50, steps=[
        lead(260, "French prosecutors probe Lyon-area gas blast after residents reported leak",
             note="Adds prosecutor investigation, residents' reports of gas smell", top=[
            "French prosecutors opened a manslaughter investigation on Wednesday after a gas explosion killed "
            "three people in an apartment building near Lyon, where residents said they had reported a smell of "
            "gas the night before.",
            "The gas network operator said it had sent a technician to the building on Tuesday evening and found "
            "no leak. It said it was cooperating with investigators.",
        ]),
    ]),
    AP("BC-EU--France-Explosion", "Gas explosion kills 3 in apartment building in eastern France", [
        "A gas explosion tore through an apartment building near the French city of Lyon before dawn Wednesday, "
        "killing three people and injuring about 20, authorities said.",
        "The blast in Villeurbanne collapsed part of the five-story building and shattered windows across the "
        "street. Firefighters with dogs searched the rubble for people who might be trapped.",
        "Residents told French media they had smelled gas the night before.",
    ], at=90, steps=[resend(12)]),
    rewrites=[
        DW(400, "France: Deadly gas explosion near Lyon", [
            "A gas explosion has destroyed part of an apartment building near the French city of Lyon, killing "
            "at least three people. Residents say they had smelled gas the night before.",
            ("AFP", "The blast, shortly before 6:00 am"),
            ("Reuters", "Television footage showed a pile of rubble"),
            ("AFP", "The Lyon prosecutor's office said"),
            ("Reuters", "The gas network operator said"),
        ], "ed/rs (AFP, Reuters)", ["AFP", "Reuters"]),
    ],
)

ev("airline-pilot-strike", "2019-08-07 03:50", ("COPENHAGEN, Denmark", "COPENHAGEN", "Copenhagen"), "labour",
    RT("SKANDIA-STRIKE/", "Skandia Air pilots strike, grounding 280 flights", [
        "Pilots at Danish carrier Skandia Air began a 48-hour strike on Wednesday over pay and rosters, forcing "
        "the airline to cancel 280 flights and disrupting travel for about 40,000 passengers at the height of "
        "the summer holiday season.",
        "The Danish Airline Pilots Association said talks broke down late on Tuesday after the airline rejected "
        "its demand for a 5% pay rise and more predictable schedules.",
        "Skandia Air, which flies mainly within Scandinavia and to holiday destinations in southern Europe, said "
        "it would try to rebook passengers on other airlines.",
        "Shares in the company fell 4% in early trading in Copenhagen.",
    ], at=10, urgent="Skandia Air cancels 280 flights as pilots strike - company", steps=[
        lead(180, "Skandia Air strike to cost up to 90 mln crowns a day, airline says",
             note="Adds cost estimate, union comment", top=[
            "A pilots' strike at Skandia Air will cost the Danish airline up to 90 million Danish crowns ($13.4 "
            "million) a day, it said on Wednesday, as it cancelled 280 flights and warned that more disruption "
            "was possible.",
            "\"We are ready to talk at any time, but not on the basis of the offer on the table,\" union chairman "
            "Henrik Lund told Reuters.",
        ]),
    ]),
    FP("Denmark-airline-strike", "Pilot strike grounds Danish airline, 40,000 passengers hit", [
        "A 48-hour strike by pilots at Danish airline Skandia Air led to 280 flight cancellations on Wednesday, "
        "affecting around 40,000 passengers, the company said.",
        "Long queues formed at Copenhagen airport as travellers tried to rebook.",
        "The pilots' union is demanding higher pay and better working hours.",
    ], at=60),
    AP("BC-EU--Denmark-Airline Strike", "Pilots' strike grounds Scandinavian airline's flights", [
        "A strike by pilots at Danish carrier Skandia Air grounded hundreds of flights on Wednesday, stranding "
        "thousands of vacationers across Scandinavia and southern Europe.",
        "The airline said 280 flights were canceled on the first day of the 48-hour strike.",
        "The pilots want a raise and more predictable schedules. The airline says their demands would make it "
        "uncompetitive against low-cost rivals.",
    ], at=100, steps=[resend(10)]),
    DPA("Denmark-Aviation-Strike", "Danish pilots' strike hits flights from German airports", [
        "A strike by pilots at the Danish airline Skandia Air also caused cancellations at German airports on "
        "Wednesday, including flights from Hamburg, Berlin and Munich to Copenhagen.",
        "Passengers were advised to check the status of their flights on the airline's website before "
        "travelling to the airport.",
        "Skandia Air is one of the main carriers at Copenhagen airport, which serves as a hub for flights to "
        "Germany and the rest of northern Europe.",
    ], at=140),
    rewrites=[
        NL(600, "Pilot strike strands holidaymakers", [
            "Holidaymakers hoping to fly with Skandia Air this week should check before leaving home: the Danish "
            "airline's pilots are on strike until Friday morning.",
            ("Reuters", "The Danish Airline Pilots Association said talks"),
            ("AP", "The pilots want a raise"),
            ("Reuters", "\"We are ready to talk at any time"),
        ], "With AP, Reuters", ["AP", "Reuters"]),
    ],
)

ev("athens-quake", "2019-08-07 11:15", ("ATHENS, Greece", "ATHENS", "Athens"), "disaster",
    RT("GREECE-QUAKE/", "Moderate earthquake shakes Athens, no immediate reports of injuries", [
        "An earthquake of magnitude 5.1 shook the Greek capital on Wednesday, sending people rushing into the "
        "streets, but there were no immediate reports of injuries, officials said.",
        "The quake struck at 2:13 p.m. (1113 GMT) about 23 km (14 miles) northwest of Athens at a depth of 13 "
        "km, the Athens Geodynamic Institute said.",
        "Mobile phone networks were briefly overloaded and some buildings in the city centre were evacuated as "
        "a precaution.",
    ], at=8, urgent="Earthquake of magnitude 5.1 shakes Athens - Geodynamic Institute", steps=[resend(6)]),
    AP("BC-EU--Greece-Earthquake", "Earthquake rattles Greek capital; no injuries reported", [
        "A moderate earthquake shook Athens on Wednesday afternoon, rattling buildings and sending office "
        "workers and tourists into the streets.",
        "Greece's Geodynamic Institute said the quake had a magnitude of 5.1 and was centered northwest of the "
        "capital.",
        "The fire service said it had received calls about cracks in a few older buildings but no reports of "
        "injuries.",
    ], at=25),
    FP("Greece-quake", "5.1-magnitude quake jolts Athens", [
        "A 5.1-magnitude earthquake struck near Athens on Wednesday, causing panic but no immediate casualties, "
        "officials said.",
        "Office workers poured out of buildings in the city centre, and metro services were briefly halted for "
        "safety checks.",
        "Greece is one of Europe's most seismically active countries.",
    ], at=30, steps=[
        lead(120, "Athens quake damages old buildings, no casualties", note="ADDS damage, seismologist comment", top=[
            "A 5.1-magnitude earthquake that jolted Athens on Wednesday damaged several old buildings and a "
            "church in the suburbs northwest of the capital but caused no casualties, officials said.",
            "Seismologists said the quake was unlikely to be a foreshock of a larger one but warned of "
            "aftershocks.",
        ]),
    ]),
)

ev("marseille-wildfire", "2019-08-07 13:00", ("MARSEILLE, France", "PARIS", "Marseille"), "disaster",
    FP("France-fire", "Wildfire near Marseille forces evacuation of campsites", [
        "A wildfire fanned by strong winds forced the evacuation of some 2,700 people from campsites west of "
        "Marseille on Wednesday, firefighters said.",
        "The blaze broke out in pine forest near the town of Martigues in the early afternoon and quickly spread "
        "towards the coast.",
        "Around 1,000 firefighters backed by water-bombing planes and helicopters were battling the flames.",
    ], steps=[
        lead(240, "Fire near Marseille burns 800 hectares, campers evacuated", note="ADDS area burned, no injuries", top=[
            "A wildfire west of Marseille had burned some 800 hectares by Wednesday evening and forced the "
            "evacuation of 2,700 campers, though no one was hurt, the local authorities said.",
        ]),
    ]),
    RT("FRANCE-WILDFIRE/", "Wildfire near Marseille forces thousands of campers to flee", [
        "Thousands of campers were evacuated on Wednesday as a wildfire swept through woodland near Martigues, "
        "west of the French port city of Marseille, local authorities said.",
        "The fire service said strong mistral winds were making it difficult to contain the blaze.",
        "Southern France has been hit by a series of wildfires this summer after weeks of hot, dry weather.",
    ], at=120),
    AP("BC-EU--France-Wildfire", "Wildfire west of Marseille forces 2,700 to evacuate", [
        "A wildfire driven by strong winds forced about 2,700 people to leave campgrounds near the southern "
        "French city of Marseille on Wednesday.",
        "More than 1,000 firefighters and several water-dropping planes were fighting the fire near Martigues.",
        "No injuries were reported.",
    ], at=180),
)

ev("eu-lighting-cartel", "2019-08-07 10:00", ("BRUSSELS", "BRUSSELS", "Brussels"), "economy",
    RT("EU-ANTITRUST/AUTOPARTS", "EU fines car lighting makers 368 mln euros for cartel", [
        "EU antitrust regulators fined three car lighting suppliers a total of 368 million euros ($412 million) "
        "on Wednesday for colluding on prices for headlamps and rear lights sold to carmakers over six years.",
        "Germany's Halberg was fined 176 million euros, Sweden's Nordtec 121 million euros and Italy's Sorelli "
        "71 million euros, the European Commission said.",
        "A fourth company, which alerted the Commission to the cartel, escaped a fine under the EU's leniency "
        "programme.",
        "All three companies admitted wrongdoing and received a 10% reduction in their fines for settling.",
    ], at=5, urgent="EU fines three car parts makers 368 mln euros over lighting cartel", steps=[
        lead(120, "EU fines car lighting makers 368 mln euros; says drivers paid the price",
             note="Adds Commission comments, company reactions", top=[
            "The European Commission fined three car lighting makers 368 million euros ($412 million) on "
            "Wednesday for running a cartel that it said had raised the price of cars for European consumers.",
            "\"Car parts cartels hurt carmakers, and in the end they hurt everyone who buys a car,\" the "
            "Commission said in a statement.",
        ], add=["Halberg said it had set aside provisions for the fine and had since overhauled its compliance rules."]),
    ]),
    FP("EU-competition-auto", "EU fines three car parts firms for lighting cartel", [
        "The European Union on Wednesday fined three car parts manufacturers a total of 368 million euros for "
        "running a cartel in headlamps and rear lights between 2010 and 2016.",
        "The companies, from Germany, Sweden and Italy, coordinated their bids to carmakers and exchanged "
        "sensitive information, the European Commission said.",
        "It is the latest in a series of EU cases targeting car parts suppliers.",
    ], at=40, steps=[resend(15)]),
    DPA("EU-Competition-Cars", "EU fines German supplier Halberg 176 million euros for cartel", [
        "German car parts supplier Halberg has been fined 176 million euros by the European Commission for its "
        "part in a cartel of makers of car lights.",
        "Two other companies, from Sweden and Italy, were also fined, bringing the total to 368 million euros.",
        "Halberg said it accepted the decision.",
    ], at=55),
)

ev("brussels-farmers-protest", "2019-08-07 07:30", ("BRUSSELS", "BRUSSELS", "Brussels"), "politics",
    FP("EU-Mercosur-farm-protest", "Farmers drive tractors into Brussels to protest EU trade deal", [
        "Hundreds of farmers drove their tractors into Brussels on Wednesday, blocking roads around the European "
        "Union's headquarters to protest against a planned trade deal with South America's Mercosur bloc.",
        "Police said around 900 tractors had entered the city, causing long traffic jams on the ring road during "
        "the morning rush hour.",
        "Farmers from Belgium, France and Ireland say the deal will flood Europe with cheap beef and poultry "
        "produced to lower standards.",
        "\"We are not against trade. We are against unfair competition,\" said Luc Vandamme, a dairy farmer from "
        "West Flanders.",
    ], at=10, steps=[
        lead(240, "Police use water cannon as farmers' protest in Brussels turns rowdy",
             note="ADDS water cannon, EU comment", top=[
            "Belgian police used water cannon on Wednesday against farmers who set fire to straw bales and threw "
            "eggs near the EU's headquarters during a protest against a trade deal with South America.",
            "An EU spokesman said the agreement contained strong safeguards for European farmers and that food "
            "safety standards would not be lowered.",
        ]),
    ]),
    RT("EU-TRADE/FARMERS", "Farmers block Brussels with tractors in protest at Mercosur trade deal", [
        "European farmers blocked streets in central Brussels with hundreds of tractors on Wednesday in protest "
        "at a free trade deal between the European Union and the Mercosur group of South American countries.",
        "The protest, organised by farm unions from several EU countries, coincided with a meeting of EU trade "
        "officials.",
        "The deal, agreed in principle in June after 20 years of negotiations, still has to be ratified by EU "
        "governments and the European Parliament.",
    ], at=60),
    DPA("EU-Farmers-Protest", "Tractor protest paralyses Brussels traffic", [
        "Farmers protesting against an EU trade agreement with South American countries brought traffic in "
        "Brussels to a standstill on Wednesday.",
        "German farmers' representatives also took part, a spokesman for the German Farmers' Association said "
        "in Berlin.",
        "Belgian authorities had advised commuters to use public transport.",
    ], at=90),
    rewrites=[
        DW(330, "Farmers bring tractors to Brussels over EU-Mercosur deal", [
            "Hundreds of farmers have driven their tractors to the heart of Brussels. They fear competition from "
            "South American beef and poultry under a new trade agreement.",
            ("AFP", "Police said around 900 tractors"),
            ("AFP", "Farmers from Belgium, France and Ireland"),
            ("dpa", "German farmers' representatives also took part"),
            ("AFP", "Belgian police used water cannon"),
        ], "ipj/se (AFP, dpa)", ["AFP", "dpa"]),
    ],
)

ev("german-industrial-output", "2019-08-07 06:00", ("BERLIN", "BERLIN", "Berlin"), "economy",
    RT("GERMANY-ECONOMY/OUTPUT", "German industrial output falls more than expected in June", [
        "German industrial output fell more than expected in June, data showed on Wednesday, adding to signs "
        "that Europe's largest economy may have shrunk in the second quarter as trade tensions hit "
        "manufacturers.",
        "Industrial output dropped 1.1% on the month after a revised increase of 0.2% in May, the Federal "
        "Statistics Office said. A Reuters poll of analysts had pointed to a fall of 0.4%.",
        "On the year, output was down 4.2%.",
    ], at=2, urgent="German June industrial output -1.1% m/m vs forecast -0.4%", steps=[
        lead(40, "German industry slumps in June, raising recession fears",
             note="Adds economist comments, ministry statement", top=[
            "German industrial output fell much more than expected in June, data showed on Wednesday, deepening "
            "a slump in the manufacturing sector and raising the risk that Europe's largest economy is heading "
            "into recession.",
        ], add=[
            "\"There is no sign of a turnaround. The industrial recession is getting deeper,\" said Jens "
            "Hartmann, an economist at a Frankfurt bank.",
            "The Economy Ministry said industry was likely to remain weak in the coming months, citing trade "
            "disputes and uncertainty over Britain's exit from the European Union.",
        ]),
        lead(150, "German output slump fuels calls for fiscal stimulus", note="Adds calls for stimulus, bund yields", top=[
            "A sharp fall in German industrial output in June fuelled calls on Wednesday for the government to "
            "loosen its purse strings, as economists warned that Europe's largest economy was likely to have "
            "contracted in the second quarter.",
            "Yields on 10-year German government bonds fell to a record low after the data.",
        ]),
    ]),
    DPA("Germany-Economy-Industry", "German industrial production slumps in June", [
        "German industry produced significantly less in June than in the previous month, the Federal Statistics "
        "Office in Wiesbaden said on Wednesday.",
        "Production in manufacturing, energy and construction fell by 1.1 per cent compared with May. Economists "
        "had expected a smaller decline.",
        "The car industry and machine builders reported the biggest drops.",
    ], at=20, place="Wiesbaden", steps=[
        lead(180, "Economists warn of recession after German output slump", note="Adds reactions", top=[
            "Economists warned on Wednesday that Germany could slide into recession after industrial production "
            "fell sharply in June.",
            "\"Industry is in recession, and it is increasingly dragging the rest of the economy down,\" said the "
            "chief economist of a German savings bank association.",
        ]),
    ]),
    FP("Germany-economy-industry", "German industrial output falls 1.1 percent in June", [
        "German industrial output fell by 1.1 percent in June, official data showed Wednesday, in a fresh sign "
        "of weakness in Europe's biggest economy.",
        "Output was 4.2 percent lower than in June last year, the federal statistics office Destatis said.",
        "Germany's export-dependent manufacturers have been hit by the trade war between the United States and "
        "China and a global slowdown.",
    ], at=60, place="Frankfurt"),
    AP("BC-EU--Germany-Economy", "German industrial output drops, deepening economic worries", [
        "German industrial production fell 1.1% in June from the previous month, official figures showed "
        "Wednesday, increasing fears that Europe's biggest economy is heading into a recession.",
        "Output was down 4.2% compared with a year earlier.",
        "Germany's economy relies heavily on exports, and manufacturers have been hurt by trade conflicts and "
        "slowing demand from China.",
    ], at=150),
)

ev("migraine-drug-study", "2019-08-06 12:00", ("LONDON", "LONDON", "London"), "health",
    AP("BC-US--MED--Migraine Drug", "Experimental shot cut migraine days by half in study", [
        "An experimental monthly shot halved the number of days people with chronic migraine suffered "
        "headaches, according to a study released Tuesday.",
        "In the study of 1,240 adults in the U.S. and Europe, those who got the drug, called velunamab, had an "
        "average of 7 fewer migraine days a month after six months, compared with 3 fewer days for those given "
        "dummy shots.",
        "\"For patients who have tried everything else, this could be life-changing,\" said Dr. Miriam Osei of "
        "a London headache clinic, who led the study.",
        "The drug's maker, Calvex Therapeutics, paid for the study and has asked U.S. and European regulators "
        "to approve it. Side effects were mostly mild, including pain at the injection site.",
        "Migraines affect about 1 in 7 people worldwide and are more common in women.",
    ], embargo=540),
    RT("HEALTH-MIGRAINE/CALVEX", "Calvex migraine drug halves headache days in late-stage study", [
        "Calvex Therapeutics' experimental migraine treatment velunamab cut the number of monthly migraine days "
        "by about half in a late-stage trial, according to results published on Tuesday.",
        "Patients receiving the monthly injection had 7.1 fewer migraine days per month after 24 weeks, against "
        "3.2 fewer days for patients on placebo.",
        "The drug would compete with a new class of migraine treatments launched in the past two years.",
    ], at=545, steps=[
        lead(780, "Calvex shares jump 9% after migraine trial data", note="Adds share move, analyst comment", top=[
            "Shares in Calvex Therapeutics rose 9% on Wednesday after detailed results from a late-stage trial "
            "showed its experimental migraine drug velunamab halved the number of headache days for many "
            "patients.",
        ], add=["Analysts said peak annual sales could reach $1.5 billion if the drug is approved."]),
    ]),
    DPA("Health-Migraine-Study", "New migraine injection shows promise in study", [
        "A new monthly injection against chronic migraine has halved the number of days with headaches for many "
        "patients, according to a study published on Tuesday.",
        "German headache specialists said the results were encouraging but that the drug would have to prove "
        "itself against existing treatments.",
        "The manufacturer, Calvex Therapeutics, has applied for approval in the European Union and the United "
        "States. A decision in Europe is expected next year.",
    ], at=600),
)

ev("croatia-minister-verdict", "2019-08-06 10:20", ("ZAGREB, Croatia", "ZAGREB", "Zagreb"), "crime",
    RT("CROATIA-CORRUPTION/", "Croatian ex-minister Kralj jailed for six years for bribery", [
        "A Zagreb court on Tuesday sentenced former Croatian economy minister Davor Kralj to six years in prison "
        "for taking bribes worth 1.2 million euros ($1.3 million) from a construction company in return for a "
        "motorway contract.",
        "Kralj, who served as minister from 2011 to 2014, denied wrongdoing and said he would appeal.",
        "The court also ordered him to repay the money.",
    ], at=5, steps=[refile(25, note="Refiles to add dropped word in paragraph 2",
                           fix=("denied wrongdoing", "denied any wrongdoing"))]),
    FP("Croatia-corruption-trial", "Former Croatian minister gets six years for corruption", [
        "A Croatian court on Tuesday sentenced former economy minister Davor Kralj to six years in jail for "
        "accepting bribes from a construction firm, in one of the country's biggest corruption cases.",
        "Judge Ivana Maric said Kralj had received 1.2 million euros in cash and favours in exchange for "
        "steering a motorway contract to the company.",
        "Croatia, which joined the European Union in 2013, has been urged by Brussels to step up its fight "
        "against graft.",
    ], at=15, steps=[
        lead(140, "Croatian ex-minister vows appeal after six-year corruption sentence", note="ADDS Kralj comments, reaction", top=[
            "Former Croatian economy minister Davor Kralj vowed on Tuesday to clear his name after a court "
            "sentenced him to six years in prison for taking bribes, calling the verdict \"political\".",
            "\"I will fight this to the highest court,\" Kralj told reporters outside the courtroom.",
        ]),
    ]),
    AP("BC-EU--Croatia-Corruption", "Former Croatian minister sentenced to 6 years for bribery", [
        "A court in Croatia on Tuesday convicted a former economy minister of taking bribes and sentenced him to "
        "six years in prison.",
        "Davor Kralj was found guilty of accepting 1.2 million euros ($1.3 million) from a construction company "
        "that won a contract to build a section of motorway.",
        "The verdict can be appealed.",
    ], at=70),
    DPA("Croatia-Corruption-Verdict", "Former minister in Croatia sentenced to six years in prison", [
        "Former Croatian economy minister Davor Kralj has been sentenced to six years in prison for corruption.",
        "A court in Zagreb found him guilty on Tuesday of taking bribes from a construction company.",
        "According to the court, Kralj received 1.2 million euros in return for helping the company win a "
        "motorway contract. He served as minister from 2011 to 2014.",
        "The verdict is not yet final. Kralj's lawyers announced an appeal.",
    ], at=120),
)

ev("nepal-landslide", "2019-08-06 03:30", ("KATHMANDU, Nepal", "KATHMANDU", "Kathmandu"), "disaster",
    FP("Nepal-weather-landslide", "Landslide kills 11 in Nepal as monsoon rains pound Himalayas", [
        "A landslide triggered by heavy monsoon rain buried several houses in a village in central Nepal, "
        "killing at least 11 people, officials said Tuesday.",
        "Eight people were still missing after the landslide struck the village in Sindhupalchok district before "
        "dawn, district official Ram Bahadur Thapa told AFP.",
        "Rescuers, including soldiers and police, were digging through mud and rocks with shovels and their "
        "hands.",
        "Monsoon rains cause floods and landslides across Nepal every year between June and September.",
    ], steps=[
        lead(180, "Nepal landslide death toll rises to 14", note="ADDS new toll", top=[
            "The death toll from a landslide that buried homes in central Nepal rose to 14 on Tuesday, with five "
            "people still missing, officials said.",
        ]),
    ]),
    AP("BC-AS--Nepal-Landslide", "Landslide buries homes in Nepal, killing 11", [
        "A landslide set off by monsoon rains buried homes in a mountain village northeast of Nepal's capital "
        "early Tuesday, killing at least 11 people, officials said.",
        "Soldiers and villagers were searching for eight people still missing in Sindhupalchok district.",
        "Bad weather has hampered rescue efforts, and helicopters could not fly to the area, officials said.",
    ], at=40, steps=[resend(10)]),
    RT("NEPAL-LANDSLIDE/", "Landslide in Nepal kills 11, eight missing", [
        "A landslide caused by torrential monsoon rains struck a village in central Nepal on Tuesday, killing at "
        "least 11 people and leaving eight missing, police said.",
        "The village is in Sindupalchok district, about 100 km (60 miles) northeast of Kathmandu.",
        "Nepal's monsoon season has killed more than 100 people so far this year, according to government "
        "figures.",
    ], at=100, steps=[refile(15, note="Refiles to fix spelling of district in paragraph 2",
                              fix=("Sindupalchok", "Sindhupalchok"))]),
)

ev("stockholm-ferry-aground", "2019-08-07 17:20", ("STOCKHOLM", "STOCKHOLM", "Stockholm"), "disaster",
    RT("SWEDEN-FERRY/", "Ferry with 312 passengers runs aground in Stockholm archipelago", [
        "A passenger ferry with 312 people on board ran aground in the Stockholm archipelago on Wednesday "
        "evening, the Swedish Maritime Administration said, adding that there were no reports of injuries.",
        "The Baltic Aurora, sailing from Stockholm to the Aland Islands, struck rocks near Vaxholm in thick fog, "
        "the administration said.",
        "Coastguard vessels and rescue boats were standing by, and the ship was not taking on water, it said.",
    ], at=10, steps=[
        lead(100, "Passengers taken off ferry aground near Stockholm, no one hurt",
             note="Adds passengers evacuated, police investigation", top=[
            "All 312 passengers were taken off a ferry that ran aground in fog in the Stockholm archipelago on "
            "Wednesday and brought to shore in smaller boats, Swedish authorities said. No one was hurt.",
            "Police said they had opened a preliminary investigation into possible negligence in navigation, "
            "which is routine after such incidents.",
        ]),
    ]),
    FP("Sweden-accident-ferry", "Baltic ferry runs aground near Stockholm, no injuries", [
        "A ferry carrying more than 300 passengers ran aground in foggy conditions off Stockholm on Wednesday, "
        "Swedish authorities said, with no injuries reported.",
        "The Baltic Aurora hit rocks shortly after leaving the Swedish capital for the Aland Islands, a Finnish "
        "autonomous region.",
        "The Swedish Maritime Administration said visibility in the area had been less than 100 metres when "
        "the ship hit the rocks.",
    ], at=30),
    DPA("Sweden-Ferry-Accident", "Ferry runs aground near Stockholm with more than 300 people on board", [
        "A passenger ferry with more than 300 people on board has run aground off Stockholm in dense fog, the "
        "Swedish Maritime Administration said on Wednesday evening.",
        "There were initially no reports of injuries. It was not known whether any Germans were on board.",
        "The ship, the Baltic Aurora, was on its way from Stockholm to the Aland Islands, which belong to "
        "Finland.",
    ], at=60),
    AP("BC-EU--Sweden-Ferry Aground", "Ferry with 312 aboard runs aground in Swedish archipelago", [
        "A ferry carrying 312 passengers ran aground in thick fog in the Stockholm archipelago Wednesday, "
        "Swedish officials said. No injuries were reported.",
        "The Baltic Aurora was headed to Finland's Aland Islands when it struck rocks near Vaxholm, a town "
        "northeast of Stockholm.",
        "Passengers were taken ashore in smaller boats. The Swedish Maritime Administration said the ship did "
        "not appear to be leaking fuel.",
    ], at=80),
)

ev("alps-plane-crash", "2019-08-07 09:40", ("GENEVA", "ZURICH", "Geneva"), "disaster",
    RT("SWISS-CRASH/", "Four killed as small plane crashes in Swiss Alps", [
        "Four people were killed when a small private plane crashed on a mountainside in the Swiss Alps on "
        "Wednesday, police in the canton of Valais said.",
        "The single-engine aircraft had taken off from Sion airport and crashed at an altitude of about 2,800 "
        "metres near the Aletsch glacier, police said.",
        "The cause of the crash was not yet known. Switzerland's accident investigation board had sent a team "
        "to the site.",
    ], at=20),
    FP("Switzerland-accident-plane", "Four dead in Swiss Alps plane crash", [
        "Four people died when a small tourist plane crashed in the Swiss Alps on Wednesday, local police said.",
        "Rescue helicopters reached the wreckage on a steep slope in the canton of Valais, but there were no "
        "survivors.",
        "The single-engine plane had taken off from Sion airport in the Rhone valley, police said. Swiss "
        "accident investigators were on their way to the scene.",
    ], at=40, steps=[
        lead(180, "Three German tourists among four killed in Swiss plane crash", note="ADDS victims' nationality", top=[
            "Three German tourists and their Swiss pilot were killed when a small plane crashed in the Swiss Alps "
            "on Wednesday, police said.",
            "The plane was on a sightseeing flight over the Aletsch glacier, the largest in the Alps.",
        ]),
    ]),
    DPA("Switzerland-Plane-Crash", "Three Germans killed in plane crash in Swiss Alps", [
        "Three German tourists have died in a plane crash in the Swiss Alps, police in the canton of Valais said "
        "on Wednesday.",
        "The victims were a 58-year-old man, his 55-year-old wife and their 27-year-old son from "
        "Baden-Württemberg, police said. The 63-year-old Swiss pilot was also killed.",
        "The German Foreign Office said it was in contact with the Swiss authorities.",
    ], at=200, place="Sion"),
)

ev("zurich-gold-heist", "2019-08-06 16:40", ("ZURICH", "ZURICH", "Zurich"), "crime",
    FP("Switzerland-crime-gold", "Robbers grab gold from security van at Zurich airport", [
        "Armed robbers stole a shipment of gold from a security van at Zurich airport on Tuesday, police said, "
        "in a raid that lasted only a few minutes.",
        "Three masked men forced the van to stop on an access road to the cargo area and threatened the two "
        "guards with guns before loading the gold into their car, Zurich cantonal police said.",
        "No one was hurt.",
    ]),
    RT("SWISS-ROBBERY/", "Armed robbers steal gold worth millions from van at Zurich airport", [
        "Armed robbers stole gold bars worth several million Swiss francs from a security van at Zurich airport "
        "on Tuesday afternoon, police said.",
        "The gold was being transported from an aircraft to a secure storage facility in the airport's cargo "
        "zone when the van was stopped by three men, police said.",
        "Switzerland is the world's biggest gold refining and trading hub.",
    ], at=30, steps=[
        lead(150, "Getaway car from Zurich airport gold heist found burned out",
             note="Adds discovery of car, value of gold", top=[
            "Police found a burned-out car believed to have been used by robbers who stole gold worth about 5 "
            "million francs ($5.1 million) from a security van at Zurich airport, as they searched for the three "
            "masked men on Tuesday.",
            "The car was discovered in a forest near Kloten, close to the airport.",
        ]),
    ]),
    DPA("Switzerland-Crime-Gold", "Gold robbery at Zurich airport", [
        "Unknown robbers have stolen gold worth millions from a security van at Zurich Airport.",
        "The three perpetrators were armed and masked, Zurich police said on Tuesday. Police were searching for "
        "them near the German border.",
        "According to the police, the robbers stopped the van in the cargo area of the airport and escaped in "
        "a dark estate car.",
    ], at=60),
)

ev("kenya-drought", "2019-08-06 08:20", ("NAIROBI, Kenya", "NAIROBI", "Nairobi"), "environment",
    FP("Kenya-drought-food", "Over a million Kenyans need food aid after failed rains", [
        "More than 1.1 million people in northern and eastern Kenya need emergency food aid after the long rains "
        "failed for the second year in a row, the government's drought agency said on Tuesday.",
        "Livestock herders in Turkana, Marsabit and Wajir counties have lost large numbers of animals, and "
        "malnutrition among children is rising, it said.",
        "Aid groups said funding for the response was far short of what was needed.",
    ]),
    RT("KENYA-DROUGHT/", "Kenya says 1.1 million need food aid as drought bites", [
        "Kenya's National Drought Management Authority said on Tuesday 1.1 million people needed food aid after "
        "poor rains in the arid north and east of the country.",
        "The authority said it would distribute food and water and buy livestock from herders before the "
        "animals died.",
        "Drought has become more frequent in East Africa, which scientists link to climate change.",
    ], at=90),
    AP("BC-AF--Kenya-Drought", "Drought leaves 1.1 million in Kenya needing food aid", [
        "More than 1 million people in Kenya need food aid because of drought, the government said Tuesday.",
        "The worst-affected areas are in the north and east, where many people depend on livestock.",
        "The government said it would truck water to the hardest-hit villages.",
    ], at=140),
)

ev("japan-heatwave", "2019-08-06 06:10", ("TOKYO", "TOKYO", "Tokyo"), "weather",
    AP("BC-AS--Japan-Heat Wave", "Heat wave in Japan sends thousands to hospital", [
        "A heat wave gripping much of Japan has sent more than 18,000 people to hospitals in a week, and at "
        "least 23 have died, the government's fire and disaster agency said Tuesday.",
        "Temperatures reached 38 degrees Celsius (100 degrees Fahrenheit) in parts of central Japan on Tuesday, "
        "the weather agency said.",
        "Many of the victims were elderly people at home without air conditioning.",
        "Organizers of next year's Tokyo Olympics are watching the heat closely and have moved some events to "
        "early morning.",
    ]),
    FP("Japan-weather-heat", "Japan heatwave kills 23 in a week", [
        "A heatwave in Japan has killed at least 23 people in the past week and sent more than 18,000 to "
        "hospital, officials said Tuesday, as temperatures soared above 35 degrees Celsius across much of the "
        "country.",
        "The weather agency warned the heat would continue for several more days and urged people to drink "
        "water and use air conditioning.",
        "Most of the dead were elderly people who collapsed at home or while working in fields, the fire and "
        "disaster management agency said.",
    ], at=50),
)

ev("algeciras-cocaine-seizure", "2019-08-07 09:00", ("MADRID", "MADRID", "Madrid"), "crime",
    FP("Spain-drugs-cocaine", "Spain seizes over four tonnes of cocaine hidden in bananas", [
        "Spanish police have seized more than four tonnes of cocaine hidden in a shipment of bananas from "
        "Ecuador at the southern port of Algeciras, the interior ministry said Wednesday.",
        "Nine people were arrested in Andalusia and Madrid in connection with the haul, one of the biggest this "
        "year.",
        "Spain is a major entry point for cocaine into Europe because of its links with Latin America.",
    ]),
    RT("SPAIN-DRUGS/", "Spain seizes 4.2 tonnes of cocaine in banana shipment", [
        "Spanish police seized 4.2 tonnes of cocaine hidden among bananas in a container at the port of "
        "Algeciras and arrested nine people, the interior ministry said on Wednesday.",
        "The drugs, which police said had a street value of more than 150 million euros, were packed in 140 "
        "bags in a shipment from Ecuador.",
        "Police said the gang used a fruit import company based in Madrid as a front and had been under "
        "investigation for more than a year.",
    ], at=40),
    DPA("Spain-Drugs-Seizure", "Spanish police find cocaine in banana boxes", [
        "Spanish investigators have found more than four tonnes of cocaine in banana boxes at the port of "
        "Algeciras.",
        "The drugs were discovered during a check of a container from Ecuador, the Interior Ministry in Madrid "
        "said on Wednesday.",
        "Nine suspects were arrested. Spain is one of the main gateways for cocaine from South America into "
        "Europe.",
    ], at=80),
    AP("BC-EU--Spain-Cocaine", "Spain: 4.2 tons of cocaine found among bananas at port", [
        "Spanish police found 4.2 metric tons of cocaine hidden in a banana shipment at the southern port of "
        "Algeciras and arrested nine people, authorities said Wednesday.",
        "The Interior Ministry said the cocaine had been shipped from Ecuador.",
        "Police said the gang had used a fruit import company in Madrid as a front.",
    ], at=120),
)

ev("sprinter-doping-ban", "2019-08-06 12:40", ("LAUSANNE, Switzerland", "LONDON", "Lausanne"), "sport",
    RT("ATHLETICS-DOPING/", "Athletics-Swedish sprinter Lindell banned for four years for doping", [
        "Swedish sprinter Marcus Lindell has been banned for four years after testing positive for a synthetic "
        "steroid, the Athletics Integrity Unit said on Tuesday.",
        "The 27-year-old, a European indoor bronze medallist over 60 metres, tested positive in an "
        "out-of-competition test in March. He denied knowingly taking a banned substance.",
        "His results since March have been annulled.",
    ]),
    FP("Athletics-doping-SWE", "Swedish sprinter Lindell banned four years", [
        "Swedish sprinter Marcus Lindell was banned for four years on Tuesday for a doping violation, the "
        "Athletics Integrity Unit said.",
        "Lindell said in a statement that he would appeal to the Court of Arbitration for Sport.",
        "The 27-year-old won bronze over 60 metres at the European indoor championships and had hoped to run "
        "at the world championships in Doha next month.",
    ], at=30),
    AP("BC-ATH--Doping-Lindell", "Swedish sprinter gets 4-year doping ban", [
        "Swedish sprinter Marcus Lindell was banned for four years on Tuesday after testing positive for a "
        "steroid.",
        "The Athletics Integrity Unit said the ban would run until March 2023.",
        "Lindell, 27, tested positive in an out-of-competition test in March. He said he had never knowingly "
        "taken a banned substance.",
    ], at=80),
)

ev("norway-salmon-escape", "2019-08-07 15:20", ("OSLO", "OSLO", "Oslo"), "environment",
    RT("NORWAY-SALMON/", "Some 50,000 farmed salmon escape from Norwegian fish farm", [
        "About 50,000 farmed salmon escaped from a damaged net pen at a fish farm in northern Norway, the "
        "Directorate of Fisheries said on Wednesday, prompting fears for wild salmon stocks.",
        "The farm's operator said a storm had torn a hole in the net.",
        "Escaped farmed salmon can breed with wild fish and spread lice and disease, environmental groups say.",
    ]),
    FP("Norway-environment-fish", "Tens of thousands of salmon escape from Norway fish farm", [
        "Around 50,000 salmon have escaped from a fish farm in northern Norway after a storm damaged a net, "
        "authorities said Wednesday.",
        "Fishermen were given permission to catch the escapees in nearby fjords to limit the damage to wild "
        "stocks.",
        "Norway is the world's largest producer of farmed salmon, and escapes are a major concern for "
        "conservation groups.",
    ], at=60),
)

ev("shannon-diversion", "2019-08-07 14:20", ("DUBLIN", "DUBLIN", "Dublin"), "disaster",
    AP("BC-EU--Ireland-Plane Diversion", "Trans-Atlantic flight diverts to Ireland after smoke in cabin", [
        "A trans-Atlantic flight from Frankfurt to New York made an emergency landing at Shannon Airport in "
        "western Ireland on Wednesday after crew reported smoke in the cabin, the airport said.",
        "The Atlantica Airways plane, with 287 passengers and 14 crew on board, landed safely and passengers were "
        "evacuated using emergency slides. Twelve people were treated for minor injuries.",
        "Shannon is often used for diversions of trans-Atlantic flights because of its location and long runway.",
    ]),
    RT("IRELAND-AIRLINE/", "Flight to New York diverts to Shannon after smoke reported", [
        "An Atlantica Airways flight from Frankfurt to New York diverted to Shannon Airport in Ireland on "
        "Wednesday after smoke was reported in the cabin, the airport said.",
        "All 301 passengers and crew were evacuated. Twelve were treated for minor injuries sustained on the "
        "slides.",
        "The airline said the smoke appeared to have come from a galley oven and that the aircraft would be "
        "inspected before returning to service.",
    ], at=30),
    DPA("Ireland-Aviation-Emergency", "Frankfurt-New York flight makes emergency landing in Ireland", [
        "A passenger plane flying from Frankfurt to New York made an emergency landing in Shannon, Ireland, on "
        "Wednesday after smoke was detected on board.",
        "Twelve people were slightly injured during the evacuation, an airport spokesman said.",
        "The airline said it was arranging a replacement aircraft to take passengers on to New York.",
    ], at=60, place="Frankfurt"),
)

ev("cologne-roman-baths", "2019-08-06 10:00", ("COLOGNE, Germany", "BERLIN", "Cologne"), "science",
    DPA("Germany-Archaeology-Romans", "Roman bathhouse discovered under Cologne car park", [
        "Archaeologists have uncovered the remains of a Roman bathhouse under a former car park in the centre of "
        "Cologne, the city said on Tuesday.",
        "The walls and the remains of an underfloor heating system date from the second century AD, when "
        "Cologne was the Roman city of Colonia Claudia Ara Agrippinensium.",
        "The find will be documented before construction of an office building continues, a spokesman said.",
    ]),
    FP("Germany-archaeology-history", "Roman baths found under German car park", [
        "German archaeologists have found the remains of Roman baths beneath a car park in Cologne, city "
        "officials said Tuesday.",
        "The complex, including a heated pool, was probably used by wealthy residents of the Roman city in the "
        "second century, they said.",
        "The site was due to be built over with offices, but construction has been halted while "
        "archaeologists document the remains.",
    ], at=90),
)

ev("supermarket-job-cuts", "2019-08-06 07:40", ("FRANKFURT, Germany", "FRANKFURT", "Essen"), "labour",
    DPA("Germany-Retail-Jobs", "Supermarket chain Frischland to cut 2,400 jobs", [
        "German supermarket chain Frischland plans to close 60 stores and cut around 2,400 jobs over the next "
        "two years, the company said in Essen on Tuesday.",
        "Frischland blamed tough competition from discounters and online retailers.",
        "The Verdi union said it would fight the closures.",
    ]),
    RT("FRISCHLAND-JOBS/", "German grocer Frischland to shut 60 stores, cut 2,400 jobs", [
        "German supermarket chain Frischland will close 60 of its 410 stores and cut about 2,400 jobs by the end "
        "of 2021 as it struggles to compete with discounters, the family-owned company said on Tuesday.",
        "Frischland, which has about 31,000 employees, said it would invest the savings in modernising its "
        "remaining stores and its online delivery service.",
        "The company said it would try to offer jobs in other stores to as many affected staff as possible.",
    ], at=25, steps=[
        lead(200, "Union vows to fight Frischland store closures", note="Adds union comment, details on affected regions", top=[
            "The Verdi union said on Tuesday it would fight plans by German supermarket chain Frischland to close "
            "60 stores and cut 2,400 jobs, calling them a \"slap in the face\" for staff who had worked through a "
            "difficult year.",
        ], add=["Most of the affected stores are in North Rhine-Westphalia and Lower Saxony, the company said."]),
    ]),
)

ev("fintech-ipo", "2019-08-07 07:00", ("FRANKFURT, Germany", "FRANKFURT", "Frankfurt"), "economy",
    RT("NIVO-IPO/", "Berlin fintech Nivo set to debut in Frankfurt at top of price range", [
        "Shares in Berlin-based digital bank Nivo will start trading in Frankfurt on Wednesday after the company "
        "priced its initial public offering at 24 euros, the top of the indicated range, raising 420 million "
        "euros ($470 million).",
        "The pricing values Nivo, which has 1.8 million customers in eight countries, at about 2.1 billion "
        "euros.",
        "It is the biggest German tech listing so far this year.",
    ], steps=[
        lead(120, "Nivo shares jump 18% in Frankfurt debut", note="Adds first trade, CEO comment", top=[
            "Shares in Berlin digital bank Nivo jumped 18% in their Frankfurt stock market debut on Wednesday, "
            "giving the loss-making company a market value of nearly 2.5 billion euros.",
            "\"This is a vote of confidence in European fintech,\" Chief Executive Lea Brandt told Reuters on "
            "the trading floor.",
        ]),
    ]),
    DPA("Germany-Banks-IPO", "Digital bank Nivo makes strong stock market debut", [
        "The Berlin digital bank Nivo has made a strong start on the Frankfurt stock exchange.",
        "The first price of the shares was 28.30 euros on Wednesday, well above the issue price of 24 euros.",
        "Nivo raised around 420 million euros in the offering. The company, founded in 2014, offers current "
        "accounts and payments via smartphone app and has not yet made a profit.",
    ], at=130),
)

ev("messaging-app-outage", "2019-08-07 16:10", ("SAN FRANCISCO", "LONDON", "Paris"), "science",
    RT("LUMEN-OUTAGE/", "Chattr messaging app suffers outage across Europe, Africa", [
        "Users of the Chattr messaging app in Europe, the Middle East and Africa were unable to send messages "
        "for several hours on Wednesday, the latest in a series of outages to hit the world's big social media "
        "platforms.",
        "Reports on outage tracking websites showed problems starting at about 1600 GMT, with users in Britain, "
        "Germany, Nigeria and Turkey among the worst affected.",
        "Parent company Lumen Social said it was aware of the problem and working to restore service \"as "
        "quickly as possible.\"",
        "Chattr says it has more than 900 million monthly users.",
    ], at=10, steps=[
        lead(150, "Chattr restores service after outage, blames maintenance error",
             note="Adds service restored, company statement on cause", top=[
            "Chattr restored service to users in Europe, the Middle East and Africa on Wednesday evening after a "
            "three-hour outage that its parent company Lumen Social blamed on a configuration change made during "
            "routine maintenance.",
            "\"This was not the result of an attack,\" the company said in a statement, apologising to users.",
        ]),
    ]),
    AP("BC-US--Tech-Chattr Outage", "Messaging app Chattr goes down for millions of users", [
        "Millions of people across Europe, Africa and the Middle East couldn't send messages or photos on the "
        "Chattr app for several hours Wednesday.",
        "Lumen Social, the San Francisco company that owns Chattr, said it was working on a fix but did not say "
        "what caused the problem.",
        "Many small businesses in Africa and Asia rely on the app to talk to customers.",
    ], at=40),
    FP("US-internet-outage", "Chattr messaging service down across Europe and Africa", [
        "The Chattr messaging service suffered a major outage across Europe, Africa and the Middle East on "
        "Wednesday, leaving users unable to send messages for hours.",
        "The hashtag #ChattrDown quickly trended on rival platforms as users swapped complaints and jokes.",
        "Service was restored after about three hours. Parent company Lumen Social blamed a configuration "
        "error during maintenance.",
    ], at=200),
    rewrites=[
        NL(240, "Chattr back after three-hour blackout", [
            "If your messages disappeared into the void on Wednesday afternoon, it wasn't you. Chattr went down "
            "for about three hours across Europe, Africa and the Middle East.",
            ("Reuters", "Chattr restored service to users"),
            ("AP", "Many small businesses in Africa and Asia"),
            ("Reuters", "\"This was not the result of an attack"),
        ], "With AP, Reuters", ["AP", "Reuters"]),
    ],
)

ev("prague-tiger-cubs", "2019-08-06 09:30", ("PRAGUE", "PRAGUE", "Prague"), "human",
    FP("Czech-animals-zoo", "Rare Sumatran tiger triplets born at Prague zoo", [
        "Three critically endangered Sumatran tiger cubs have been born at Prague zoo, the zoo said Tuesday, "
        "releasing video of the tiny cubs suckling their mother.",
        "The cubs, born on July 12, are healthy and will be shown to the public in October, zoo spokeswoman "
        "Jana Novotna said.",
        "Fewer than 400 Sumatran tigers are thought to survive in the wild on the Indonesian island.",
    ]),
    DPA("Czech-Zoo-Tigers", "Prague zoo celebrates birth of Sumatran tiger triplets", [
        "Prague zoo has announced the birth of three Sumatran tiger cubs, a rare success in breeding the "
        "critically endangered big cats.",
        "The mother, eight-year-old Kirana, came to Prague from a zoo in Germany in 2016.",
        "The cubs, born in July, are healthy and will be presented to the public in the autumn, the zoo said.",
    ], at=60),
    RT("CZECH-ZOO/TIGERS", "Endangered Sumatran tiger triplets born in Prague zoo", [
        "Prague zoo said on Tuesday three Sumatran tiger cubs had been born there last month, a boost for a "
        "European breeding programme for the critically endangered species.",
        "The cubs' sex will be determined at their first veterinary check in the coming weeks.",
        "Sumatran tigers are found only on the Indonesian island of Sumatra, where their habitat is shrinking "
        "because of logging and palm oil plantations.",
    ], at=150),
)

ev("dutch-festival-storm", "2019-08-07 18:30", ("TILBURG, Netherlands", "AMSTERDAM", "The Hague"), "weather",
    FP("Netherlands-weather-festival", "Storm forces evacuation of Dutch music festival, 11 hurt", [
        "A violent thunderstorm forced organisers to evacuate some 35,000 people from an open-air music "
        "festival in the southern Netherlands on Wednesday evening, with 11 people injured by falling branches "
        "and equipment.",
        "Heavy rain, hail and gusts of up to 100 kilometres an hour swept the Zomerweide festival near Tilburg "
        "shortly after 8:00 pm (1800 GMT), police said.",
        "The Dutch weather service had issued a code orange warning for the region in the afternoon.",
    ], at=15, steps=[
        lead(120, "Dutch festival cancelled after storm injures 11", note="ADDS festival cancelled, injured condition", top=[
            "Organisers cancelled the remaining two days of a music festival in the southern Netherlands after a "
            "violent storm injured 11 people on Wednesday evening, two of them seriously.",
            "\"Safety comes first. We cannot rebuild the site in time,\" the Zomerweide festival said in a "
            "statement.",
        ]),
    ]),
    RT("NETHERLANDS-WEATHER/FESTIVAL", "Thousands evacuated as storm hits Dutch music festival", [
        "Around 35,000 people were evacuated from a music festival in the southern Netherlands on Wednesday "
        "after a thunderstorm brought down tents and trees, injuring 11 people, police said.",
        "Emergency services set up a first aid post at a nearby sports hall.",
        "The Dutch weather service had warned of severe thunderstorms with hail and strong gusts in the south "
        "of the country.",
    ], at=40),
    AP("BC-EU--Netherlands-Festival Storm", "Storm slams Dutch music festival, injuring 11", [
        "A powerful thunderstorm slammed into an outdoor music festival in the southern Netherlands on Wednesday, "
        "injuring 11 people and forcing tens of thousands to leave the site.",
        "Videos posted online showed fans running for cover as hail and strong winds ripped through tents at the "
        "Zomerweide festival near Tilburg.",
        "Police said most of the 11 injured were hit by falling branches or parts of tents.",
    ], at=60),
    DPA("Netherlands-Weather-Festival", "Germans among festival-goers evacuated in storm in the Netherlands", [
        "Many German music fans were among the 35,000 visitors evacuated from the Zomerweide festival in the "
        "Netherlands on Wednesday evening after a violent storm.",
        "The festival near Tilburg, less than 100 kilometres from the German border, is popular with visitors "
        "from North Rhine-Westphalia.",
        "Eleven people were injured, according to the police. The organisers later cancelled the rest of the "
        "festival.",
    ], at=150, place="Tilburg"),
)

ev("munich-airport-drone", "2019-08-06 15:30", ("MUNICH, Germany", "FRANKFURT", "Munich"), "crime",
    DPA("Germany-Aviation-Drone", "Drone sighting halts flights at Munich airport", [
        "Air traffic at Munich airport was suspended for almost an hour on Tuesday afternoon after a pilot "
        "reported seeing a drone near the runway, the German air traffic control agency said.",
        "Several incoming flights had to circle or were diverted to Nuremberg, Stuttgart and Salzburg.",
        "Police were searching the area around the airport for the drone's operator.",
    ], at=10, steps=[
        lead(90, "Munich drone alert: 23 flights diverted", note="Adds number of diverted flights, police comment", top=[
            "Twenty-three flights were diverted from Munich airport on Tuesday after a drone sighting halted air "
            "traffic for 50 minutes, an airport spokesman said.",
            "Police said they had not found the drone or its operator. Flying drones within 1.5 kilometres of an "
            "airport is illegal in Germany.",
        ]),
    ]),
    RT("GERMANY-AIRPORT/DRONE", "Munich airport halts flights for 50 minutes after drone sighting", [
        "Munich airport suspended takeoffs and landings for about 50 minutes on Tuesday after a drone was "
        "spotted near one of its runways, the airport said.",
        "Drone sightings have disrupted several European airports in recent years, including London's Gatwick, "
        "where about 1,000 flights were cancelled over three days in December 2018.",
        "Police were searching the area around the airport for the drone's operator, the airport said.",
    ], at=40),
    FP("Germany-transport-drone", "Drone disrupts flights at Munich airport", [
        "Flights at Munich airport were halted for nearly an hour on Tuesday after a drone was seen close to a "
        "runway, German air traffic control said.",
        "Several incoming flights were diverted to other airports, including Nuremberg and Salzburg.",
        "It was the third drone-related disruption at a German airport this year.",
    ], at=70),
)

# Publisher rewrites of events above, published later in the day.
more_rewrites("german-industrial-output", DW(200, "Germany: Industrial output falls sharply in June", [
    "German industrial production fell more sharply than expected in June. Economists see the risk of a recession "
    "growing in Europe's largest economy.",
    ("dpa", "Production in manufacturing, energy and construction"),
    ("Reuters", "\"There is no sign of a turnaround"),
    ("dpa", "The car industry and machine builders"),
    ("Reuters", "Yields on 10-year German government bonds"),
], "hg/ms (dpa, Reuters)", ["dpa", "Reuters"]))
more_rewrites("chemicals-merger", DW(300, "German chemicals group Krell buys Dutch rival Vantage", [
    "Krell Chemie is paying 4.2 billion euros for the Dutch paint maker Vantage. It is the German company's "
    "largest acquisition in a decade.",
    ("dpa", "Krell is offering 38 euros in cash"),
    ("Reuters", "\"Coatings is where our customers"),
    ("Reuters", "Seifert said about 1,500 jobs"),
    ("dpa", "The mining, chemicals and energy workers' union"),
], "ar/hg (dpa, Reuters)", ["dpa", "Reuters"]))
more_rewrites("alps-plane-crash", DW(260, "Three German tourists killed in Swiss plane crash", [
    "A small plane has crashed in the Swiss Alps, killing all four people on board. Three of the victims were "
    "tourists from Germany.",
    ("dpa", "The victims were a 58-year-old man"),
    ("AFP", "Rescue helicopters reached the wreckage"),
    ("AFP", "The plane was on a sightseeing flight"),
], "kbd/rt (dpa, AFP)", ["dpa", "AFP"]))
more_rewrites("iceland-rate-cut", NL(180, "Iceland cuts rates again as tourists stay away", [
    "Iceland's tourism boom is fading, and the central bank is responding with cheaper money.",
    ("AP", "Iceland's central bank lowered its benchmark"),
    ("Reuters", "\"The bank is clearly worried"),
    ("AP", "Tourism has become Iceland's biggest industry"),
], "With AP, Reuters", ["AP", "Reuters"]))
more_rewrites("stockholm-ferry-aground", NL(200, "No one hurt as ferry runs aground in fog", [
    "More than 300 ferry passengers spent Wednesday evening being taken ashore in small boats after their ship "
    "hit rocks in fog just outside Stockholm.",
    ("AP", "The Baltic Aurora was headed"),
    ("Reuters", "Police said they had opened a preliminary"),
], "With AP, Reuters", ["AP", "Reuters"]))
more_rewrites("athens-quake", NL(200, "Quake rattles Athens but causes no injuries", [
    "Athens had a fright on Wednesday afternoon when a moderate earthquake shook the Greek capital, but officials "
    "said no one was hurt.",
    ("AP", "Greece's Geodynamic Institute said"),
    ("AFP", "Office workers poured out of buildings"),
    ("AFP", "Seismologists said the quake was unlikely"),
], "Material from AP and AFP was used in this report.", ["AP", "AFP"]))
more_rewrites("zurich-gold-heist", DW(240, "Armed robbers steal gold at Zurich airport", [
    "Masked men have robbed a security van at Zurich airport and escaped with gold worth millions of Swiss francs.",
    ("AFP", "Three masked men forced the van to stop"),
    ("dpa", "Police were searching for them near the German border"),
    ("AFP", "No one was hurt."),
], "jsi/dr (AFP, dpa)", ["AFP", "dpa"]))
more_rewrites("croatia-minister-verdict", DW(200, "Former Croatian minister jailed for corruption", [
    "A court in Zagreb has sentenced Croatia's former economy minister to six years in prison. He says the "
    "verdict is political.",
    ("AFP", "Judge Ivana Maric said Kralj"),
    ("AFP", "\"I will fight this to the highest court"),
    ("dpa", "A court in Zagreb found him guilty"),
], "dj/rc (AFP, dpa)", ["AFP", "dpa"]))


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

FILES = ("raqqa.jsonl", "desk.jsonl", "bad.jsonl")


def build_all() -> dict[str, bytes]:
    """The three files, as bytes."""
    rng = random.Random(SEED)
    desk = build_desk(rng)
    raqqa = build_raqqa()
    enc = lambda items: "".join(dumps(i) + "\n" for i in items).encode("utf-8")  # noqa: E731
    return {
        "raqqa.jsonl": enc(raqqa),
        "desk.jsonl": enc(desk),
        "bad.jsonl": b"".join(line + b"\n" for _, line in bad_records()),
    }


def stats(files: dict[str, bytes]) -> str:
    lines = []
    for name in ("raqqa.jsonl", "desk.jsonl"):
        items = [json.loads(x) for x in files[name].decode("utf-8").splitlines()]
        holders = Counter(i["copyrightholder"] for i in items)
        langs = Counter(i.get("language") for i in items)
        stories = {i["eval"]["story"] for i in items}
        groups = {i["eval"]["dup_group"] for i in items}
        lines.append(f"{name}: {len(items)} items, {len(stories)} stories, {len(groups)} dup groups")
        lines.append(f"  {items[0]['versioncreated']} .. {items[-1]['versioncreated']}")
        lines.append("  holders: " + ", ".join(f"{k} {v}" for k, v in holders.most_common()))
        lines.append("  languages: " + ", ".join(f"{k} {v}" for k, v in langs.most_common()))
        lines.append(f"  body_html: {sum('body_html' in i for i in items)}, headline only: "
                     f"{sum(not i.get('body_text') and not i.get('body_html') for i in items)}, "
                     f"pubstatus: {dict(Counter(i.get('pubstatus', 'usable') for i in items))}")
        if name == "desk.jsonl":
            kinds = Counter(KINDS[i["uri"]] for i in items)
            lines.append("  kinds: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    bad = files["bad.jsonl"].splitlines()
    lines.append(f"bad.jsonl: {len(bad)} records: " + ", ".join(r for r, _ in bad_records()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE, help="directory to write the files to (default: samples/)")
    ap.add_argument("--stats", action="store_true", help="print what is in the files")
    args = ap.parse_args(argv)
    files = build_all()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (args.out / name).write_bytes(files[name])
    if args.stats:
        print(stats(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
