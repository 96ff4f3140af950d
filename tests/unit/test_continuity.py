"""Offset continuity: a jump in a partition's offsets names the hole to read again."""

from stream.continuity import Continuity


def test_contiguous_offsets_have_no_hole():
    c = Continuity()
    c.assigned("p", committed=5)
    assert [c.check("p", o) for o in range(5, 50)] == [None] * 45


def test_a_first_record_past_the_committed_offset_names_the_hole_until_it_is_filled():
    """The rebalance case: the new owner's first record is not the committed one."""
    c = Continuity()
    c.assigned("p", committed=28)
    assert c.check("p", 33) == 28
    assert c.check("p", 33) == 28  # not filled: still a hole
    c.filled("p", 33)
    assert [c.check("p", o) for o in range(34, 40)] == [None] * 6
    assert c.check("p", 41) == 40  # a later hole


def test_records_delivered_again_are_not_holes():
    c = Continuity()
    c.assigned("p", committed=0)
    assert [c.check("p", o) for o in (0, 1, 2, 0, 1, 2, 3)] == [None] * 7


def test_partitions_are_independent_and_forgotten_when_revoked():
    c = Continuity()
    c.assigned("p", committed=10)
    c.assigned("q", committed=0)
    assert c.check("q", 0) is None and c.check("p", 12) == 10
    c.revoked("p")
    assert c.check("p", 99) is None  # unknown start (no committed offset): nothing to compare with
    assert c.check("q", 1) is None


def test_an_older_record_delivered_again_does_not_move_the_expected_offset_back():
    """A redelivery of offset 2 after 0..5 must not make 6 look like a hole from 3."""
    c = Continuity()
    c.assigned("p", committed=0)
    assert [c.check("p", o) for o in range(6)] == [None] * 6
    assert c.check("p", 2) is None  # redelivered
    assert c.check("p", 6) is None  # no hole: 3..5 were delivered already
    assert c.expected["p"] == 7
