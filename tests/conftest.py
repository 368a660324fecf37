"""Hypothesis profiles: CI draws the same examples every run; `random` hunts for new ones.

Property tests draw new examples on every run, so a CI run could fail on a
submission that did not cause it. The ``ci`` profile (the default) is
derandomised: each test draws the same examples on every run, and a
failure replays from the test alone. Hypothesis documents that
``derandomize=True`` implies ``database=None`` (and refuses both), so the
example database is off there. The ``random`` profile draws fresh examples
every run, five times as many (tests that set their own ``max_examples``
get five times theirs), and keeps failing examples in Hypothesis' example
database (``.hypothesis/``) so the next run tries them first:

    HYPOTHESIS_PROFILE=random bash scripts/dev.sh test -m property

``HYPOTHESIS_PROFILE`` chooses the profile (``ci`` unless set); every
Hypothesis test is marked ``property`` so such a run can pick them alone.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, is_hypothesis_test, settings

RANDOM_FACTOR = 5
"""How many times more examples the `random` profile draws than a test asks for."""

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "random",
    derandomize=False,
    deadline=None,
    max_examples=100 * RANDOM_FACTOR,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark Hypothesis tests ``property``; under `random`, multiply their own `max_examples`.

    A test's own ``@settings`` wins over the profile, so without this the
    larger run would draw no more examples for most property tests. Hypothesis
    keeps a test's settings on the wrapped function; where it does not (a
    future version), the test keeps its own count.
    """
    for item in items:
        function = getattr(item, "obj", None)
        test = getattr(function, "__func__", function)
        if test is None or not is_hypothesis_test(test):
            continue
        item.add_marker(pytest.mark.property)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if PROFILE == "random" and isinstance(own, settings) and own is not settings.default:
            test._hypothesis_internal_use_settings = settings(
                own, max_examples=own.max_examples * RANDOM_FACTOR
            )
