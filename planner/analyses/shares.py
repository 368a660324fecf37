"""Shares of Monte Carlo draws with their 95% confidence interval, and how to print them.

A share k / n of draws is an estimate; the Wilson score interval says how
far off it may be (it stays inside 0..1 and is sound at k = 0 or k = n and
for small n, where the normal approximation is not). Draws a time limit
left undecided may have gone either way: the interval runs from the low
end with them all failing to the high end with them all succeeding.

Printing never makes an estimate look more certain than it is: a share
above 0 never prints as "0.0%" nor one below 1 as "100.0%", and interval
ends are rounded outwards (docs/decisions.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

Z95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""
LEVEL = 0.95


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of `successes` out of `trials` (0..1 when trials is 0)."""
    if trials <= 0:
        return 0.0, 1.0
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return low, high


@dataclass(frozen=True)
class Share:
    """`count` of `trials` draws, plus `undecided` draws that may count or not.

    `exact` marks a share that no draw could have made otherwise (a declined
    nation is never available): its interval is the share itself.
    """

    count: int
    trials: int
    undecided: int = 0
    exact: bool = False

    @property
    def value(self) -> float | None:
        """The estimate: count / trials (undecided draws do not count); None without draws."""
        return self.count / self.trials if self.trials else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval, widened to cover the undecided draws either way."""
        if not self.trials:
            return None
        if self.exact:
            return self.count / self.trials, self.count / self.trials
        low = wilson(self.count, self.trials)[0]
        high = wilson(self.count + self.undecided, self.trials)[1]
        return low, high

    def interval_dict(self) -> dict[str, Any] | None:
        bounds = self.interval
        if bounds is None:
            return None
        return {"low": round(bounds[0], 6), "high": round(bounds[1], 6), "level": LEVEL}


def percent(share: float | None) -> str:
    """A share as '7.0%'; never '0.0%' above 0 nor '100.0%' below 1; '-' for None."""
    if share is None:
        return "-"
    text = f"{share:.1%}"
    if text == "0.0%" and share > 0:
        return "<0.1%"
    if text == "100.0%" and share < 1:
        return ">99.9%"
    return text


def interval_text(share: Share) -> str:
    """'5.6-8.8%': the 95% interval in tenths of a percent, rounded outwards.

    'exact' for an exact share, '' without draws.
    """
    bounds = share.interval
    if bounds is None:
        return ""
    if share.exact:
        return "exact"
    low = math.floor(bounds[0] * 1000 + 1e-9) / 10
    high = math.ceil(bounds[1] * 1000 - 1e-9) / 10
    return f"{low:.1f}-{high:.1f}%"


def share_text(share: Share) -> str:
    """'7.0% (95% CI 5.6-8.8%)', or '-' without draws."""
    if share.value is None:
        return "-"
    if share.exact:
        return f"{percent(share.value)} (exact)"
    return f"{percent(share.value)} (95% CI {interval_text(share)})"
