"""Command-line numbers and texts: plain ASCII, in range, one line each (issue item 13)."""

from __future__ import annotations

import argparse

import pytest

from planner.cli import main as cli
from planner.cli.arguments import MAX_SEED, fraction, marking, seconds, seed, whole_number

HUGE = "9" * 5000


@pytest.mark.parametrize(
    "argv",
    [
        "analyse odds {f} --draws ²",
        "analyse odds {f} --draws ١٢",
        "analyse odds {f} --draws 1_0",
        "analyse odds {f} --draws " + HUGE,
        "analyse odds {f} --seed -1",
        "analyse odds {f} --seed 1e400",
        "analyse odds {f} --seed " + HUGE,
        "analyse odds {f} --seed " + str(MAX_SEED + 1),
        "analyse odds {f} --p-likely nan",
        "analyse odds {f} --p-likely 1e400",
        "analyse odds {f} --p-likely ٠.٥",
        "analyse odds {f} --workers " + "9" * 40,
        "analyse pareto {f} --points 1_0",
        "analyse sensitivity {f} --step inf",
        "analyse sensitivity {f} --units ³",
        "solve {f} --time-limit nan",
        "solve {f} --time-limit -1",
        "solve {f} --time-limit 0",
        "solve {f} --time-limit 1e400",
        "solve {f} --time-limit inf",
        "solve {f} --time-limit 1e300",
        "solve {f} --time-limit ١",
        "solve {f} --time-limit 1_0",
        "analyse withdrawal {f} --time-limit -0.5",
    ],
)
def test_a_bad_number_is_one_short_line(tmp_path, capsys, argv):
    path = tmp_path / "s.json"
    path.write_text("{}")  # never read: the argument is refused first
    code = cli.main(argv.format(f=path).split(" "))
    _, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and len(err) < 300, err[:300]
    assert "argument --" in err


@pytest.mark.parametrize("text", ["two\nlines", "\x1b[2Jclear", "bad\ud800", "", "x" * 121])
def test_a_bad_marking_is_refused_before_any_work(tmp_path, capsys, text):
    path = tmp_path / "s.json"
    path.write_text("{}")
    code = cli.main(["brief", str(path), "-o", str(tmp_path / "b.pdf"), "--marking", text])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1 and "marking" in err
    assert not (tmp_path / "b.pdf").exists()


def test_good_values_still_parse():
    assert whole_number(1, 100, "draws")(" 12 ") == 12
    assert whole_number(1, 100, "draws")("+7") == 7
    assert seed("0") == 0 and seed(str(MAX_SEED)) == MAX_SEED
    assert seconds("0.5") == 0.5 and seconds("1e3") == 1000.0 and seconds(".25") == 0.25
    assert fraction("p", False, False)("1") == 1.0
    assert fraction("p", False, False)("0.") == 0.0
    assert marking("SECRET\u00a0– REL TO NATO") == "SECRET\u00a0– REL TO NATO"


def test_a_one_sided_range_is_said_in_words():
    with pytest.raises(argparse.ArgumentTypeError, match="must be at least 1"):
        whole_number(1, None, "draws")("0")
    with pytest.raises(argparse.ArgumentTypeError, match="must be at most 5"):
        whole_number(None, 5, "draws")("6")
