"""Command-line conventions of the ecosystem: ``--version``, and help that needs no display."""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys

import planner
from tests.helpers.cli_support import ROOT, run


def test_version_prints_the_installed_version_and_exits_0():
    done = run("--version")
    assert done.returncode == 0, done.stderr
    installed = importlib.metadata.version("force-planner")
    assert done.stdout.strip() == f"force-planner {installed}"
    assert installed == planner.__version__  # one source: pyproject reads planner.__version__


def test_gui_help_prints_help_without_a_display_and_solves_nothing():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-m", "force_planner", "gui", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: force-planner gui")
    assert "--screenshot" in done.stdout
    assert "showing the solved default scenario" not in done.stderr
    assert not done.stderr


def test_package_metadata_names_licence_and_authors():
    meta = importlib.metadata.metadata("force-planner")
    assert meta["License-Expression"] == "MIT"
    assert "Force Planner developers" in (meta["Author"] or meta["Author-email"] or "")
    assert "Topic :: Scientific/Engineering :: Mathematics" in meta.get_all("Classifier")
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()


def _force_planner(*args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    kwargs.setdefault("text", True)
    return subprocess.Popen(
        [sys.executable, "-m", "force_planner", *args], cwd=ROOT, env=env, **kwargs
    )


def test_a_full_disk_on_stdout_is_one_line_and_exit_1():
    for args in (("default",), ("solve", "resources/default_scenario.json", "--json")):
        with open("/dev/full", "w") as full:
            proc = _force_planner(*args, stdout=full, stderr=subprocess.PIPE)
            _, err = proc.communicate(timeout=180)
        assert proc.returncode == 1, (args, err)
        assert err.strip().splitlines() == [
            "force-planner: cannot write the output: No space left on device"
        ], args


def test_a_reader_that_goes_away_ends_quietly():
    proc = _force_planner("default", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written (`| head -c 0`)
    err = proc.stderr.read()
    proc.wait(timeout=180)
    assert proc.returncode == 0
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_dash_reads_the_scenario_from_standard_input():
    text = (ROOT / "resources" / "default_scenario.json").read_text()
    proc = _force_planner("validate", "-", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = proc.communicate(text, timeout=180)
    assert proc.returncode == 0
    assert out.startswith("standard input: valid scenario 'European Reassurance Force")
    proc = _force_planner("solve", "-", "--json", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out, _ = proc.communicate(text, timeout=180)
    from_file = run("solve", "resources/default_scenario.json", "--json")
    assert proc.returncode == from_file.returncode == 0
    assert json.loads(out)["allocation"] == json.loads(from_file.stdout)["allocation"]


def test_dash_on_bad_input_names_standard_input_in_one_line():
    proc = _force_planner("solve", "-", stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = proc.communicate('{"name": ', timeout=180)
    assert proc.returncode == 1
    assert err.strip().splitlines() == [
        "force-planner: standard input: not valid JSON: Expecting value at line 1 column 10"
    ]


def test_dash_refuses_a_terminal_instead_of_waiting():
    import pty

    leader, follower = pty.openpty()
    try:
        proc = _force_planner("validate", "-", stdin=follower, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=180)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 1
    assert "standard input is a terminal" in err and len(err.strip().splitlines()) == 1


def test_dash_output_writes_the_brief_and_exports_to_standard_output(tmp_path):
    proc = _force_planner(
        "brief", "resources/default_scenario.json", "-o", "-", "--analyses", "none",
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=False,
    )  # fmt: skip
    pdf, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert err.decode().strip().startswith("standard output: ")  # the status line is on stderr
    assert not (ROOT / "-").exists()

    db = tmp_path / "w.db"
    assert run("workspace", "--db", db, "import", "resources/default_scenario.json").returncode == 0
    name = "European Reassurance Force for Ukraine - baseline"
    exported = run("workspace", "--db", db, "export", f"{name}@1", "-o", "-")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["name"] == name
    assert "-> standard output" in exported.stderr
    results = run("workspace", "--db", db, "export-results", name, "-o", "-")
    assert results.returncode == 0, results.stderr
    assert results.stdout.splitlines()[0].count(",") >= 2  # the CSV header, on stdout


def test_a_pdf_is_not_written_to_a_terminal():
    import pty

    leader, follower = pty.openpty()
    try:
        proc = _force_planner(
            "brief", "resources/default_scenario.json", "-o", "-",
            stdout=follower, stderr=subprocess.PIPE,
        )  # fmt: skip
        _, err = proc.communicate(timeout=180)
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 1
    assert err.strip().splitlines() == [
        "force-planner: will not write the brief to a terminal; redirect it: -o - > FILE"
    ]


def _complete(script: str, *words: str) -> list[str]:
    """What bash offers for the last of `words`, with the generated script loaded."""
    line = " ".join(f"'{w}'" for w in ("force-planner", *words))
    done = subprocess.run(
        ["bash", "-c", f'eval "$1"; COMP_WORDS=({line}); COMP_CWORD={len(words)}; '
         '_force_planner; printf "%s\\n" "${COMPREPLY[@]}"', "_", script],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completion_is_generated_from_the_parser():
    script = run("completion", "bash")
    assert script.returncode == 0, script.stderr
    assert subprocess.run(["bash", "-n"], input=script.stdout, text=True).returncode == 0
    assert _complete(script.stdout, "ana") == ["analyse"]
    assert _complete(script.stdout, "analyse", "sus") == ["sustainment"]
    assert _complete(script.stdout, "solve", "x.json", "--ti") == ["--time-limit"]
    assert _complete(script.stdout, "workspace", "--db", "x.db", "ex") == [
        "export",
        "export-results",
    ]
    assert "gui" in _complete(script.stdout, "g")  # the launcher's own verb


def test_zsh_completion_loads_the_same_function_through_bashcompinit():
    script = run("completion", "zsh")
    assert script.returncode == 0, script.stderr
    assert script.stdout.startswith("#compdef force-planner\n")
    assert "bashcompinit" in script.stdout and "_force_planner()" in script.stdout
