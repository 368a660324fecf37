"""Analysis texts in planner words: nation names and the objective's label, not codes or ids."""

from __future__ import annotations

from planner.analyses.sensitivity import Factor, SensitivityAnalysis, Variant
from planner.analyses.verdicts import sensitivity_verdict
from planner.analyses.withdrawal import changes
from planner.rules.objectives import OBJECTIVES
from planner.scenario import plan
from planner.scenario.io import default_scenario


def test_withdrawal_changes_name_nations_by_name():
    scenario = default_scenario()
    before = {plan.cell(scenario, "FR", "mech_inf_bn"): 2}
    after = {plan.cell(scenario, "DE", "mech_inf_bn"): 2}
    said = changes(scenario, before, after)
    assert said and all(line.split()[0] in ("France", "Germany") for line in said), said
    assert not [line for line in said if "FR" in line.split() or "DE" in line.split()]


def test_the_sensitivity_verdict_names_the_objective_by_its_label():
    factor = Factor(
        "ceiling", "DE", 4000, Variant(3200, "optimal", 101.0), Variant(4800, "optimal", 99)
    )
    analysis = SensitivityAnalysis(
        default_scenario(), "min_cost", 0.2, 1, "optimal", 100.0, [factor]
    )
    verdict = sensitivity_verdict(analysis)
    assert f"around {OBJECTIVES['min_cost'].label} 100;" in verdict  # a cost: words.cost
    assert "min_cost" not in verdict


def test_a_refusal_names_unit_types_and_nations_but_leaves_paths_alone():
    from planner.scenario.io import default_scenario
    from planner.scenario.words import id_words

    scenario = default_scenario()
    problem = "5 is above FR's offer of 2 armd_bn (nations[0].offers.armd_bn)"
    assert id_words(scenario, problem) == (
        "5 is above France's offer of 2 Armoured (tank) battalion (nations[0].offers.armd_bn)"
    )
    assert id_words(scenario, "mech_inf_bn") == "Mechanised infantry battalion"  # not 'inf_...'


def test_percentages_round_halves_up_as_a_reader_checking_by_hand_does():
    """3,250 of 10,000 troops is 33% and 1,750 is 18% (Python's rounding gave 32% and 18% on
    one page of the Paris brief); a limit still gets the places that keep its side."""
    from planner.scenario.words import percent

    assert percent(3250 / 10000, 0) == "33%"
    assert percent(1750 / 10000, 0) == "18%"
    assert percent(0.125, 1) == "12.5%" and percent(0.0125, 1) == "1.3%"
    assert percent(0.402, 0, limit=0.4) == "40.2%"
    assert percent(0.3996, 1, limit=0.4) == "39.96%"
    assert percent(0.0004, 0) == "0.04%" and percent(0.9996, 0) == "99.96%"
    assert percent(float("nan"), 0) == "nan%"


def test_the_withdrawal_verdict_names_nations_as_running_prose_does():
    # the brief's page 1 reads "the United Kingdom"; its annex and the app's tab must too
    from planner.analyses.verdicts import withdrawal_verdict
    from planner.analyses.withdrawal import analyse_withdrawal
    from planner.scenario.io import default_scenario

    analysis = analyse_withdrawal(default_scenario(), workers=1)
    named = withdrawal_verdict(analysis, full_names=True)
    assert "losing France, the United Kingdom or the United States breaks the force" in named
    assert "losing FR, UK or US breaks the force" in withdrawal_verdict(analysis)  # CLI: ids
