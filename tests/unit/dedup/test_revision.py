"""Revision: what a version added, removed, changed and moved."""

from __future__ import annotations

from stream.dedup.revision import Revision, diff
from tests.helpers.dedup import RAQQA, RAQQA_WRITETHRU


def test_identical_versions():
    rev = diff(RAQQA, RAQQA, base="ap:1")
    assert rev.counts() == {"added": 0, "removed": 0, "changed": 0, "moved": 0, "unchanged": 10}


def test_writethru_rewrites_are_removed_and_added_kept_paragraphs_unchanged():
    rev = diff(RAQQA, RAQQA_WRITETHRU, base="ap:1")
    assert rev.counts() == {"added": 6, "removed": 6, "changed": 0, "moved": 0, "unchanged": 4}
    assert rev.added == tuple(p for p in RAQQA_WRITETHRU if p not in RAQQA)


def test_edited_paragraphs_are_paired():
    new = list(RAQQA)
    new[0] = new[0].replace("on Saturday", "on Saturday morning")
    new[4] = new[4].replace("26", "31")
    rev = diff(RAQQA, new, base="ap:1")
    assert rev.changed == ((RAQQA[0], new[0]), (RAQQA[4], new[4]))
    assert rev.counts()["unchanged"] == 8


def test_moved_paragraph_is_neither_added_nor_removed():
    new = [RAQQA[7]] + RAQQA[:7] + RAQQA[8:]
    rev = diff(RAQQA, new, base="ap:1")
    assert rev.moved == (RAQQA[7],) and rev.added == () and rev.removed == ()


def test_comparison_keys_differ_from_reported_texts():
    rev = diff(["A b c."], ["A B C."], base="x", old_keys=[1], new_keys=[1])
    assert rev.counts()["unchanged"] == 1


def test_complete_rewrite_of_a_long_story_is_not_paired_paragraph_by_paragraph():
    old = [f"old paragraph number {i} about the same thing" for i in range(30)]
    new = [f"old paragraph number {i} about the same things" for i in range(30)]
    rev = diff(old, new, base="x")
    assert rev.counts() == {"added": 30, "removed": 30, "changed": 0, "moved": 0, "unchanged": 0}


def test_round_trip():
    rev = diff(RAQQA, RAQQA_WRITETHRU + ["New last paragraph."], base="ap:1")
    assert Revision.from_dict(rev.to_dict()) == rev
