"""The worker layer: thin Faust wiring around the pure pipeline (``stream.wire``, ``dedup``,
``stories``, ``desk``).

Faust's autodiscovery imports every module here when a worker starts: ``topics``,
``intake`` and ``decide`` (the agents, with the tables they own), ``probes`` (health),
``web`` and ``metrics``. Each imports ``stream.app``; ``stream.app`` imports none of them.
"""
