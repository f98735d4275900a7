"""The daily digest: its content and rendering (`content`, pure), the email message
and SMTP (`mail`), and choosing the window, recording and retrying a send (`delivery`).

May import `tracker.types`, `tracker.errors`, `tracker.config`, the engine and
storage; never the pipeline, the daemon or the CLI.
"""
