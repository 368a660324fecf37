"""Messages escape what they quote and stay one line (issue item 11).

A lone surrogate in a name gave a UnicodeEncodeError traceback in validate,
brief, analyse withdrawal and workspace import; a key with a newline gave
two or three stderr lines; escape sequences reached the terminal raw.
"""

from __future__ import annotations

import json
import os

import pytest

from planner.cli import main as cli
from planner.errors import ScenarioError, for_terminal, one_line, printable, quoted
from planner.scenario.io import default_scenario_text, loads_scenario
from tests.helpers.cli_support import run


def _scenario(change) -> str:
    data = json.loads(default_scenario_text())
    change(data)
    return json.dumps(data)  # ensure_ascii: a surrogate travels as the escape "\ud800"


def _set_name(value):
    return lambda data: data["nations"][2].__setitem__("name", value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain", "'plain'"),
        ("東京 Ωmega", "'東京 Ωmega'"),
        ("a\nb", r"'a\nb'"),
        ("\x1b[31mred", r"'\x1b[31mred'"),
        ("\u202eevil", r"'\u202eevil'"),
        ("\ud800", r"'\ud800'"),
        ("sep\u2028", r"'sep\u2028'"),
        ("it's", r"'it\'s'"),
        ("back\\slash", r"'back\\slash'"),
        ("x" * 70, "'" + "x" * 60 + "...'"),
    ],
)
def test_quoted_is_one_escaped_line(text, shown):
    assert quoted(text) == shown
    assert quoted(text).isprintable()


def test_printable_keeps_scripts_and_escapes_controls():
    assert printable("Ελλάδα 東京 😀 ok") == "Ελλάδα 東京 😀 ok"
    assert printable("a\tb\rc\x00\x7f\x9b") == r"a\tb\rc\x00\x7f\x9b"
    assert one_line("two\nlines") == r"two\nlines"


def test_a_lone_surrogate_is_refused_by_name():
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(_scenario(_set_name("Ital\ud800y")))
    assert str(caught.value) == (
        "nations[2].name: contains an invalid character (lone surrogate U+D800)"
    )


@pytest.mark.parametrize(
    "where",
    [
        lambda d, v: d.__setitem__("name", v),
        lambda d, v: d.__setitem__("description", v),
        lambda d, v: d["nations"][0].__setitem__("notes", v),
        lambda d, v: d["nations"][0].__setitem__("sources", [v]),
        lambda d, v: d["unit_types"][0].__setitem__("name", v),
        lambda d, v: d["unit_types"][0].__setitem__("category", v),
        lambda d, v: d["backstop"].__setitem__("notes", v),
    ],
)
def test_every_text_field_refuses_lone_surrogates(where):
    with pytest.raises(ScenarioError, match=r"lone surrogate U\+DC80"):
        loads_scenario(_scenario(lambda d: where(d, "x\udc80")))


def _main(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "key",
    ["colo\nur", "a\r\nb\nc", "\x1b[2J\x1b[Hclear", "\u202ekey", "\ud800", "k\x00"],
)
@pytest.mark.parametrize("where", ["top", "nation", "offers"])
def test_hostile_keys_give_one_escaped_line(tmp_path, capsys, key, where):
    def add(data):
        node = {"top": data, "nation": data["nations"][1], "offers": data["nations"][1]["offers"]}
        node[where][key] = 1

    path = tmp_path / "s.json"
    path.write_text(_scenario(add))
    code, _, err = _main(capsys, "validate", str(path))
    assert code == 1
    assert err.count("\n") == 1 and err.rstrip("\n").isprintable(), err
    assert "unknown field" in err and quoted(key) in err


def test_validate_escapes_the_scenario_name_it_prints(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(_scenario(lambda d: d.__setitem__("name", "\x1b]0;owned\x07Force")))
    code, out, _ = _main(capsys, "validate", str(path))
    assert code == 0 and "\x1b" not in out and r"'\x1b]0;owned\x07Force'" in out


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path, capsys):
    path = tmp_path / "two\nlines.json"
    path.write_text("{")
    code, _, err = _main(capsys, "validate", str(path))
    assert code == 1 and err.count("\n") == 1 and r"two\nlines.json" in err


@pytest.mark.parametrize(
    "command",
    [
        "validate {file}",
        "solve {file}",
        "brief {file} -o {dir}/out.pdf --analyses none",
        "analyse withdrawal {file}",
        "workspace --db {dir}/ws.sqlite import {file}",
    ],
)
def test_a_lone_surrogate_is_one_line_in_every_command(tmp_path, command):
    path = tmp_path / "s.json"
    path.write_text(_scenario(_set_name("\ud800")))
    proc = run(*command.format(file=path, dir=tmp_path).split())
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
    assert "nations[2].name: contains an invalid character (lone surrogate U+D800)" in proc.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_solve_output_carries_no_terminal_controls(tmp_path, capsys):
    name = "\x1b[2J\x9b31mFr\u202eance\u2028"
    path = tmp_path / "s.json"
    path.write_text(_scenario(lambda d: d["nations"][0].__setitem__("name", name)))
    code, out, _ = _main(capsys, "solve", str(path))
    assert code == 0 and r"\u001b[2J\u009b31mFr\u202eance\u2028" in out
    assert all(line.isprintable() for line in out.splitlines())


def test_json_output_stays_json_with_the_text_exact():
    document = {"name": "\x1b[2J\x9b\u202e\u2028 東京 \U000e0041 \U0001f600", "n": [1, 2]}
    shown = for_terminal(json.dumps(document, indent=2, ensure_ascii=False))
    assert all(line.isprintable() for line in shown.splitlines())
    assert json.loads(shown) == document and "東京" in shown


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    """Linux hands such a name to Python as a lone surrogate (U+DCFF for byte 0xFF)."""
    raw = os.fsencode(tmp_path) + b"/force\xff.json"
    with open(raw, "wb") as stream:
        stream.write(default_scenario_text().encode())
    proc = run("validate", os.fsdecode(raw))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert r"force\udcff.json: valid scenario" in proc.stdout
    broken = os.fsencode(tmp_path) + b"/broken\xff.json"
    with open(broken, "wb") as stream:
        stream.write(b"{")
    proc = run("validate", os.fsdecode(broken))
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and r"broken\udcff" in proc.stderr
