"""Fixtures for the stream layer: the real local broker and real worker processes.

Every test gets its own run (``stream.tools.harness``): its own app id and topic prefix, and
every worker its own web port and table directory, so runs never see each other's data.
Session timeouts are short so that a killed worker's partitions move in seconds.
"""

from __future__ import annotations

import pytest

from stream.tools.harness import FAST_FAILOVER, Run


@pytest.fixture
def run(broker, tmp_path, request):
    """A fresh deployment for one test; its workers are killed afterwards."""
    r = Run.new(tmp_path, extra=dict(FAST_FAILOVER))
    yield r
    for w in r.workers:
        w.kill()
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        for w in r.workers:
            print(f"--- worker {w.label} log ---\n{w.tail(80)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
