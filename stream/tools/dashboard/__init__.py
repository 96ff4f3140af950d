"""The news desk dashboard: ``copydesk dashboard``, a companion process to the workers.

It reads the story topics (``stories.state`` from the beginning, ``stories.events`` from
near its end) into memory and serves a page, a JSON API and a server-sent event stream.
Any number of dashboards can run; none of them takes part in the workers' group.
"""
