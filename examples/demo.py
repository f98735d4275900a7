"""Offline demonstration: serve the sample feeds from 127.0.0.1, poll them once into a
throwaway SQLite file, and print the claim status table and the evidence.

Run with `make demo`. Needs no internet: the feeds in examples/feeds/ were written
for this demo, and the claims are those of the shipped config.yaml.
"""

from __future__ import annotations

import functools
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


def main() -> int:
    handler = functools.partial(QuietHandler, directory=str(HERE / "feeds"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    shipped = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as tmp:
        config = {
            "database": f"sqlite:///{tmp}/demo.sqlite",
            "feeds": [
                {"url": f"{base}/wire-en.xml", "name": "Example Wire"},
                {"url": f"{base}/mirror-atom.xml", "name": "Example Daily"},
                {"url": f"{base}/marathi.xml", "name": "उदाहरण बातमीपत्र"},
            ],
            "claims": shipped["claims"],
        }
        config_path = Path(tmp) / "config.yaml"
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
