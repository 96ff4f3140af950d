"""Offset continuity: holes in a partition's offsets are sought back once, gaps that hold no records are accepted."""

from stream.continuity import Continuity


def test_contiguous_offsets_never_seek():
    c = Continuity()
    c.assigned("p", committed=5)
    assert [c.check("p", o) for o in range(5, 50)] == [None] * 45


def test_a_first_record_past_the_committed_offset_seeks_back_to_it():
    """The rebalance case: the new owner's first record is not the committed one."""
    c = Continuity()
    c.assigned("p", committed=28)
    assert c.check("p", 33) == 28
    assert [c.check("p", o) for o in (34, 35)] == [None, None]  # fetched before the seek
    assert [c.check("p", o) for o in range(28, 40)] == [None] * 12  # the hole and on, read again
    assert c.check("p", 41) == 40  # a later hole is sought back again


def test_a_gap_that_holds_no_records_is_accepted_after_one_look():
    c = Continuity()
    c.assigned("p", committed=0)
    c.check("p", 0)
    assert c.check("p", 3) == 1  # offsets 1-2 might be transaction markers...
    assert c.check("p", 3) is None  # ...read again from 1, the partition still starts at 3
    assert [c.check("p", o) for o in (4, 5)] == [None, None]


def test_partitions_are_independent_and_forgotten_when_revoked():
    c = Continuity()
    c.assigned("p", committed=10)
    c.assigned("q", committed=0)
    assert c.check("q", 0) is None and c.check("p", 12) == 10
    c.revoked("p")
    assert c.check("p", 99) is None  # unknown start (no committed offset): nothing to compare with
    assert c.check("q", 1) is None
