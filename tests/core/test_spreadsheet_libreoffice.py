"""Files written by LibreOffice itself (headless), where it is installed; skipped elsewhere.

Each test writes the nations table or the allocation with Force Planner,
has LibreOffice convert it as a planner's office would (German locale:
semicolons, decimal commas, Windows-1252; "Unicode text"; XLSX and ODS
from our CSV, where LibreOffice turns a date-like note into a date cell
and TRUE into a boolean), and reads LibreOffice's file back: nothing may be
lost. LibreOffice runs with a private profile in a temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.exchange.spreadsheet import (
    read_allocation,
    read_nations,
    write_allocation,
    write_nations,
)
from planner.scenario.io import default_scenario, scenario_to_dict
from planner.scenario.plan import cell

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

# LibreOffice's CSV filter options: separator, quote, character set (1 = Windows-1252,
# 76 = UTF-8, 65535 = UTF-16), as its documentation numbers them.
GERMAN_EXCEL_CSV = "csv:Text - txt - csv (StarCalc):59,34,1"
UNICODE_TEXT = "csv:Text - txt - csv (StarCalc):9,34,65535"
CSV_UTF8_IN = "CSV:44,34,76"
GENEROUS = 600  # seconds: LibreOffice starts slowly on a busy machine, never this slowly


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("libreoffice-profile")


def _convert(source: Path, target: str, profile: Path, infilter: str | None = None) -> Path:
    """`source` converted by LibreOffice into a folder of its own; the converted file."""
    out = source.parent / f"by-libreoffice-{target.split(':')[0]}-{source.suffix[1:]}"
    out.mkdir()
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target,
        "--outdir",
        str(out),
        str(source),
    ]
    env = dict(os.environ, LC_ALL="de_DE.UTF-8", LANG="de_DE.UTF-8")
    done = subprocess.run(command, capture_output=True, text=True, timeout=GENEROUS, env=env)
    made = list(out.iterdir())
    assert done.returncode == 0 and len(made) == 1, done.stderr or done.stdout
    renamed = made[0].with_name(f"{source.stem}-lo{made[0].suffix}")
    return made[0].rename(renamed)


def _scenario():
    """The default scenario with text LibreOffice likes to retype and sources holding ' | '."""
    scenario = default_scenario()
    france = dataclasses.replace(
        scenario.nation("FR"),
        name="République française",
        notes="2026-03-01",  # a date once LibreOffice has read the CSV
        sources=("Le Monde | 17 Feb 2025", "TRUE"),
    )
    uk = dataclasses.replace(scenario.nation("UK"), notes="TRUE")  # a boolean
    nations = (france, uk) + tuple(n for n in scenario.nations if n.code not in ("FR", "UK"))
    return dataclasses.replace(scenario, nations=nations)


@pytest.mark.parametrize(
    ("ours", "target", "infilter"),
    [
        ("xlsx", GERMAN_EXCEL_CSV, None),  # semicolons, decimal commas, Windows-1252
        ("ods", UNICODE_TEXT, None),  # UTF-16 with tabs
        ("csv", "xlsx", CSV_UTF8_IN),  # date and boolean cells
        ("csv", "ods", CSV_UTF8_IN),
        ("ods", "xlsx", None),
        ("xlsx", "ods", None),
    ],
)
def test_the_nations_table_survives_libreoffice(tmp_path, profile, ours, target, infilter):
    scenario = _scenario()
    path = tmp_path / f"nations.{ours}"
    write_nations(scenario, path)
    converted = _convert(path, target, profile, infilter)
    back, notes = read_nations(converted, scenario)
    assert notes == []
    assert scenario_to_dict(back) == scenario_to_dict(scenario)


def test_libreoffice_writes_what_the_tests_claim(tmp_path, profile):
    """The German CSV really has semicolons, decimal commas and Windows-1252 bytes."""
    path = tmp_path / "nations.ods"
    write_nations(_scenario(), path)
    data = _convert(path, GERMAN_EXCEL_CSV, profile).read_bytes()
    assert data.startswith(b"code;name;") and "République".encode("cp1252") in data
    assert b";1,1;" in data  # the UK's cost per troop, 1.1


@pytest.mark.parametrize("target", [GERMAN_EXCEL_CSV, "ods"])
def test_the_allocation_survives_libreoffice(tmp_path, profile, target):
    scenario = default_scenario()
    plan = {cell(scenario, "FR", "mech_inf_bn"): 3, cell(scenario, "UK", "armd_bn"): 1}
    path = tmp_path / "plan.xlsx"
    write_allocation(scenario, plan, path)
    assert read_allocation(_convert(path, target, profile), scenario) == plan
