"""Encoders for the embeddings tests: loaded once per session (the model takes seconds).

The ONNX export goes to a session temporary directory, so tests never touch the
developer's ``.copydesk/onnx`` cache and always exercise a fresh export once.
"""

from __future__ import annotations

import pytest

from stream.settings import Embeddings


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


# Explicit knobs: the tests must not move when the shipped defaults do.
@pytest.fixture(scope="session")
def torch_cfg() -> Embeddings:
    return Embeddings(backend="torch", max_tokens=128, batch_size=32, threads=2)


@pytest.fixture(scope="session")
def onnx_cfg(onnx_cache) -> Embeddings:
    return Embeddings(backend="onnx", max_tokens=128, batch_size=32, threads=2, onnx_cache_dir=onnx_cache)


@pytest.fixture(scope="session")
def torch_encoder(torch_cfg):
    from embeddings import load_encoder

    return load_encoder(torch_cfg)


@pytest.fixture(scope="session")
def onnx_encoder(onnx_cfg):
    from embeddings import load_encoder

    return load_encoder(onnx_cfg)


@pytest.fixture(params=["torch", "onnx"])
def encoder(request):
    """Each backend in turn."""
    return request.getfixturevalue(f"{request.param}_encoder")
