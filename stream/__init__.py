"""copydesk: deduplicated wire feed and evolving stories from a Kafka firehose.

The pure algorithms live in ``stream.wire`` (reading copy), ``stream.dedup`` (fingerprints,
duplicate window) and ``stream.stories`` (clustering, attribution); ``stream.desk`` ties them
together. ``stream.app`` is the thin Faust layer around them. Importing this package does not
import Faust.
"""
