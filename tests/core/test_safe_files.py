"""Files it opens never hang it; files it writes never replace a device, a pipe or a link.

Issue "Every figure true, every file safe", items 9 and 10: `-o /dev/full`
replaced the device node with a PDF, an `-o` symlink was replaced by a file;
`validate /dev/zero` grew memory without end and a FIFO with no writer hung.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.errors import PlannerError, ScenarioError
from planner.exchange.spreadsheet import SpreadsheetError, read_nations, write_nations
from planner.files import UnreadableFileError, output_path, read_bounded, write_atomically
from planner.scenario.io import default_scenario, default_scenario_text, load_scenario
from tests.helpers.cli_support import run

WAIT = 60  # seconds; a read that blocks never returns at all


def finishes(call: Callable[[], object]) -> object:
    """`call()`'s result or exception, failing the test (not hanging it) if it blocks."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(WAIT)
    assert outcome, f"still blocked after {WAIT} s"
    return outcome[0]


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    return path


def _device(tmp_path: Path, name: str) -> Path:
    """A private copy of /dev/full's node (major 1, minor 7): safe to get wrong."""
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return path


# -- writing -------------------------------------------------------------------


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomically(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    write_atomically(link, "made")
    assert link.is_symlink() and (tmp_path / "later.json").read_text() == "made"


def test_a_pipe_is_refused_and_left_a_pipe(fifo):
    with pytest.raises(OSError, match="a named pipe, not a regular file"):
        write_atomically(fifo, "data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == [fifo.name]  # no temporary left


def test_a_device_node_is_refused_and_left_a_device(tmp_path):
    device = _device(tmp_path, "full")
    with pytest.raises(OSError, match="a character device"):
        write_atomically(device, b"%PDF")
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    link = tmp_path / "to-device.pdf"
    link.symlink_to(device)
    with pytest.raises(PlannerError, match="character device, not a regular file"):
        output_path(str(link), "the brief")


def test_output_path_names_what_is_there(tmp_path, fifo):
    with pytest.raises(PlannerError, match=r"pipe.json: it is a named pipe"):
        output_path(str(fifo), "the brief")
    with pytest.raises(PlannerError, match="it is a folder"):
        output_path(str(tmp_path), "the brief")


def test_brief_refuses_a_pipe_with_one_line(tmp_path, fifo):
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text())
    proc = run("brief", scenario, "-o", fifo, "--analyses", "none", timeout=WAIT * 3)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "named pipe" in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_brief_through_a_symlink_writes_its_target(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text())
    target = tmp_path / "kept" / "brief.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "brief.pdf"
    link.symlink_to(target)
    proc = run("brief", scenario, "-o", link, "--analyses", "none", timeout=WAIT * 3)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and target.read_bytes().startswith(b"%PDF")


def test_a_spreadsheet_export_goes_through_the_same_writer(fifo, tmp_path):
    pipe = tmp_path / "nations.csv"
    os.mkfifo(pipe)
    with pytest.raises(SpreadsheetError, match="named pipe"):
        write_nations(default_scenario(), pipe)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


# -- reading -------------------------------------------------------------------


def test_reading_a_pipe_with_no_writer_returns_at_once(fifo):
    outcome = finishes(lambda: load_scenario(fifo))
    assert isinstance(outcome, ScenarioError) and "named pipe" in str(outcome)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_before_reading(device):
    outcome = finishes(lambda: read_bounded(device, 1000))
    assert isinstance(outcome, UnreadableFileError)
    assert "character device, not a regular file" in str(outcome)


def test_a_file_larger_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1001)
    with pytest.raises(UnreadableFileError, match="larger than 1,000 bytes"):
        read_bounded(path, 1000)
    assert read_bounded(path, 1001) == b" " * 1001


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "fifo"])
@pytest.mark.parametrize("command", ["validate", "solve"])
def test_the_command_line_refuses_special_files_with_one_line(tmp_path, source, command):
    if source == "fifo":
        source = tmp_path / "pipe.json"
        os.mkfifo(source)
    proc = run(command, source, timeout=WAIT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "not a regular file" in proc.stderr


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_spreadsheets_refuse_pipes_and_devices(tmp_path, ext):
    pipe = tmp_path / f"pipe.{ext}"
    os.mkfifo(pipe)
    outcome = finishes(lambda: read_nations(pipe, default_scenario()))
    assert isinstance(outcome, SpreadsheetError) and "named pipe" in str(outcome)
    link = tmp_path / f"zero.{ext}"
    link.symlink_to("/dev/zero")
    outcome = finishes(lambda: read_nations(link, default_scenario()))
    assert isinstance(outcome, SpreadsheetError) and "character device" in str(outcome)


def test_an_autosave_that_is_a_pipe_is_refused(tmp_path):
    from planner.exchange.recovery import read_snapshot

    pipe = tmp_path / "x.autosave.json"
    os.mkfifo(pipe)
    outcome = finishes(lambda: read_snapshot(pipe))
    assert isinstance(outcome, PlannerError) and "named pipe" in str(outcome)


def test_brief_never_writes_over_its_own_scenario(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text())
    link = tmp_path / "link.pdf"
    link.symlink_to(scenario)
    for output in (scenario, link):
        proc = run("brief", scenario, "-o", output, "--analyses", "none", timeout=WAIT * 3)
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1
        assert "it is the input file" in proc.stderr
    assert scenario.read_text() == default_scenario_text()


def test_text_no_file_can_hold_is_an_oserror_naming_it(tmp_path):
    with pytest.raises(OSError, match=r"lone surrogate U\+DC80, which no file can store"):
        write_atomically(tmp_path / "x.json", "name \udc80")
    assert list(tmp_path.iterdir()) == []
