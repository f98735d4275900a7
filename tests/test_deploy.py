"""The deployment files: systemd units, Dockerfile and compose.yaml.

No Docker engine runs where these tests run, so the image is not built here; the
tests check what can be checked without one: the units with `systemd-analyze`
(when present), the Dockerfile's and compose.yaml's essentials, and the wheel the
Dockerfile installs, built the way it builds it.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
UNITS = ("tracker.service", "tracker-web.service")
INSTALLED = "/opt/claim-tracker/bin/tracker"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ROOT / "deploy" / name, encoding="utf-8")
    return parser


@pytest.mark.parametrize("name", UNITS)
def test_units_run_as_a_dedicated_sandboxed_user(name: str) -> None:
    service = unit(name)["Service"]
    assert service["User"] == "claim-tracker" and service["Group"] == "claim-tracker"
    assert service["Restart"] == "on-failure"
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
        "StateDirectory": "claim-tracker",
    }.items():
        assert service[key] == value, key
    assert service["ExecStart"].startswith(INSTALLED)
    assert "--log-format json" in service["ExecStart"]
    assert unit(name)["Install"]["WantedBy"] == "multi-user.target"


def test_daemon_unit_serves_metrics_and_web_unit_binds_loopback() -> None:
    assert "run --metrics-port 9464" in unit("tracker.service")["Service"]["ExecStart"]
    assert unit("tracker.service")["Service"]["KillSignal"] == "SIGTERM"
    assert "web --host 127.0.0.1" in unit("tracker-web.service")["Service"]["ExecStart"]


def test_units_verify_with_systemd_analyze(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed: the units were not verified")
    # `verify` checks that ExecStart's program exists: point it at this environment's.
    tracker = Path(sys.executable).with_name("tracker")
    if not tracker.exists():
        pytest.skip(f"{tracker} not found (install the package into this environment)")
    for name in UNITS:
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace(INSTALLED, str(tracker)), encoding="utf-8")
    result = subprocess.run(
        [analyze, "verify", *(str(tmp_path / n) for n in UNITS)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
    for name in UNITS:
        security = subprocess.run(
            [analyze, "security", "--offline=true", str(tmp_path / name)],
            capture_output=True,
            text=True,
        )
        match = re.search(r"Overall exposure level for \S+: ([\d.]+)", security.stdout)
        assert match, security.stdout + security.stderr
        assert float(match.group(1)) < 3.0, f"{name}: exposure {match.group(1)}"


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, arguments), continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n\s*", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, args = line.partition(" ")
            out.append((instruction.upper(), args.strip()))
    return out


def test_dockerfile_installs_the_wheel_into_slim_python_as_non_root() -> None:
    steps = dockerfile()
    froms = [args for ins, args in steps if ins == "FROM"]
    assert froms and all(re.match(r"python:3\.1[1-9]-slim\b", f) for f in froms), froms
    final = max(i for i, (ins, _) in enumerate(steps) if ins == "FROM")
    runtime = steps[final:]
    assert any(ins == "RUN" and "pip wheel" in args for ins, args in steps[:final])
    assert any(ins == "RUN" and re.search(r"pip install .*\.whl", args) for ins, args in runtime)
    users = [args for ins, args in runtime if ins == "USER"]
    assert users and users[-1] not in ("root", "0"), users
    user_at = max(i for i, (ins, _) in enumerate(runtime) if ins == "USER")
    assert all(ins != "RUN" for ins, _ in runtime[user_at:]), "commands after USER run as it"
    assert ("ENTRYPOINT", '["tracker"]') in runtime
    for ins, args in steps:
        if ins == "COPY" and not args.startswith("--from"):
            *sources, _ = args.split()
            for source in sources:
                assert (ROOT / source).exists(), f"COPY {source}: not in the repository"


def test_compose_runs_postgresql_two_daemons_and_the_web_app() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert re.match(r"postgres:1[5-9]", services["postgres"]["image"])
    trackers = {n: s for n, s in services.items() if s.get("image") == "claim-tracker:latest"}
    daemons = [n for n, s in trackers.items() if s["command"][0] == "run"]
    webs = [n for n, s in trackers.items() if s["command"][0] == "web"]
    assert len(daemons) >= 2 and len(webs) == 1
    urls = {s["environment"]["TRACKER_DATABASE_URL"] for s in trackers.values()}
    assert len(urls) == 1 and "@postgres:5432/" in urls.pop()
    for name in daemons + webs:
        s = trackers[name]
        assert s["build"] == "." and s["depends_on"]["init"]["condition"] == (
            "service_completed_successfully"
        )
        assert all(p.startswith("127.0.0.1:") for p in s.get("ports", [])), name
    for name in daemons:
        assert "--metrics-port" in trackers[name]["command"]
    assert trackers["init"]["command"] == ["init"]
    assert "--host" in trackers[webs[0]]["command"]


def test_the_wheel_the_dockerfile_installs_carries_templates_and_migrations(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
         str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("claim_tracker-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "tracker/web/templates/index.html",
        "tracker/web/templates/claim.html",
        "tracker/web/static/style.css",
        "tracker/migrations/env.py",
        "tracker/data/stance_model.json",
    ):
        assert expected in names, expected
    assert any(n.startswith("tracker/migrations/versions/") for n in names)
