"""Micro-batching, normalisation and storage, with a fake encoder (no model)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from embeddings.base import BatchedEncoder, Encoder, from_bytes, l2_normalise, length_batches, to_bytes


class FakeEncoder(BatchedEncoder):
    """A vector that depends only on the text; records the batches it was given."""

    name, dim, max_tokens, tokenizer = "fake", 8, 16, None

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.batches: list[list[str]] = []

    def _encode_batch(self, texts):
        self.batches.append(list(texts))
        seeds = [int(hashlib.sha256(t.encode()).hexdigest()[:8], 16) for t in texts]
        return np.stack([np.random.default_rng(s).normal(size=self.dim) * 3 for s in seeds])


TEXTS = ["a", "a much longer text than the others", "mid length", "", "xx", "the longest text of them all, by far", "mid size"]


def test_order_restored_after_length_sorted_batching():
    enc = FakeEncoder(batch_size=3)
    together = enc.encode(TEXTS)
    alone = np.concatenate([FakeEncoder(1).encode([t]) for t in TEXTS])
    np.testing.assert_allclose(together, alone, rtol=1e-6)
    assert [len(b) for b in enc.batches] == [3, 3, 1]
    lengths = [len(t) for b in enc.batches for t in b]
    assert lengths == sorted(lengths, reverse=True)  # batches really were length-sorted


def test_shape_norm_dtype_and_empty():
    enc = FakeEncoder(batch_size=4)
    out = enc.encode(TEXTS)
    assert out.shape == (len(TEXTS), 8) and out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, rtol=1e-5)
    empty = enc.encode([])
    assert empty.shape == (0, 8) and empty.dtype == np.float32
    assert isinstance(enc, Encoder)


def test_a_lone_string_is_refused():
    with pytest.raises(TypeError):
        FakeEncoder(2).encode("not a list")


def test_length_batches_cover_every_index_once():
    texts = ["x" * (i * 7 % 13) for i in range(50)]
    batches = list(length_batches(texts, 8))
    assert sorted(i for b in batches for i in b) == list(range(50))
    assert all(len(b) <= 8 for b in batches)


def test_l2_normalise_leaves_zero_rows_zero():
    out = l2_normalise(np.array([[0.0, 0.0], [1.0, 1.0]]))
    assert out[0].tolist() == [0.0, 0.0]
    assert np.isclose(np.linalg.norm(out[1]), 1.0)


def test_storage_is_exact_little_endian_float32():
    rng = np.random.default_rng(0)
    vectors = l2_normalise(rng.normal(size=(50, 512)))
    stored = np.stack([from_bytes(to_bytes(v)) for v in vectors])
    assert len(to_bytes(vectors[0])) == 512 * 4 and stored.dtype == np.float32
    assert np.array_equal(stored, vectors)  # a decision read back from state sees the same vector
    assert to_bytes(np.array([1.0], np.float32)) == b"\x00\x00\x80\x3f"


def test_to_bytes_takes_one_vector():
    with pytest.raises(ValueError):
        to_bytes(np.zeros((2, 3), np.float32))
