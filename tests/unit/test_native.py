"""The load order of native libraries (stream/native.py), each case in a fresh interpreter."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest

from stream.native import WRITTEN_FOR


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_onnxruntime_loads_after_the_story_index():
    pytest.importorskip("onnxruntime")
    done = python("import stream.stories.index, onnxruntime; print('loaded')")
    assert done.returncode == 0 and "loaded" in done.stdout, done.stderr[-2000:]


def test_the_workaround_is_for_the_installed_versions():
    """When either library moves, check whether the crash is still there and update WRITTEN_FOR."""
    for name, version in WRITTEN_FOR.items():
        assert importlib.metadata.version(name) == version, f"{name} moved: re-check stream/native.py"
