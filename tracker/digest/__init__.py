"""The daily digest: its content and rendering (`content`, pure), the rules of
sending it (`rules`, pure: the day, the window, who may take it, when to retry), the
email message and SMTP (`mail`), and reading, sending and recording it (`delivery`).

May import `tracker.types`, `tracker.errors`, `tracker.config` and storage; never
the pipeline, the daemon or the CLI. Storage imports `rules` (the pure part) only.
"""
