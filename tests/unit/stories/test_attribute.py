"""Attribution of rewrites to the agency copy they reuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stream.stories.attribute import (
    FULL_MATCH,
    PARTIAL_MATCH,
    PARTIAL_WEIGHT,
    explain,
    provenance,
    shingles,
    split_sentences,
    words,
)
from stream.wire import Item


def make_item(uri: str, time: float, text: str, agency: str | None = None) -> Item:
    """An item whose paragraphs are ``text`` split on blank lines (normalised: lower-cased)."""
    paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip())
    return Item(
        uri=uri,
        time=time,
        headline=uri,
        language="en",
        agency=agency,
        is_agency=agency is not None,
        paragraphs=paragraphs,
        norm_paragraphs=tuple(p.lower() for p in paragraphs),
    )


def n_words(*sentences: str) -> int:
    return sum(len(words(s)) for s in sentences)


def share_of(result: list[dict], uri: str) -> float:
    return next((r["share"] for r in result if r["uri"] == uri), 0.0)


# ---------------------------------------------------------------------------------------------
# Sentences, words, shingles


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. officials met Mr. Lavrov. They talked.", ["U.S. officials met Mr. Lavrov.", "They talked."]),
        ("Prices rose 2.5 percent. Shares fell 0.3%.", ["Prices rose 2.5 percent.", "Shares fell 0.3%."]),
        ('"We will win." He left.', ['"We will win."', "He left."]),
        ('"Why now?" she asked. No answer!', ['"Why now?"', "she asked.", "No answer!"]),
        ("The U.N. said so. Gen. Smith agreed.", ["The U.N. said so.", "Gen. Smith agreed."]),
        ("It ended at 5 p.m. local time.", ["It ended at 5 p.m. local time."]),
        ("US-backed forces advanced", ["US-backed forces advanced"]),
        ("Die Truppen rückten am 4. Juni vor. Sie siegten.", ["Die Truppen rückten am 4. Juni vor.", "Sie siegten."]),
        ("He was born in 1999. April came.", ["He was born in 1999.", "April came."]),
        ("Wait... what?  Yes.", ["Wait...", "what?", "Yes."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_is_case_blind() -> None:
    # The same splits on original and lower-cased text keep display and matching aligned.
    text = "Mr. Kerry called Moscow. The U.S. Army said 2.5 tons were dropped. \u201cGood,\u201d he said."
    assert [s.lower() for s in split_sentences(text)] == split_sentences(text.lower())
    assert len(split_sentences(text)) == 3
    # The normaliser folds curly quotes and the ellipsis character; splits stay aligned.
    folded = text.replace("\u201c", '"').replace("\u201d", '"') + " Wait\u2026 what?"
    assert len(split_sentences(folded)) == len(split_sentences(folded.replace("\u2026", "..."))) == 5


def test_words_and_shingles() -> None:
    assert words("Raqqa's dam, 50 miles (80 km)") == ["raqqa's", "dam", "50", "miles", "80", "km"]
    assert words("U.S.-backed") == ["u.s", "backed"]
    assert shingles(["a", "b", "c", "d"]) == {("a", "b", "c"), ("b", "c", "d")}
    # Very short sentences fall back to one shingle of all their words.
    assert shingles(["no", "comment"], 2) == {("no", "comment")}
    assert shingles([]) == frozenset()


# ---------------------------------------------------------------------------------------------
# Small hand-made story

AP_1 = "Heavy rain flooded the old town of Passau on Tuesday, forcing hundreds of residents to leave their homes."
AP_2 = "The river Danube rose to more than ten metres, its highest level in over a decade, officials said."
AP_3 = "Firefighters used boats to rescue elderly people trapped on the upper floors of houses near the river."
AP_4 = "Chancellor Angela Merkel is expected to visit the region on Wednesday."
AFP_1 = "Meteorologists warned that more storms were expected across Bavaria over the coming days."
AFP_2 = "Insurance companies estimated the damage at several hundred million euros."
AFP_3 = "Rail traffic between Munich and Vienna was suspended after tracks were washed away near the border."
AFP_4 = "Two people were reported missing in the neighbouring Austrian province of Upper Austria."
OWN_1 = "Our correspondent in the city described scenes of chaos as emergency crews struggled to cope."
OWN_2 = "Climate scientists have long warned that such extreme weather events will become more frequent."
UNRELATED = (
    "The central bank left interest rates unchanged on Thursday, citing uncertainty about growth.\n\n"
    "Economists had expected the decision, which was announced after a two-day meeting in Frankfurt."
)

AP = make_item("ap:flood", 100.0, "\n\n".join([AP_1, AP_2, AP_3, AP_4]), "AP")
AFP = make_item("afp:flood", 200.0, "\n\n".join([AFP_1, AFP_2, AFP_3, AFP_4]), "AFP")
BANK = make_item("reuters:bank", 50.0, UNRELATED, "Reuters")


def test_mixed_rewrite_shares_ordered_and_proportional() -> None:
    rewrite = make_item("dw:flood", 300.0, f"{AP_1} {AP_2}\n\n{OWN_1}\n\n{AP_3} {AFP_3}\n\n{OWN_2}")
    result = provenance(rewrite, [AFP, BANK, AP])
    total = n_words(AP_1, AP_2, OWN_1, AP_3, AFP_3, OWN_2)
    assert [r["uri"] for r in result] == ["ap:flood", "afp:flood"]
    assert result[0]["agency"] == "AP" and result[1]["agency"] == "AFP"
    # Verbatim sentences: shares are exactly the word proportions.
    assert result[0]["share"] == pytest.approx(n_words(AP_1, AP_2, AP_3) / total, abs=1e-3)
    assert result[1]["share"] == pytest.approx(n_words(AFP_3) / total, abs=1e-3)
    assert set(result[0]) == {"uri", "agency", "share"}


def test_lightly_edited_sentences_still_count_fully() -> None:
    edited_ap = (
        "Heavy rain flooded the old town of Passau on Tuesday, forcing hundreds of people "
        "to leave their homes. The Danube rose to more than ten metres, its highest level "
        "in more than a decade, officials said."
    )
    rewrite = make_item("dw:1", 300.0, edited_ap)
    [row_1, row_2] = explain(rewrite, [AP, AFP])
    assert row_1["uri"] == row_2["uri"] == "ap:flood"
    assert row_1["weight"] == row_2["weight"] == 1.0
    assert provenance(rewrite, [AP, AFP]) == [{"uri": "ap:flood", "agency": "AP", "share": 1.0}]


def test_paraphrase_counts_half() -> None:
    # Keeps the facts and one run of AP_2's wording, rewords the rest: 7 of 17 3-grams.
    paraphrase = "The river Danube rose to more than ten metres on Tuesday, according to local officials, a record for the town."
    rewrite = make_item("dw:2", 300.0, f"{paraphrase}\n\n{OWN_1}")
    [row, own] = explain(rewrite, [AP, AFP])
    assert PARTIAL_MATCH <= row["containment"] < FULL_MATCH
    assert row["weight"] == PARTIAL_WEIGHT and row["uri"] == "ap:flood"
    assert own["uri"] is None and own["weight"] == 0.0
    expected = PARTIAL_WEIGHT * n_words(paraphrase) / n_words(paraphrase, OWN_1)
    assert share_of(provenance(rewrite, [AP, AFP]), "ap:flood") == pytest.approx(expected, abs=1e-3)


def test_unrelated_source_gets_nothing() -> None:
    rewrite = make_item("dw:3", 300.0, f"{AP_1}\n\n{OWN_1}\n\n{AFP_2}")
    result = provenance(rewrite, [BANK, AP, AFP], min_share=0.0)
    assert "reuters:bank" not in {r["uri"] for r in result}
    assert provenance(rewrite, [BANK]) == []


def test_empty_rewrite_and_no_sources() -> None:
    assert provenance(make_item("dw:4", 300.0, ""), [AP, AFP]) == []
    assert provenance(make_item("dw:5", 300.0, "   \n\n  "), [AP]) == []
    assert explain(make_item("dw:6", 300.0, ""), [AP]) == []
    assert provenance(make_item("dw:7", 300.0, AP_1), []) == []


def test_identical_text_goes_to_the_earliest_source() -> None:
    text = "\n\n".join([AP_1, AP_2, AP_3])
    later = make_item("ap:later", 500.0, text, "AP")
    earlier = make_item("afp:earlier", 100.0, text, "AFP")
    rewrite = make_item("dw:8", 600.0, text)
    # Order of the sources argument does not matter; time does.
    for sources in ([later, earlier], [earlier, later]):
        result = provenance(rewrite, sources)
        assert result == [{"uri": "afp:earlier", "agency": "AFP", "share": 1.0}]
    # Same time: the caller's order decides.
    twin = make_item("ap:twin", 100.0, text, "AP")
    assert provenance(rewrite, [twin, earlier])[0]["uri"] == "ap:twin"


def test_min_share_filters_small_contributions() -> None:
    own = " ".join([OWN_1, OWN_2] * 8)
    rewrite = make_item("dw:9", 300.0, f"{own}\n\n{AP_4}")
    assert 0 < n_words(AP_4) / n_words(own, AP_4) < 0.05
    assert provenance(rewrite, [AP]) == []
    assert [r["uri"] for r in provenance(rewrite, [AP], min_share=0.0)] == ["ap:flood"]


def test_versions_sharing_a_uri_are_reported_once() -> None:
    v1 = make_item("ap:flood", 100.0, "\n\n".join([AP_1, AP_2]), "AP")
    v2 = make_item("ap:flood", 150.0, "\n\n".join([AP_1, AP_2, AP_3]), "AP")
    rewrite = make_item("dw:10", 300.0, "\n\n".join([AP_1, AP_3]))
    assert provenance(rewrite, [v2, v1]) == [{"uri": "ap:flood", "agency": "AP", "share": 1.0}]


def test_rewrite_is_never_its_own_source() -> None:
    rewrite = make_item("dw:11", 300.0, AP_1)
    assert provenance(rewrite, [rewrite]) == []


def test_explain_pairs_in_original_case() -> None:
    rewrite = make_item("dw:12", 300.0, f"{OWN_1} {AP_2}\n\n{AFP_4}")
    rows = explain(rewrite, [AP, AFP, BANK])
    assert [r["uri"] for r in rows] == [None, "ap:flood", "afp:flood"]
    assert rows[1]["sentence"] == AP_2 and rows[1]["source_sentence"] == AP_2
    assert rows[2]["agency"] == "AFP" and rows[2]["containment"] == 1.0
    assert rows[0]["source_sentence"] is None
    assert rows[1]["words"] == n_words(AP_2)


def test_short_sentences_match_on_words() -> None:
    source = make_item("ap:short", 100.0, "No comment. The minister declined to answer questions.", "AP")
    rewrite = make_item("dw:13", 300.0, "No comment.")
    assert provenance(rewrite, [source]) == [{"uri": "ap:short", "agency": "AP", "share": 1.0}]


def test_many_sources() -> None:
    # 50 sources of 40 sentences (~600 words each): the inverted index keeps this fast.
    vocabulary = [f"w{i}" for i in range(5000)]
    sources = [
        make_item(
            f"ap:{s}",
            float(s),
            " ".join(
                " ".join(vocabulary[(s * 997 + k * 31 + j * 7) % 5000] for j in range(15)) + "."
                for k in range(40)
            ),
            "AP",
        )
        for s in range(50)
    ]
    body = sources[7].norm_paragraphs[0]
    rewrite = make_item("dw:14", 999.0, body)
    assert provenance(rewrite, sources)[0] == {"uri": "ap:7", "agency": "AP", "share": 1.0}


# ---------------------------------------------------------------------------------------------
# The seed case: the real DW article against AP- and AFP-style items written for this test.
# Each shares a few near-verbatim sentences with the DW text; the rest is their own.

SEED_AP = """
Syrian government forces backed by Russian warplanes pushed into Raqqa province on Saturday, opening a new front against the Islamic State group in its main Syrian stronghold.

The troops are now 50 miles (80 kilometers) from the city of Raqqa and are closing in on Tabqa, which is home to the country's largest dam.

Raqqa lies about 30 miles downstream from the dam.

Rami Abdurrahman, director of the Syrian Observatory for Human Rights, said it appeared that the U.S.-backed and Russian-backed troops were acting in concert.

"It seems there has been an undeclared coordination between Washington and Moscow," he said.

Secretary of State John Kerry spoke by telephone Saturday with his Russian counterpart about Syria, the Russian Foreign Ministry said.

State media said army units had captured a string of hills east of the town of Ithriya after heavy fighting overnight.
"""

SEED_AFP = """
Syrian regime forces launched an offensive on Saturday towards the Islamic State group's bastion of Raqqa, a monitor said.

At least 26 jihadists and nine government troops and allied militiamen were killed in the army's initial advance, the British-based Syrian Observatory for Human Rights said.

The monitor draws on a network of sources across the war-torn country.

When IS overran Tabqa in 2014, the jihadists seized a garrison and an airbase and summarily executed 160 captured regime soldiers.

Russian Foreign Minister Sergei Lavrov said the "main priority" was "more direct, effective and forceful measures" against IS and the Nusra Front.

The US-led coalition opposes targeting Nusra because of its alliances with so-called moderate rebels.

The US military said the SDF push into the Manbij pocket had netted more than 100 square kilometres of territory from IS in the past week.

IS responded by attacking two towns further west held by non-jihadist rebels in a bid to strengthen its access to the Turkish border.

The US army has dropped ammunition to rebels defending the town of Marea, a spokesman said.
"""

SEED_UNRELATED = """
The first aid convoy in nearly four years entered the besieged rebel-held town of Daraya near Damascus on Wednesday, the United Nations said.

The convoy carried medicine, baby milk and vaccines but no food, a spokesman for the International Committee of the Red Cross said.

The Syrian Observatory for Human Rights said government forces shelled the town hours before the trucks arrived.

Around 8,000 people are believed to remain in Daraya, which has been under siege since 2012.

Russia and the United States have pressed both sides to allow deliveries to besieged areas.
"""

_TRAILER = re.compile(r"^[a-z]{2,4}(/[a-z]{2,4})+ \(.*\)$")


def dw_rewrite(path: Path) -> Item:
    """The DW article as an Item: paragraphs after the picture credit, without the trailer."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.splitlines()[-1].startswith("Image:")) + 1
    body = blocks[start:]
    assert _TRAILER.match(body[-1]), body[-1]  # "bik/nm (AP, AFP)"
    body = body[:-1]
    return make_item("dw:raqqa", 1000.0, "\n\n".join(body))


def test_seed_dw_raqqa(shared_data: Path) -> None:
    dw = dw_rewrite(shared_data / "dw-raqqa-2016-06-04.txt")
    assert dw.paragraphs[0].startswith("Russian-backed Syrian troops on Saturday")
    assert dw.paragraphs[-1].startswith("But the US army has dropped ammunition")
    ap = make_item("ap:raqqa", 100.0, SEED_AP, "AP")
    afp = make_item("afp:raqqa", 200.0, SEED_AFP, "AFP")
    aid = make_item("afp:daraya", 150.0, SEED_UNRELATED, "AFP")

    result = provenance(dw, [aid, afp, ap])
    shares = {r["uri"]: r["share"] for r in result}
    assert set(shares) == {"ap:raqqa", "afp:raqqa"}
    assert shares["ap:raqqa"] > 0.15 and shares["afp:raqqa"] > 0.25
    # DW leans on AFP for the second half (Lavrov, casualties, Manbij, Marea).
    assert shares["afp:raqqa"] > shares["ap:raqqa"]
    assert sum(shares.values()) < 0.9  # DW's own sentences (the lead, the subhead) stay DW's

    rows = explain(dw, [aid, afp, ap])
    by_source = {}
    for row in rows:
        by_source.setdefault(row["uri"], []).append(row["sentence"])
    assert "afp:daraya" not in by_source
    assert any("Tabqa" in s and "50 miles" in s for s in by_source["ap:raqqa"])
    assert any("undeclared coordination" in s for s in by_source["ap:raqqa"])
    assert any("Kerry" in s for s in by_source["ap:raqqa"])
    assert any("Lavrov" in s for s in by_source["afp:raqqa"])
    assert any("160" in s for s in by_source["afp:raqqa"])
    assert any("Marea" in s for s in by_source["afp:raqqa"])
