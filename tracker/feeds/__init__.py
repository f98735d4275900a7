"""Feeds: fetching them over HTTP (`fetch`), parsing bytes into stories (`parse`,
`feedxml`, `jsonfeed`), OPML lists (`opml`), when a feed is due (`scheduling`) and
when a permanent redirect is followed (`redirects`). `scheduling` and `redirects` are
pure: storage applies them.

May import `tracker.types`, `tracker.errors`, `tracker.config` (URL rules) and
`tracker.engine.text` (HTML to text); never storage, the pipeline or the CLI.
"""
