"""Building ``Item`` objects for dedup tests without the parser (normalise = lower-case, one space)."""

from __future__ import annotations

from stream.wire.item import Item

HOUR = 3600.0


def norm(text: str) -> str:
    return " ".join(text.lower().split())


def make_item(
    uri: str,
    hours: float,
    paragraphs: list[str] | tuple[str, ...],
    headline: str = "",
    *,
    agency: str | None = "AP",
    holder: str | None = None,
    slug_family: str | None = None,
    version_signal: str | None = None,
    pubstatus: str = "usable",
) -> Item:
    """An item ``hours`` after the epoch with its normalised fields filled in."""
    return Item(
        uri=uri,
        time=hours * HOUR,
        headline=headline,
        language="en",
        holder=holder or agency,
        agency=agency,
        is_agency=agency is not None,
        slug_family=slug_family,
        version_signal=version_signal,
        pubstatus=pubstatus,
        paragraphs=tuple(paragraphs),
        norm_paragraphs=tuple(norm(p) for p in paragraphs),
        norm_headline=norm(headline),
    )


# A wire story in ten paragraphs (after the DW/AP/AFP Raqqa copy of 2016-06-04).
RAQQA = [
    "Syrian government forces backed by Russian air strikes entered the province of Raqqa on Saturday for the first time since 2014, a monitoring group said.",
    "The Syrian Observatory for Human Rights said troops and allied militias advanced to within 40 kilometres of Lake Assad and the Tabqa military airport.",
    "Islamic State fighters seized the airport in August 2014 and executed dozens of soldiers captured there, according to videos the group released at the time.",
    "The advance opens a second front against the jihadists in their de facto capital, where Kurdish-led fighters are pressing from the north with US air support.",
    "Observatory chief Rami Abdel Rahman said at least 26 Islamic State fighters were killed in the fighting and in Russian raids during the past 24 hours.",
    "State television showed footage of soldiers raising the Syrian flag over a hilltop it said was in the desert east of the town of Ithriya.",
    "The Kurdish-led Syrian Democratic Forces launched their own offensive north of Raqqa city last week and say they have taken a string of villages.",
    "US Secretary of State John Kerry spoke with Russian Foreign Minister Sergei Lavrov by telephone on Saturday about the situation in Syria, the State Department said.",
    "More than 280,000 people have been killed and millions forced from their homes since the conflict began with anti-government protests in March 2011.",
    "Aid agencies have warned that tens of thousands of civilians trapped in Raqqa province face severe shortages of food, water and medicine.",
]

# The 1st Ld-Writethru: new lead and top, six of ten paragraphs rewritten, four kept.
RAQQA_WRITETHRU = [
    "Syrian troops and allied fighters pushed deeper into Raqqa province on Sunday, closing in on an air base held by the Islamic State group since 2014, state media and a monitor reported.",
    "The army said its units had captured several hills and crossroads on the road from Ithriya and were now about 30 kilometres from the Tabqa air base.",
    "The Russian defence ministry said its jets had flown more than 60 sorties in support of the advance overnight, hitting ammunition depots and command posts.",
    RAQQA[3],
    "The Syrian Observatory for Human Rights, a Britain-based monitor, put the death toll among jihadists at 41 since the start of the push on Thursday, with 12 soldiers also killed.",
    "Residents reached by telephone said Islamic State had set up new checkpoints in Raqqa city and was preventing families from leaving for Kurdish-held areas.",
    RAQQA[6],
    "In Geneva, the UN envoy Staffan de Mistura said he would not reconvene peace talks until fighting had eased and aid convoys were allowed into besieged towns.",
    RAQQA[8],
    RAQQA[9],
]

QUAKE = [
    "A magnitude 6.4 earthquake struck off the coast of central Chile on Thursday, shaking buildings in the capital Santiago but causing no immediate reports of damage.",
    "The US Geological Survey said the quake hit at a depth of 35 kilometres about 80 kilometres west of the port city of Valparaiso.",
    "Chile's navy said the earthquake did not meet the conditions needed to generate a tsunami along the coast.",
    "Chile is one of the most seismically active countries in the world; a magnitude 8.8 quake and tsunami in 2010 killed more than 500 people.",
]

MARKETS = [
    "Wall Street stocks closed higher on Friday as gains in technology shares offset a slide in energy companies after oil prices fell for a third day.",
    "The Dow Jones Industrial Average rose 0.6 percent, the S&P 500 gained 0.4 percent and the Nasdaq Composite added 0.9 percent.",
    "Trading volume was light ahead of a holiday weekend, with about 5.1 billion shares changing hands on US exchanges.",
]
