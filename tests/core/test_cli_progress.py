"""Progress on a terminal (issue 19, item 7): `brief` and `analyse` show one line on stderr,
rewritten with a carriage return and cleared at the end, only when stderr is a terminal and
no JSON is asked for."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from planner.cli.main import main
from planner.cli.progress import Meter, elapsed_text, shows_progress
from tests.core.test_cli import small_scenario, write


class Terminal(io.StringIO):
    """Standard error as a terminal would be: isatty() is true."""

    def isatty(self) -> bool:
        return True


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


@pytest.fixture
def scenario_path(tmp_path):
    return write(tmp_path / "small.json", small_scenario())


def run_main(monkeypatch, stream: io.StringIO, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stderr", stream)
    code = main([str(a) for a in args])
    return code, stream.getvalue()


def progress_lines(err: str) -> list[str]:
    """Each state of the progress line as drawn (the text after each carriage return)."""
    return [part.strip() for part in err.split("\r") if part.strip()]


def test_the_brief_shows_progress_on_a_terminal_and_clears_it(monkeypatch, scenario_path, tmp_path):
    pdf = tmp_path / "brief.pdf"
    code, err = run_main(
        monkeypatch,
        Terminal(),
        "brief",
        scenario_path,
        "-o",
        pdf,
        "--analyses",
        "withdrawal,odds",
        "--draws",
        "20",
    )
    assert code == 0 and pdf.stat().st_size > 0
    drawn = progress_lines(err)
    assert any(line.startswith("force-planner: solving, ") for line in drawn), drawn
    first = [line for line in drawn if "analysis 1 of 2: if one nation pulls out" in line]
    second = [line for line in drawn if "analysis 2 of 2: odds of a force" in line]
    assert first and second, drawn
    assert any(re.search(r"\d+ of \d+ done, \d+ s$", line) for line in first + second), drawn
    assert any("writing the brief" in line for line in drawn), drawn
    assert all(re.search(r"\d+ s$|\d+ min \d\d s$", line) for line in drawn), drawn
    assert "\n" not in err, "the progress line is rewritten in place, never a new line"
    assert err.endswith("\r") and not err.rsplit("\r", 2)[-2].strip(), "cleared at the end"


def test_the_brief_shows_no_progress_when_stderr_is_piped(monkeypatch, scenario_path, tmp_path):
    code, err = run_main(
        monkeypatch,
        Pipe(),
        "brief",
        scenario_path,
        "-o",
        tmp_path / "brief.pdf",
        "--analyses",
        "withdrawal",
    )
    assert code == 0
    assert err == "", repr(err)


def test_an_analysis_shows_progress_on_a_terminal_but_not_with_json(
    monkeypatch, scenario_path, capsys
):
    code, err = run_main(monkeypatch, Terminal(), "analyse", "withdrawal", scenario_path)
    assert code == 0
    drawn = progress_lines(err)
    assert drawn
    assert all(line.startswith("force-planner: if one nation pulls out") for line in drawn)
    assert any(re.search(r"\d+ of \d+ done", line) for line in drawn), drawn
    assert not err.rsplit("\r", 2)[-2].strip(), "cleared at the end"
    assert "Withdrawn" in capsys.readouterr().out  # the table itself is on stdout, untouched
    code, err = run_main(monkeypatch, Terminal(), "analyse", "withdrawal", scenario_path, "--json")
    assert code == 0 and err == "", repr(err)
    assert json.loads(capsys.readouterr().out)["analysis"] == "withdrawal"


def test_an_error_clears_the_line_before_it_is_printed(monkeypatch, tmp_path):
    data = small_scenario()
    data["requirements"]["mech_inf_bn"]["min"] = 9  # 5 offered: no baseline to withdraw from
    path = write(tmp_path / "short.json", data)
    code, err = run_main(monkeypatch, Terminal(), "analyse", "withdrawal", path)
    assert code == 2
    drawn, message = err.rsplit("\r", 1)
    assert message.startswith("force-planner: ") and message.endswith("\n"), repr(err)
    assert "no plan" in message and not drawn.rsplit("\r", 1)[-1].strip()


def test_the_meter_line_counts_work_and_elapsed_time():
    now = [100.0]
    stream = Terminal()
    meter = Meter(stream, clock=lambda: now[0])
    meter.stage("analysis 2 of 6: odds of a force")
    now[0] += 65
    meter(3, 10)
    line = "force-planner: analysis 2 of 6: odds of a force, 3 of 10 done, 1 min 05 s"
    assert meter.line() == line
    meter.stage("writing the brief")  # a shorter line blanks what the longer one left
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert last.startswith("force-planner: writing the brief, 1 min 05 s  ")
    meter.clear()
    assert stream.getvalue().endswith("\r" + " " * len(last.rstrip()) + "\r")
    assert elapsed_text(3725) == "1 h 02 min" and elapsed_text(7.9) == "7 s"


def test_progress_only_on_a_terminal_and_without_json():
    assert shows_progress(Terminal()) and not shows_progress(Pipe())
    assert not shows_progress(Terminal(), json_output=True)
    closed = io.StringIO()
    closed.close()  # isatty() raises ValueError
    assert not shows_progress(closed)  # type: ignore[arg-type]


def test_the_brief_has_a_default_time_limit_and_none_lifts_it(tmp_path):
    from planner.cli.main import BRIEF_SECONDS, build_parser

    parser = build_parser()
    args = parser.parse_args(["brief", "s.json", "-o", "b.pdf"])
    assert args.time_limit == BRIEF_SECONDS == 600
    assert (
        parser.parse_args(["brief", "s.json", "-o", "b.pdf", "--time-limit", "none"]).time_limit
        is None
    )
    assert (
        parser.parse_args(["brief", "s.json", "-o", "b.pdf", "--time-limit", "7.5"]).time_limit
        == 7.5
    )
    assert parser.parse_args(["solve", "s.json"]).time_limit is None  # solve keeps no default
