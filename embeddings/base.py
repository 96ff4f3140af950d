"""The Encoder contract, length-sorted micro-batching, and compact vector storage.

Every backend returns float32 rows of unit length, so cosine similarity is a dot product:

>>> import numpy as np
>>> rows = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
>>> rows.dtype.name, [[round(float(x), 2) for x in row] for row in rows]
('float32', [[0.6, 0.8], [0.0, 0.0]])
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into unit-length float32 vectors; rows keep the order of the input.

    ``tokenizer`` and ``max_tokens`` are what :func:`embeddings.text.story_text` needs to fit
    a story into the budget the encoder actually reads (longer input is truncated there).
    """

    name: str  # model and backend, e.g. "all-MiniLM-L6-v2/onnx-int8": vectors of different names do not mix
    dim: int
    max_tokens: int  # content tokens per text (special tokens not counted)
    tokenizer: Any  # a ``tokenizers.Tokenizer`` without padding/truncation, for counting

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def length_batches(texts: Sequence[str], batch_size: int) -> Iterator[list[int]]:
    """Indices of ``texts`` in batches of similar length, longest first.

    Similar lengths mean little padding in a batch; longest first means an out-of-memory
    failure shows on the first batch, not after minutes of work.

    >>> list(length_batches(["a", "bbbb", "cc", "ddd", ""], 2))
    [[1, 3], [2, 0], [4]]
    """
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # stable: ties keep input order
    for start in range(0, len(order), batch_size):
        yield order[start : start + batch_size]


class BatchedEncoder(ABC):
    """Shared ``encode``: validate, sort by length, batch, restore order, normalise."""

    name: str
    dim: int
    max_tokens: int
    tokenizer: Any
    batch_size: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):  # a lone string would be encoded character by character
            raise TypeError("encode() takes a sequence of strings, not a string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for batch in length_batches(texts, self.batch_size):
            out[batch] = self._encode_batch([texts[i] for i in batch])
        return l2_normalise(out)

    @abstractmethod
    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) sentence vectors, not necessarily normalised."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} dim={self.dim} max_tokens={self.max_tokens}>"


# One binary encoding for vectors everywhere copydesk stores or sends one (the intake -> desk
# record, story profiles): little-endian float32, exactly what the encoder computed, so a
# decision read back from state is the decision that was made.
STORAGE_DTYPE = np.dtype("<f4")


def to_bytes(vector: np.ndarray) -> bytes:
    """One vector as little-endian float32 bytes.

    >>> v = l2_normalise(np.array([1.0, 2.0, 2.0]))
    >>> len(to_bytes(v)), bool((from_bytes(to_bytes(v)) == v).all())
    (12, True)
    """
    vector = np.asarray(vector)
    if vector.ndim != 1:
        raise ValueError(f"to_bytes takes one vector, got shape {vector.shape}")
    return vector.astype(STORAGE_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """The vector stored by :func:`to_bytes`, as a writable float32 array."""
    return np.frombuffer(data, dtype=STORAGE_DTYPE).astype(np.float32)
