"""Native libraries that must load in a set order (a workaround, not a design).

Written for usearch 2.26.6 (numkong 7.8.6) and onnxruntime 1.32.0: importing onnxruntime
after usearch segfaults inside onnxruntime's extension (``capi/_pybind_state``), which the
ONNX backend does when a worker's intake loads its encoder after the desk imported the
story index. Loading onnxruntime first, where it is installed, avoids it. ``load_usearch``
is the only way copydesk imports usearch; ``tests/unit/test_native.py`` checks the order in
a fresh interpreter and says when the versions it was written for have moved.
"""

from __future__ import annotations

import importlib.util

WRITTEN_FOR = {"usearch": "2.26.6", "onnxruntime": "1.32.0"}


def load_usearch():
    """``usearch.index``, with onnxruntime loaded before it when it is installed."""
    if importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime  # noqa: F401 - must precede usearch, see the module docstring
    from usearch import index

    return index
