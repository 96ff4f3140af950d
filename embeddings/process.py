"""An item encoder in a process of its own.

In a worker the encoder shares one interpreter with the event loop that parses, decides
and talks to Kafka: the two take turns on the GIL, and the model's BLAS threads compete
with the loop. In a child process they run on different cores. Only texts go over (the
headline and paragraphs of each item) and only vectors come back.

>>> enc = ProcessEncoder("embeddings.process:_toy_encoder", None)
>>> enc([Text("Quake hits Iran", ("A strong quake",)), Text("Rain", ())]).tolist()
[[15.0, 1.0], [4.0, 0.0]]
>>> enc.close()
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple

import numpy as np

_encode = None  # in the child: the loaded encoder


class Text(NamedTuple):
    """What an item encoder reads of an item."""

    headline: str
    paragraphs: tuple[str, ...]


class ProcessEncoder:
    """``items -> vectors`` like :func:`embeddings.item_encoder`, computed in a child process
    started with ``spawn`` (never a fork of a process with threads). ``factory`` names a
    ``module:function`` that builds the encoder from ``cfg`` in the child. A child that dies
    is replaced on the next call; the call that saw it die raises (the caller retries)."""

    def __init__(self, factory: str, cfg: Any) -> None:
        self.factory, self.cfg = factory, cfg
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(1, mp_context=ctx)
        try:  # the model is loaded here, once; its error (a wrong model path) raised here
            pool.submit(_load, self.factory, self.cfg, os.getpid()).result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return pool

    def __call__(self, items) -> np.ndarray:
        texts = [Text(i.headline, tuple(i.paragraphs)) for i in items]
        try:
            return self.pool.submit(_run, texts).result()
        except BrokenProcessPool:
            self.pool = self._start()
            raise

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def _load(factory: str, cfg: Any, parent: int) -> None:
    global _encode
    module, _, name = factory.partition(":")
    _encode = getattr(importlib.import_module(module), name)(cfg)
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()


def _orphaned(parent: int) -> None:
    """Exit once the worker that started us is gone (a SIGKILL leaves no one to stop us)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _run(texts: list[Text]) -> np.ndarray:
    return np.asarray(_encode(texts))


def _toy_encoder(cfg: Any):
    """For the doctest: headline length and paragraph count."""
    return lambda texts: np.array([[len(t.headline), len(t.paragraphs)] for t in texts], dtype=np.float32)
