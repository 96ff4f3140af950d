"""Configuration errors and the export cache key (no model is loaded)."""

from __future__ import annotations

import os
import shutil

import pytest

from embeddings import ModelPathError, export_onnx, load_encoder
from embeddings.onnx import cache_key, export_path, layout
from embeddings.loader import resolve_model_path
from stream.settings import Embeddings


@pytest.mark.parametrize("call", [load_encoder, export_onnx], ids=["load_encoder", "export_onnx"])
def test_missing_model_path_names_the_key(tmp_path, call):
    with pytest.raises(ModelPathError, match=r"embeddings\.model_path = '.*nope' is not a directory") as err:
        call(Embeddings(model_path=str(tmp_path / "nope"), backend="onnx", onnx_cache_dir=tmp_path))
    assert isinstance(err.value, SystemExit)  # start-up stops like any other bad setting
    assert "COPYDESK_EMBEDDINGS_MODEL_PATH" in str(err.value)


def test_directory_that_is_not_a_model(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ModelPathError, match=r"embeddings\.model_path .* not a sentence-transformers model"):
        load_encoder(Embeddings(model_path=str(tmp_path), backend="onnx"))
    with pytest.raises(ModelPathError, match=r"embeddings\.model_path .* has no sp.model, weights.npz"):
        load_encoder(Embeddings(model_path=str(tmp_path), backend="use"))


def test_different_model_gets_its_own_export(tmp_path):
    packaged = resolve_model_path(Embeddings())
    copy = tmp_path / "my-model"
    copy.mkdir()
    for name in ("config.json", "modules.json"):
        shutil.copy2(packaged / name, copy / name)
    cfg = Embeddings(onnx_cache_dir=tmp_path / "cache")
    a, b = export_path(cfg, packaged), export_path(cfg, copy)
    assert a.parent != b.parent and b.parent.name.startswith("my-model-")
    key = cache_key(copy)
    assert cache_key(copy) == key  # stable
    (copy / "config.json").write_text((copy / "config.json").read_text() + "\n")
    os.utime(copy / "config.json", ns=(1, 1))
    assert cache_key(copy) != key  # an updated model is exported again


def test_layout_of_the_packaged_model():
    info = layout(resolve_model_path(Embeddings()))
    assert info["pooling"] == "mean" and info["dim"] == 384 and info["max_seq_length"] == 256


def test_layout_refuses_heads_it_cannot_run(tmp_path):
    (tmp_path / "modules.json").write_text(
        '[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},'
        ' {"idx": 1, "name": "1", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]'
    )
    (tmp_path / "config.json").write_text('{"hidden_size": 8}')
    with pytest.raises(NotImplementedError, match="Dense"):
        layout(tmp_path)


def test_layout_of_an_older_model_with_a_transformer_subdirectory(tmp_path):
    (tmp_path / "modules.json").write_text(
        '[{"idx": 0, "name": "0", "path": "0_Transformer", "type": "sentence_transformers.models.Transformer"},'
        ' {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]'
    )
    (tmp_path / "0_Transformer").mkdir()
    (tmp_path / "0_Transformer" / "config.json").write_text('{"hidden_size": 768, "max_position_embeddings": 514}')
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(
        '{"word_embedding_dimension": 768, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}'
    )
    info = layout(tmp_path)
    assert info["transformer"] == tmp_path / "0_Transformer"
    assert (info["pooling"], info["dim"], info["max_seq_length"]) == ("cls", 768, 514)
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode": "max"}')
    with pytest.raises(NotImplementedError, match="'max'"):
        layout(tmp_path)
