"""DuplicateWindow rules: exact, near, version (slug / containment), kills, eviction, restore."""

from __future__ import annotations

import base64
import json

import pytest

from stream.dedup import DuplicateWindow, Verdict, item_signature, jaccard
from stream.settings import Dedup
from tests.helpers.dedup import MARKETS, QUAKE, RAQQA, RAQQA_WRITETHRU, make_item

CFG = Dedup()


@pytest.fixture
def win() -> DuplicateWindow:
    return DuplicateWindow(CFG)


def story(uri="ap:1", hours=0.0, **kw):
    return make_item(uri, hours, RAQQA, "Syrian troops enter Raqqa province", **kw)


def writethru(uri="ap:2", hours=2.0, **kw):
    kw.setdefault("slug_family", "SYRIA-RAQQA")
    kw.setdefault("version_signal", "writethru")
    return make_item(uri, hours, RAQQA_WRITETHRU, "Syrian troops push toward Raqqa air base", **kw)


def one_word_changed(uri, hours, **kw):
    paras = list(RAQQA)
    paras[3] = paras[3].replace("de facto capital", "de facto stronghold")
    return make_item(uri, hours, paras, "Syrian troops enter Raqqa province", **kw)


# -- the four kinds ---------------------------------------------------------------------------


def test_new_copy_is_not_a_duplicate(win):
    v = win.observe(story()).verdict
    assert (v.dup_of, v.kind, v.revision) == (None, None, None)
    assert "ap:1" in win and len(win) == 1


def test_exact_resend(win):
    win.observe(story())
    v = win.observe(story("ap:1-resend", 1.0)).verdict
    assert (v.kind, v.dup_of, v.similarity, v.matched) == ("exact", "ap:1", 1.0, "ap:1")
    assert v.is_duplicate


def test_exact_ignores_case_and_spacing_via_normalised_text(win):
    win.observe(story())
    shouted = make_item("ap:9", 1.0, [p.upper() + "  " for p in RAQQA], "SYRIAN TROOPS ENTER RAQQA PROVINCE")
    assert win.observe(shouted).verdict.kind == "exact"


def test_near_resend_with_one_changed_word(win):
    win.observe(story())
    v = win.observe(one_word_changed("ap:1-refile", 0.5, version_signal="refile")).verdict
    assert (v.kind, v.dup_of) == ("near", "ap:1")
    assert CFG.near_threshold <= v.similarity < 1.0


def test_version_by_slug_family_writethru_rewrote_most_of_the_text(win):
    root = story(slug_family="SYRIA-RAQQA")
    ld = writethru()
    # The premise: Jaccard alone would miss this write-thru.
    assert jaccard(item_signature(root, CFG), item_signature(ld, CFG)) < CFG.lsh_threshold
    win.observe(root)
    v = win.observe(ld).verdict
    assert (v.kind, v.dup_of, v.tie, v.matched) == ("version", "ap:1", "slug", "ap:1")
    assert not v.is_duplicate
    rev = v.revision
    assert rev.base == "ap:1"
    assert rev.counts() == {"added": 6, "removed": 6, "changed": 0, "moved": 0, "unchanged": 4}
    assert rev.added[0].startswith("Syrian troops and allied fighters pushed deeper")  # original case
    assert RAQQA[0] in rev.removed


def test_version_by_containment_without_slug(win):
    win.observe(story())
    v = win.observe(writethru(slug_family=None, version_signal=None)).verdict
    assert (v.kind, v.dup_of, v.tie) == ("version", "ap:1", "containment")
    assert v.containment == pytest.approx(0.4)


def test_version_revision_pairs_changed_paragraphs(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    paras = list(RAQQA)
    paras[4] = paras[4].replace("at least 26", "at least 31") + " Five soldiers also died."
    paras.append("The Pentagon declined to comment on the Russian role in the offensive.")
    v = win.observe(make_item("ap:2", 1, paras, "Syrian troops enter Raqqa province",
                              slug_family="SYRIA-RAQQA", version_signal="writethru")).verdict
    assert v.kind == "version"  # near-identical, but the agency calls it a write-thru
    assert v.revision.counts() == {"added": 1, "removed": 0, "changed": 1, "moved": 0, "unchanged": 9}
    assert v.revision.changed == ((RAQQA[4], paras[4]),)


def test_corrected_version_is_not_swallowed_as_near_duplicate(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    fixed = one_word_changed("ap:2", 1.0, slug_family="SYRIA-RAQQA", version_signal="corrected")
    v = win.observe(fixed).verdict
    assert v.kind == "version" and v.revision.counts()["changed"] == 1


SWISS = [
    "Major Swiss banks raised their customer time deposit rates by a quarter point to 3-1/4 pct for "
    "deposits of three to five months, Credit Suisse said.",
    "The rate for six to 12 months deposits rose to 3-1/2 pct from 3-1/4 pct, it said.",
]


def test_version_by_similarity_when_a_correction_touches_every_sentence(win):
    win.observe(make_item("rtrs:1", 0, SWISS, "Swiss banks raise deposit rates", agency="Reuters"))
    fixed = [SWISS[0].replace("3-1/4", "3-3/8"), SWISS[1].replace("3-1/2", "3-5/8").replace("3-1/4", "3-3/8")]
    v = win.observe(make_item("rtrs:2", 1, fixed, "CORRECTED - Swiss banks raise deposit rates",
                              agency="Reuters", version_signal="corrected")).verdict
    assert (v.kind, v.dup_of, v.tie) == ("version", "rtrs:1", "similarity")
    assert CFG.version_jaccard <= v.similarity < CFG.near_threshold and v.containment == 0.0
    assert [old for old, _ in v.revision.changed] == SWISS


def test_shared_boilerplate_sentences_do_not_make_versions(win):
    terms = "Terms of the transaction, which is subject to regulatory approval, were not disclosed by either company."
    win.observe(make_item("rtrs:a", 0, ["Bishop Graphics said it sold its Newport Beach art supply center.", terms],
                          "Bishop Graphics sells store", agency="Reuters"))
    v = win.observe(make_item("rtrs:b", 1, ["HITK Corp said its telemarketing unit added Nipon Electric as a client.",
                                            terms], "HITK adds clients", agency="Reuters")).verdict
    assert v.kind is None  # half of rtrs:a is contained, but in fewer than version_min_words words


def test_unrelated_items_are_not_flagged(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(make_item("ap:q", 1, QUAKE, "Strong quake hits off Chile", slug_family="CHILE-QUAKE"))
    v = win.observe(make_item("ap:m", 2, MARKETS, "Wall Street closes higher", slug_family="US-STOCKS")).verdict
    assert v.kind is None and v.dup_of is None
    assert win.check(make_item("afp:q", 3, QUAKE[:1], "Quake off Chile", agency="AFP")).kind is None


def test_recurring_slug_without_shared_text_is_not_a_version(win):
    win.observe(make_item("ap:m1", 0, MARKETS, "Wall Street closes higher", slug_family="FINANCIAL-MARKETS"))
    v = win.observe(make_item("ap:m2", 24, QUAKE, "Chile quake", slug_family="FINANCIAL-MARKETS")).verdict
    assert v.kind is None
    labelled = make_item("ap:m3", 25, QUAKE[:2], "Chile quake", slug_family="FINANCIAL-MARKETS",
                         version_signal="update")
    assert win.check(labelled).kind == "version"  # the agency says so: trust the slug


# -- agencies ---------------------------------------------------------------------------------


def test_other_agency_exact_copy_is_an_exact_duplicate(win):
    win.observe(story())
    v = win.observe(story("afp:1", 1.0, agency="AFP")).verdict
    assert (v.kind, v.dup_of) == ("exact", "ap:1")


def test_other_agency_near_copy_is_a_near_duplicate(win):
    win.observe(story())
    assert win.observe(one_word_changed("dpa:1", 1.0, agency="dpa")).verdict.kind == "near"


def test_other_agency_rewrite_is_never_a_version(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    v = win.observe(writethru("afp:2", agency="AFP")).verdict
    assert v.kind is None


def test_publisher_versions_use_the_copyright_holder(win):
    win.observe(story("dw:1", agency=None, holder="DW"))
    v = win.observe(writethru("dw:2", agency=None, holder="DW", slug_family=None)).verdict
    assert (v.kind, v.dup_of) == ("version", "dw:1")


# -- families and order ----------------------------------------------------------------------


def test_version_of_a_version_points_to_the_root(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru())
    paras = list(RAQQA_WRITETHRU[:5]) + ["Turkey said it would keep its border closed to refugees.",
                                         "The Kurdish-led forces said they were 25 kilometres from Raqqa city."]
    v = win.observe(make_item("ap:3", 4, paras, "Syrian army nears Tabqa", slug_family="SYRIA-RAQQA",
                              version_signal="writethru")).verdict
    assert (v.kind, v.dup_of) == ("version", "ap:1")
    assert v.revision.base == "ap:2"  # compared with the latest version, not the root
    # a re-send of the middle version is a duplicate of the family too
    assert win.observe(writethru("ap:2-resend", 5)).verdict.dup_of == "ap:1"
    assert win.entry("ap:3")["canonical"] == "ap:1"


def test_near_duplicate_of_a_version_names_the_root(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru())
    paras = list(RAQQA_WRITETHRU)
    paras[0] = paras[0].replace("on Sunday", "on Sunday morning")
    v = win.observe(make_item("afp:7", 3, paras, "Syrian troops push toward Raqqa air base", agency="AFP")).verdict
    assert (v.kind, v.dup_of, v.matched) == ("near", "ap:1", "ap:2")


def test_out_of_order_version_compares_with_the_version_before_it(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru("ap:3", 5.0))
    v = win.observe(one_word_changed("ap:2", 1.0, slug_family="SYRIA-RAQQA", version_signal="writethru")).verdict
    assert (v.kind, v.dup_of, v.revision.base) == ("version", "ap:1", "ap:1")


def test_an_earlier_item_is_not_a_version_of_a_later_one(win):
    win.observe(writethru("ap:2", 5.0))
    v = win.observe(story("ap:1", 1.0, slug_family="SYRIA-RAQQA")).verdict
    assert v.kind is None


# -- idempotence -----------------------------------------------------------------------------


def test_same_uri_twice_returns_the_first_verdict_and_changes_nothing(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    first = win.observe(writethru())
    before = list(win.entries())
    again = win.observe(writethru())
    assert again.verdict == first.verdict and again.evicted == ()
    assert list(win.entries()) == before
    # even with a different body: a uri names one version
    assert win.observe(make_item("ap:2", 9, QUAKE, "x")).verdict == first.verdict
    assert win.check(story()).kind is None  # the root is never a duplicate of itself


# -- kills ------------------------------------------------------------------------------------


def test_kill_with_the_same_uri_retracts_it(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(make_item("ap:q", 1, QUAKE, "Quake"))
    obs = win.observe(story("ap:1", 2.0, slug_family="SYRIA-RAQQA", pubstatus="canceled"))
    assert obs.verdict.retracts == "ap:1" and obs.verdict.kind is None
    assert obs.evicted == ()  # the tombstone replaces the entry under the same uri
    assert win.entry("ap:1")["kill"] is True
    # the killed copy no longer matches anything
    assert win.check(story("afp:1", 3.0, agency="AFP")).kind is None
    # redelivery of the kill or of the killed item changes nothing
    assert win.observe(story("ap:1", 2.0, pubstatus="canceled")).verdict == obs.verdict
    assert win.observe(story("ap:1", 0.0)).verdict == Verdict("ap:1", retracted_by="ap:1")


def test_kill_by_slug_family_retracts_the_latest_version(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru())
    kill = make_item("ap:kill", 3, ["Eds: Kill the story. It is being withdrawn."], "KILL Syria-Raqqa",
                     slug_family="SYRIA-RAQQA", pubstatus="canceled")
    obs = win.observe(kill)
    assert obs.verdict.retracts == "ap:2"
    assert obs.evicted == ("ap:2",)
    assert "ap:2" not in win and "ap:1" in win and "ap:kill" in win
    assert win.observe(kill).verdict == obs.verdict  # idempotent: ap:1 is not killed next
    assert "ap:1" in win
    assert win.observe(writethru()).verdict.retracted_by == "ap:kill"


def test_kill_of_another_agency_slug_retracts_nothing(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    kill = make_item("afp:kill", 1, ["Kill."], "KILL", agency="AFP", slug_family="SYRIA-RAQQA", pubstatus="canceled")
    assert win.observe(kill).verdict.retracts is None
    assert "ap:1" in win


def test_retract_removes_from_every_index(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    assert win.retract("ap:1") and not win.retract("ap:1")
    assert len(win) == 0
    assert win.check(story("afp:1", 1, agency="AFP")).kind is None
    assert win.check(writethru()).kind is None


# -- the window in time ------------------------------------------------------------------------


def test_items_leave_the_window_after_window_hours(win):
    win.observe(story())
    win.observe(make_item("ap:q", 10, QUAKE, "Quake"))
    obs = win.observe(make_item("ap:m", 72.5, MARKETS, "Markets"))
    assert obs.evicted == ("ap:1",)
    assert "ap:1" not in win and len(win) == 2
    assert win.check(story("afp:1", 73, agency="AFP")).kind is None
    obs = win.observe(make_item("ap:m2", 200, MARKETS[:1], "Markets again"))
    assert set(obs.evicted) == {"ap:q", "ap:m"}
    assert [u for u in ("ap:1", "ap:q", "ap:m") if u in win._lsh] == []  # nothing left behind
    assert "ap:m2" in win._lsh and len(win._exact) == len(win) == 1


def test_family_outlives_its_evicted_root(win):
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru("ap:2", 60))
    win.observe(make_item("ap:x", 73, MARKETS, "Markets"))
    assert "ap:1" not in win
    v = win.observe(writethru("ap:3", 74)).verdict
    assert (v.kind, v.dup_of) == ("exact", "ap:1")


def test_late_item_is_judged_but_not_indexed(win):
    win.observe(make_item("ap:m", 100, MARKETS, "Markets"))
    obs = win.observe(story("ap:old", 10))
    assert obs.verdict.kind is None and obs.evicted == () and "ap:old" not in win
    assert win.observe(one_word_changed("ap:ooo", 90)).verdict.kind is None  # in time: indexed
    assert "ap:ooo" in win


# -- persistence -----------------------------------------------------------------------------


def _busy_window() -> DuplicateWindow:
    win = DuplicateWindow(CFG)
    win.observe(story(slug_family="SYRIA-RAQQA"))
    win.observe(writethru())
    win.observe(one_word_changed("afp:1", 2.5, agency="AFP"))
    win.observe(make_item("ap:q", 3, QUAKE, "Quake", slug_family="CHILE-QUAKE"))
    win.observe(make_item("ap:kill", 4, ["Kill."], "KILL", slug_family="CHILE-QUAKE", pubstatus="canceled"))
    win.observe(make_item("ap:m", 5, MARKETS, "Markets", slug_family="US-STOCKS"))
    win.observe(make_item("ap:empty", 6, ["..."], "--"))
    return win


def _probes():
    return [
        story("ap:1"),  # known uri
        writethru("ap:4", 7),
        one_word_changed("dpa:1", 7, agency="dpa"),
        make_item("ap:q", 7, QUAKE, "Quake"),  # killed
        make_item("ap:q2", 7, QUAKE, "Quake"),
        make_item("ap:m2", 7, MARKETS[:2], "Markets", slug_family="US-STOCKS"),
        make_item("ap:kill2", 7, ["Kill."], "KILL", slug_family="US-STOCKS", pubstatus="canceled"),
        make_item("ap:empty2", 7, ["..."], "--"),
    ]


def test_restore_rebuilds_an_equal_window():
    original = _busy_window()
    table = {e["uri"]: json.loads(json.dumps(e)) for e in original.entries()}  # through JSON
    restored = DuplicateWindow(CFG)
    assert restored.restore(table.values()) == ()
    assert list(restored.entries()) == list(original.entries())
    assert restored.newest == original.newest
    for probe in _probes():
        assert restored.check(probe) == original.check(probe), probe.uri
    for probe in _probes():  # and they keep evolving the same way
        assert restored.observe(probe) == original.observe(probe), probe.uri
    late = make_item("ap:z", 80, QUAKE[:1], "Later")
    assert restored.observe(late) == original.observe(late)
    assert list(restored.entries()) == list(original.entries())


def test_restore_reports_stale_entries():
    win = DuplicateWindow(CFG)
    win.observe(story())
    stale = win.entry("ap:1")
    win.observe(make_item("ap:m", 100, MARKETS, "Markets"))
    restored = DuplicateWindow(CFG)
    assert restored.restore([stale, win.entry("ap:m")]) == ("ap:1",)
    assert len(restored) == 1


def test_restore_refuses_other_fingerprint_settings():
    entries = list(_busy_window().entries())
    with pytest.raises(ValueError, match="clear the dedup table"):
        DuplicateWindow(CFG.model_copy(update={"num_perm": 64})).restore(entries)


def test_entry_is_compact_json():
    win = _busy_window()
    entry = win.entry("ap:2")
    text = json.dumps(entry)
    assert entry["canonical"] == "ap:1" and entry["verdict"]["kind"] == "version"
    assert len(base64.b64decode(entry["signature"])) == 8 * CFG.num_perm
    assert len(text) < 6_000


def test_the_first_story_under_an_urgents_slug_is_its_next_version(win):
    urgent = make_item("rtr:1", 0.0, ["Strong earthquake hits eastern Turkey - disaster agency."],
                       agency="Reuters", slug_family="TURKEY-QUAKE", version_signal="urgent")
    story = make_item("rtr:2", 0.2, RAQQA, agency="Reuters", slug_family="TURKEY-QUAKE")
    win.observe(urgent)
    verdict = win.observe(story).verdict
    assert (verdict.kind, verdict.dup_of, verdict.tie) == ("version", "rtr:1", "slug")
    # Without the urgent, a recurring slug with unrelated text is no version.
    other = make_item("rtr:3", 0.4, RAQQA_WRITETHRU[:1], agency="Reuters", slug_family="MARKETS")
    later = make_item("rtr:4", 0.6, RAQQA[5:6], agency="Reuters", slug_family="MARKETS")
    win.observe(other)
    assert win.observe(later).verdict.kind is None


def test_an_urgent_survives_restore(win):
    from stream.dedup.window import DuplicateWindow

    win.observe(make_item("rtr:1", 0.0, ["Quake hits Turkey."], agency="Reuters",
                          slug_family="TURKEY-QUAKE", version_signal="urgent"))
    restored = DuplicateWindow(win.cfg)
    restored.restore(win.entries())
    story = make_item("rtr:2", 0.2, RAQQA, agency="Reuters", slug_family="TURKEY-QUAKE")
    assert restored.observe(story).verdict.dup_of == "rtr:1"
