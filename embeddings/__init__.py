"""Sentence embeddings for wire copy: what text is embedded, and the encoders that embed it.

No Faust here: the stream layer calls :func:`load_encoder` once and ``encode`` per batch.

>>> from embeddings import story_text, to_bytes, from_bytes, Encoder
>>> callable(story_text), callable(to_bytes)
(True, True)

Typical use (loads the model, so not run here)::

    enc = load_encoder(settings.current().embeddings)
    texts = [story_text(item.headline, item.paragraphs, enc.tokenizer, enc.max_tokens) for item in items]
    vectors = enc.encode(texts)          # (n, enc.dim) float32, unit rows
"""

from embeddings.base import Encoder, from_bytes, l2_normalise, to_bytes
from embeddings.loader import ModelPathError, item_encoder, load_encoder, resolve_model_path
from embeddings.onnx import export_onnx
from embeddings.text import count_tokens, story_text


__all__ = [
    "Encoder",
    "ModelPathError",
    "count_tokens",
    "export_onnx",
    "from_bytes",
    "item_encoder",
    "l2_normalise",
    "load_encoder",
    "resolve_model_path",
    "story_text",
    "to_bytes",
]
