"""Offline demonstration: serve the sample feeds from 127.0.0.1, poll them once into a
SQLite file in a new temporary folder, print the claim status table and the evidence,
and say how to go on with that database (review, digest preview, web).

Run with `make demo`. Needs no internet: the feeds in examples/feeds/ were written
for this demo, and the claims are those of the shipped config.yaml. The folder is
kept (its name is printed) so the next commands have something to work on; delete
it when done.
"""

from __future__ import annotations

import functools
import shlex
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def next_commands(config_path: Path, folder: Path) -> list[str]:
    """What to run on the demo's database next (`tracker web` once it exists)."""
    from tracker.cli import main as cli

    tracker = f"tracker --config {shlex.quote(str(config_path))}"
    commands = [
        # The poll matched on the lexical path; the daemon embeds the stories a moment
        # later and moves their verdicts to the semantic path: this does it now.
        f"{tracker} embed",
        f"{tracker} review",
        f"{tracker} digest --preview {shlex.quote(str(folder / 'digest'))}",
        f"{tracker} evidence --claim chips-50k",
    ]
    if "web" in cli.commands:
        commands.append(f"{tracker} web")
    return commands


def main() -> int:
    handler = functools.partial(QuietHandler, directory=str(HERE / "feeds"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    shipped = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    # Kept after the demo (not a TemporaryDirectory): the next commands use it.
    folder = Path(tempfile.mkdtemp(prefix="tracker-demo-"))
    config = {
        # Relative: the database is the config file's neighbour.
        "database": "sqlite:///demo.sqlite",
        "feeds": [
            {"url": f"{base}/wire-en.xml", "name": "Example Wire"},
            {"url": f"{base}/mirror-atom.xml", "name": "Example Daily"},
            {"url": f"{base}/marathi.xml", "name": "उदाहरण बातमीपत्र"},
        ],
        "claims": shipped["claims"],
    }
    config_path = folder / "config.yaml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    tracker = [sys.executable, "-m", "tracker", "--config", str(config_path)]
    try:
        for args in (["init"], ["poll", "--once", "--all"], ["claims"], ["evidence"]):
            print(f"\n$ tracker {' '.join(args)}", flush=True)
            subprocess.run([*tracker, *args], check=True)
    except subprocess.CalledProcessError as exc:
        return exc.returncode
    finally:
        server.shutdown()
    print(
        f"\nThe demo's config and database are kept in {folder} (delete it when done).\n"
        "Go on with them (in the virtual environment: . .venv/bin/activate):\n"
        + "".join(f"  {command}\n" for command in next_commands(config_path, folder))
        + "The sample feeds were served only while the demo ran: `tracker poll` would find "
        "them gone.",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
