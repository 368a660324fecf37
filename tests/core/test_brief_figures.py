"""Every figure on the brief's first pages, checked against `solve --json` and `analyse --json`.

Three cases made from `force-planner default`: as it is, the US declined and
France declined. For each, the brief (with the withdrawal, odds and
backstop analyses its bottom line quotes) is read back with pypdf and the
opening of its Annex A (the plan in brief, "why no plan") is compared with the result and
analysis documents of the same scenario file, each made by its own command:

- the claims a minister reads (how many nations send troops, who gives
  stand-off support, shares against the cap, what the closest plan breaks,
  the backstop verdict) are checked one by one;
- then every number left on those pages must be one of the documents'
  figures (or a figure derived from them: a share, a shortfall, a sum).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.cli_support import run

ANALYSES = ("withdrawal", "odds", "backstop")
DRAWS = 200
CASES = {"default": None, "us-declined": "US", "fr-declined": "FR"}
NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?%?(?![\w])")


class Case:
    """One scenario file, its documents and the first pages of its brief."""

    def __init__(self, folder: Path, name: str, declined: str | None, default_text: str):
        data = json.loads(default_text)
        for nation in data["nations"]:
            if nation["code"] == declined:
                nation["status"] = "declined"
        self.scenario = data
        path = folder / f"{name}.json"
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
        self.result = _json(run("solve", path, "--json"), (0, 2))
        self.analysis = {
            "withdrawal": _json(run("analyse", "withdrawal", path, "--json"), (0, 2)),
            "odds": _json(
                run("analyse", "odds", path, "--draws", DRAWS, "--seed", 0, "--json"), (0,)
            ),
            "backstop": _json(run("analyse", "backstop", path, "--json"), (0, 2)),
        }
        out = folder / f"{name}.pdf"
        made = run("brief", path, "-o", out, "--analyses", ",".join(ANALYSES), "--draws", DRAWS)
        assert made.returncode == 0, made.stderr
        pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
        front = " ".join(pages)
        # the heading, not its contents line; before it: the decision note (test_brief_decision)
        start = re.search(r"Annex A: the plan(?! \.)", front).start()
        self.note = front[:start]
        self.front = front[start : front.index("Contributions by nation", start)]

    # -- facts from the documents -------------------------------------------------------
    def name(self, code: str) -> str:
        return next(n["name"] for n in self.scenario["nations"] if n["code"] == code)

    def unit_name(self, uid: str) -> str:
        return next(u["name"] for u in self.scenario["unit_types"] if u["id"] == uid)

    @property
    def total(self) -> int:
        return self.result["total_troops"]

    @property
    def cap(self) -> float:
        return self.scenario["rules"]["max_share"]

    def troops(self) -> dict[str, int]:
        return {n["code"]: n["troops"] for n in self.result["nations"]}

    def sending(self) -> list[str]:
        return [n["code"] for n in self.result["nations"] if n["troops"]]

    def standoff_only(self) -> list[str]:
        return [n["code"] for n in self.result["nations"] if n["participating"] and not n["troops"]]

    def standoff_units(self) -> dict[str, dict[str, int]]:
        deployed = {u["id"]: u["deployed"] for u in self.scenario["unit_types"]}
        found: dict[str, dict[str, int]] = {}
        for cell in self.result["allocation"]:
            if cell["count"] and not deployed[cell["unit_type"]]:
                found.setdefault(cell["nation"], {})[cell["unit_type"]] = cell["count"]
        return found


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("figures")
    default = run("default", "2025-02-original")
    assert default.returncode == 0, default.stderr
    return {name: Case(folder, name, code, default.stdout) for name, code in CASES.items()}


def _json(proc, codes) -> dict:
    assert proc.returncode in codes, proc.stderr
    return json.loads(proc.stdout)


def _printed_share(text: str, lead: str) -> str:
    """The percentage printed right after `lead` ('United Kingdom 8,000 (' -> '40.2')."""
    found = re.search(re.escape(lead) + r"\s*([\d.]+)%", text)
    assert found, f"no share after {lead!r}"
    return found.group(1)


def _honest(printed: str, exact: float, cap: float) -> bool:
    """Rounded, but on the same side of the cap (and of 0 and 100%) as the exact share."""
    places = len(printed.split(".")[1]) if "." in printed else 0
    shown = float(printed) / 100
    close = abs(shown - exact) * 100 <= 0.5 * 10**-places + 1e-9
    sides = [(exact > c) == (shown > c) and (exact < c) == (shown < c) for c in (cap, 0, 1)]
    return close and all(sides)


@pytest.mark.parametrize("name", CASES)
def test_nations_and_troops_are_the_results(cases, name):
    case = cases[name]
    text = case.front
    sending, only = case.sending(), case.standoff_only()
    said = re.findall(
        rf"{case.total:,} troops on the ground (?:\(target band [^)]*\) )?from (\d+) nations", text
    )
    assert said and all(int(n) == len(sending) for n in said), said  # cover and bottom line
    if only:
        names = ", ".join(case.name(c) for c in only)
        assert f"with stand-off support only from {len(only)} more ({names})" in text
    participating = sum(n["participating"] for n in case.result["nations"])
    assert f"Nations taking part {participating} ({len(sending)} with troops on the ground" in text
    troops = case.troops()
    top = sorted(sending, key=lambda c: -troops[c])[:3]
    for code in top:
        lead = f"{case.name(code)} {troops[code]:,} ("
        assert _honest(_printed_share(text, lead), troops[code] / case.total, case.cap), lead
    largest = max(sending, key=lambda c: troops[c])
    shown = _printed_share(text, "Largest share ")
    assert _honest(shown, troops[largest] / case.total, case.cap)


@pytest.mark.parametrize("name", CASES)
def test_every_standoff_contributor_and_the_backstop_units_are_named(cases, name):
    case = cases[name]
    given = case.standoff_units()
    line = case.front.split("Stand-off support from outside the theatre")[1].split(".")[0]
    total = sum(sum(units.values()) for units in given.values())
    assert f"{total} units from {len(given)} nations" in line
    assert "more" not in line  # eight nations: none hidden behind 'and N more'
    for code, units in given.items():
        count = sum(units.values())
        assert f"{case.name(code)} {count} unit" in line, code
    for code in case.scenario["backstop"]["nations"]:
        for uid, count in given.get(code, {}).items():
            assert f"{count} x {case.unit_name(uid)}" in line.replace("\n", " "), (code, uid)


@pytest.mark.parametrize("name", CASES)
def test_what_the_closest_plan_breaks_matches_its_counts(cases, name):
    case = cases[name]
    text, result = case.front, case.result
    for unmet in result["unmet"]:
        assert unmet["message"] in text
    if result["status"] == "optimal":
        assert "What the closest plan breaks" not in text
        return
    for req in result["requirements"]:
        if req["count"] < req["min"]:
            short = req["min"] - req["count"]
            sentence = (
                f"{case.unit_name(req['unit_type'])}: {req['count']} in the plan, "
                f"{req['min']} needed, short by {short}."
            )
            assert sentence in text
    troops, target = case.troops(), case.scenario["target"]["min_troops"]
    for code, sent in troops.items():
        if sent > case.cap * case.total:
            lead = f"{case.name(code)} carries "
            assert _honest(_printed_share(text, lead), sent / case.total, case.cap)
            cap = f"{case.cap:.0%}"
            assert f"({sent:,} of {case.total:,} troops), above the {cap} cap" in text
    if case.total < target:
        assert f"{case.total:,}, {target - case.total:,} short of the {target:,}" in text
    reach = next(
        (u["best_reachable"] for u in result["unmet"] if u["constraint"] == "target.min_troops"),
        None,
    )
    if reach is not None and case.total < reach:
        assert f"holds {case.total:,} troops although {reach:,} are on offer" in text


@pytest.mark.parametrize("name", CASES)
def test_the_fragility_findings_are_the_analyses(cases, name):
    """The decision note's key findings say what the analyses found (the plan's summary
    in Annex A no longer repeats them)."""
    case = cases[name]
    text = case.note

    def the(code: str) -> str:
        name = case.name(code)
        return f"the {name}" if name.startswith("United ") else name

    rows = case.analysis["withdrawal"]["withdrawal"]
    if rows and case.result["status"] == "optimal":
        breaking = [case.name(r["nation"]) for r in rows if r["status"] == "infeasible"]
        finding = text.split("Losing ")[1].split(" alone leaves no plan")[0]
        plan = map(case.name, case.sending() + case.standoff_only())
        assert sorted(n for n in plan if n in finding) == sorted(breaking)
    odds = case.analysis["odds"]
    share = f"{odds['feasible_share']:.1%}" if odds["feasible_share"] else "none"
    assert f"exists in {share} of {odds['draws_done']:,} draws" in text
    backstop = case.analysis["backstop"]
    who = ", ".join(the(c) for c in backstop["backstop_nations"])
    declined = {n["code"] for n in case.scenario["nations"] if n["status"] == "declined"}
    short = [
        f"{u['short']} x {case.unit_name(u['unit_type'])}" for u in backstop["units"] if u["short"]
    ]
    if set(backstop["backstop_nations"]) <= declined:
        assert f"{who[:1].upper()}{who[1:]} is declined here" in text
    elif short:
        assert f"Without {who} the others cannot cover {' and '.join(short)}" in text
    else:
        assert f"Without {who} the others can cover everything" in text


@pytest.mark.parametrize("name", CASES)
def test_every_number_on_the_first_pages_comes_from_the_documents(cases, name):
    case = cases[name]
    text = _without_names(case, _without_furniture(case.front))
    allowed = _figures(case)
    stray = [n for n in NUMBER.findall(text) if n not in allowed]
    assert not stray, (stray, sorted(allowed))


def test_the_backstop_section_has_no_additions_when_the_backstop_is_already_out(cases):
    backstop = cases["us-declined"].analysis["backstop"]
    assert backstop["with_backstop"]["status"] == "infeasible"
    for nation in backstop["nations"]:  # compared against the closest plan, not an empty one
        assert abs(nation["troops_without"] - nation["troops_with"]) < 10_000, nation


def _without_furniture(text: str) -> str:
    """Drop dates, page numbers, the version and the target-band chart's axis."""
    text = re.sub(r"\d{1,2} \w+ \d{4}(,? \d{2}:\d{2} UTC)?", "", text)  # generated, dated
    text = re.sub(r"Page \d+ of \d+", "", text)
    text = re.sub(r"Prepared with Force Planner [\w.]+\.", "", text)
    start = text.index("Troops on the ground against the target band")
    end = text.index("Hatched: the target band.")
    return text[:start] + text[end:]


def _without_names(case: Case, text: str) -> str:
    """Scenario text (names, description) may hold digits of its own: take it out."""
    data = case.scenario
    strings = [data["name"], data["description"]]
    strings += [n["name"] for n in data["nations"]] + [u["name"] for u in data["unit_types"]]
    for string in sorted(strings, key=len, reverse=True):
        pattern = r"\s*".join(re.escape(word) for word in string.split())
        text = re.sub(pattern, "§", text)
    return text


def _figures(case: Case) -> set[str]:
    """Every figure the documents hold or imply, as the brief may print it."""
    data, result = case.scenario, case.result
    numbers: set[float] = {0, 1, 1000}  # 'a troop counts 1, a missing nation 1,000'
    target = data["target"]
    numbers |= {target["min_troops"], target["max_troops"], data["rules"]["min_nations"]}
    numbers |= {case.total, result["objective_value"] or 0}
    troops = case.troops()
    numbers |= set(troops.values())
    sending, only = case.sending(), case.standoff_only()
    numbers |= {len(sending), len(only), len(sending) + len(only)}
    shares = {t / case.total for t in troops.values() if case.total}
    for req in result["requirements"]:
        numbers |= {req["count"], req["min"], req["max"] or 0, abs(req["min"] - req["count"])}
    numbers.add(sum(1 for r in result["requirements"] if r["min"] and r["count"] == r["min"]))
    for unmet in result["unmet"]:
        numbers |= {unmet["required"], unmet["best_reachable"], unmet["gap"]}
    numbers.add(abs(target["min_troops"] - case.total))
    given = case.standoff_units()
    numbers |= {sum(u.values()) for u in given.values()} | {len(given)}
    numbers |= {c for u in given.values() for c in u.values()}
    numbers.add(sum(sum(u.values()) for u in given.values()))
    statuses = {n["code"]: n["status"] for n in data["nations"]}
    personnel = {u["id"]: (u["personnel"], u.get("deployed", True)) for u in data["unit_types"]}
    for nation in data["nations"]:  # a shortfall names what declined nations offer
        if nation["status"] == "declined":
            offers = nation.get("offers", {})
            ground = sum(personnel[u][0] * k for u, k in offers.items() if personnel[u][1])
            numbers |= {min(nation["max_troops"], ground), *offers.values()}
    uncommitted = [c for c in sending if statuses[c] != "committed"]
    if uncommitted:
        numbers |= {len(uncommitted), sum(troops[c] for c in uncommitted)}
        shares.add(sum(troops[c] for c in uncommitted) / case.total)
    odds = case.analysis["odds"]
    numbers |= {odds["draws_done"], odds["seed"]}
    shares |= {odds["feasible_share"], *odds["probabilities"].values(), case.cap}
    if odds["total"]:
        numbers |= {odds["total"][k] for k in ("p10", "median", "p90")}
    numbers.add(len(case.analysis["withdrawal"]["withdrawal"]))
    for unit in case.analysis["backstop"]["units"]:
        numbers |= {unit["short"], unit["from_backstop"]}
    texts = {"10", "90%", "95%"}  # the odds' '10-90%' range of the force size; its 95% CI
    ci = odds.get("feasible_share_ci")
    if ci:  # printed in tenths of a per cent, rounded outwards: '4.5-12.1%'
        low = math.floor(ci["low"] * 1000 + 1e-9) / 10
        high = math.ceil(ci["high"] * 1000 - 1e-9) / 10
        texts |= {f"{low:.1f}", f"{low:.1f}%", f"{high:.1f}", f"{high:.1f}%"}
    texts |= {f"{value:,.{places}f}" for value in numbers for places in range(3)}
    texts |= {f"{s:.{p}%}" for s in shares for p in range(0, 4)}
    return texts
