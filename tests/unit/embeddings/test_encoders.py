"""The real model, on both backends: shape, order, meaning, and ONNX int8 vs torch fp32."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import numpy as np
import pytest

from embeddings import export_onnx, load_encoder, story_text
from embeddings.text import count_tokens

from .sentences import PARAPHRASES, VARIED

pytestmark = pytest.mark.model


def test_shape_norm_dtype(encoder):
    out = encoder.encode(VARIED[:10])
    assert out.shape == (10, encoder.dim) == (10, 384)
    assert out.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_empty_input(encoder):
    out = encoder.encode([])
    assert out.shape == (0, 384) and out.dtype == np.float32


def test_name_says_model_and_backend(torch_encoder, onnx_encoder):
    assert torch_encoder.name == "all-MiniLM-L6-v2/torch-fp32"
    assert onnx_encoder.name == "all-MiniLM-L6-v2/onnx-int8"


def test_order_preserved_with_length_sorted_batches(torch_encoder):
    # Batches of 4 over texts of very different lengths: each row must be its own text's.
    texts = VARIED[20:40]
    batched = torch_encoder.encode(texts)
    alone = np.concatenate([torch_encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(batched, alone, atol=2e-5)


def test_order_preserved_onnx(onnx_encoder):
    # int8 activations are quantised per batch, so batch-mates move a vector a little; it
    # must still be the same text's vector, not a neighbour's.
    texts = VARIED[20:40]
    batched = onnx_encoder.encode(texts)
    alone = np.concatenate([onnx_encoder.encode([t]) for t in texts])
    sims = batched @ alone.T
    assert (sims.argmax(axis=1) == np.arange(len(texts))).all()
    assert np.diag(sims).min() > 0.95  # a one-word text among long ones moves most (~0.975)


@pytest.mark.parametrize("i", range(len(PARAPHRASES)))
def test_paraphrase_closer_than_unrelated(encoder, i):
    # MiniLM scores a jargon paraphrase ("lifted borrowing costs") as low as ~0.33, and
    # unrelated news near 0: demand a clear gap, not a high absolute score.
    text, paraphrase, unrelated = encoder.encode(list(PARAPHRASES[i]))
    assert text @ paraphrase > text @ unrelated + 0.25


def test_onnx_agrees_with_torch_on_varied_sentences(torch_encoder, onnx_encoder):
    cos = (torch_encoder.encode(VARIED) * onnx_encoder.encode(VARIED)).sum(axis=1)
    assert len(VARIED) >= 50
    assert cos.min() >= 0.97, cos.min()


def test_onnx_agrees_with_torch_on_reuters(torch_encoder, onnx_encoder, shared_data):
    texts = []
    with gzip.open(shared_data / "reuters21578.jsonl.gz", "rt") as lines:
        for line in lines:
            item = json.loads(line)
            texts.append(story_text(item.get("headline") or "", (item.get("body_text") or "").split("\n\n"),
                                    torch_encoder.tokenizer, torch_encoder.max_tokens))
            if len(texts) == 200:
                break
    cos = (torch_encoder.encode(texts) * onnx_encoder.encode(texts)).sum(axis=1)
    assert cos.min() >= 0.97 and cos.mean() >= 0.985, (cos.min(), cos.mean())


def test_encoder_reads_the_whole_budget_and_no_more(encoder):
    # story_text's budget is what the encoder reads: text past it changes nothing.
    assert encoder.max_tokens == 128
    words = " ".join(f"word{i}" for i in range(400))
    text = story_text("Head", [words], encoder.tokenizer, encoder.max_tokens)
    assert count_tokens(encoder.tokenizer, text) <= encoder.max_tokens
    a, b = encoder.encode([words, words + " and then something entirely different about football"])
    assert a @ b > 0.9999


def test_export_is_cached(onnx_cfg, onnx_encoder):
    path = export_onnx(onnx_cfg)  # the encoder fixture exported already
    assert path == onnx_encoder.onnx_file and path.is_file()
    before = path.stat().st_mtime_ns
    assert export_onnx(onnx_cfg) == path
    load_encoder(onnx_cfg)
    assert path.stat().st_mtime_ns == before  # neither call re-exported
    assert json.loads((path.parent / "meta.json").read_text())["pooling"] == "mean"
    assert [p.name for p in path.parent.iterdir()] and not any(p.name.startswith(".export") for p in path.parent.parent.iterdir())


def test_explicit_model_path(tmp_path):
    from embeddings.loader import resolve_model_path
    from stream.settings import Embeddings

    packaged = resolve_model_path(Embeddings())
    enc = load_encoder(Embeddings(backend="torch", model_path=str(packaged)))
    assert enc.name == "all-MiniLM-L6-v2/torch-fp32"
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_cached_onnx_start_does_not_import_torch(onnx_cfg, onnx_encoder):
    # A worker on the onnx backend starts in about a second and without torch's memory.
    import subprocess
    import sys

    code = (
        "import sys; from embeddings import load_encoder; from stream.settings import Embeddings; "
        f"e = load_encoder(Embeddings(backend='onnx', onnx_cache_dir={str(onnx_cfg.onnx_cache_dir)!r})); "
        "e.encode(['x']); print('torch' in sys.modules)"
    )
    from tests.helpers.paths import ROOT as root
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120, cwd=root)
    assert out.stdout.strip() == "False"


def test_an_onnx_vector_does_not_depend_on_its_neighbours(onnx_encoder):
    # Replay and the stream batch items differently; their vectors must still be equal.
    texts = ["Gold", "Syrian troops push into Raqqa province toward the Tabqa dam. " * 6, "Port strike in Hamburg"]
    together = onnx_encoder.encode(texts)
    alone = [onnx_encoder.encode([t])[0] for t in texts]
    assert all((together[i] == alone[i]).all() for i in range(len(texts)))
