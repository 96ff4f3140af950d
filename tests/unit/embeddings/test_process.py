"""The encoder in a child process (embeddings/process.py): the same vectors, a clear load
error, and a child that dies replaced."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import numpy as np
import pytest

from embeddings.process import ProcessEncoder, Text
from stream import settings


@pytest.mark.model
def test_the_child_computes_the_vectors_the_worker_would():
    from embeddings import item_encoder

    cfg = settings.encoder_config(settings.load())
    items = [Text("Quake hits Iran", ("A strong earthquake struck western Iran on Sunday.",)),
             Text("Dockers strike in Rotterdam", ("Port workers walked out over pay.",))]
    child = ProcessEncoder("embeddings.loader:item_encoder", cfg)
    try:
        np.testing.assert_array_equal(child(items), item_encoder(cfg)(items))
    finally:
        child.close()


def failing_encoder(cfg):
    """A model that cannot be loaded (built in the child, by name)."""
    raise SystemExit(f"copydesk: no model at {cfg!r}")


def test_a_model_that_cannot_load_fails_the_start_with_its_own_error():
    with pytest.raises(SystemExit, match="no model at '/nowhere'"):
        ProcessEncoder(f"{__name__}:failing_encoder", "/nowhere")


def test_a_child_that_dies_is_replaced_and_the_next_call_works():
    enc = ProcessEncoder("embeddings.process:_toy_encoder", None)
    try:
        (pid,) = list(enc.pool._processes)
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):
            enc([Text("x", ())])
        assert enc([Text("abc", ("p",))]).tolist() == [[3.0, 1.0]]
    finally:
        enc.close()
