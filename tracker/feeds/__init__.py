"""Feeds: fetching them over HTTP (`fetch`), parsing bytes into stories (`parse`,
`feedxml`, `jsonfeed`), OPML lists (`opml`) and when a feed is next due (`scheduling`).

May import `tracker.types`, `tracker.errors`, `tracker.config` (URL rules) and
`tracker.engine.text` (HTML to text); never storage, the pipeline or the CLI.
"""
