"""The reference backend: sentence-transformers on torch, float32, CPU.

Any local sentence-transformers directory works (its own pooling/normalising modules run).
Load through :func:`embeddings.loader.load_encoder`, which resolves the path and goes offline.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from embeddings.base import BatchedEncoder
from embeddings.text import load_tokenizer


class SentenceEncoder(BatchedEncoder):
    backend = "torch-fp32"

    def __init__(self, model_dir: Path, *, name: str, max_tokens: int, batch_size: int, threads: int):
        import torch
        from sentence_transformers import SentenceTransformer

        # Process-wide, but this process embeds on CPU only; more threads than cores just
        # fight each other (and the event loop).
        torch.set_num_threads(threads)
        self.model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.model.eval()
        self.tokenizer = load_tokenizer(model_dir)
        specials = len(self.tokenizer.encode("", add_special_tokens=True).ids)
        model_limit = self.model.max_seq_length or 512
        # The same budget as story_text's, so what was counted is what is read; the onnx
        # backend truncates at the same length.
        self.max_tokens = min(max_tokens, model_limit - specials)
        self.model.max_seq_length = self.max_tokens + specials
        self.dim = int(self.model.get_embedding_dimension())
        self.batch_size = batch_size
        self.name = f"{name}/{self.backend}"

    @classmethod
    def from_config(cls, cfg, model_dir: Path) -> SentenceEncoder:
        from embeddings.loader import model_name

        return cls(
            model_dir,
            name=model_name(model_dir),
            max_tokens=cfg.max_tokens,
            batch_size=cfg.batch_size,
            threads=cfg.threads,
        )

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        # One call per length-sorted batch (BatchedEncoder sorts); sentence-transformers'
        # own re-sort within the batch is then a no-op.
        return self.model.encode(
            texts, batch_size=len(texts), convert_to_numpy=True, show_progress_bar=False
        ).astype(np.float32, copy=False)
