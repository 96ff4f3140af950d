"""What tests share, imported by name (never from a conftest): paths and sample items
(``paths``), items and vectors for the story engine (``stories``), dedup fixtures as text
(``dedup``), story snapshots shaped like the desk's (``snapshots``, also a pytest plugin for
its fixtures) and readers of a real worker's outputs (``worker``)."""
