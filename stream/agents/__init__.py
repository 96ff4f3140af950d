"""Faust agents: thin wiring around the pure pipeline in ``stream.wire``/``dedup``/``stories``.

Agents register on the one ``stream.app.app``, which imports them (and the web views) at its
end. Importing this package therefore imports the app first, whatever the entry point.
"""

import stream.app  # noqa: F401
