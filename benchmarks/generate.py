"""Write a generated scenario as JSON: ``generate.py NATIONS UNITS SEED [generate|independent]``.

The generators live in ``tests/helpers/generators.py`` so that tests and
benchmarks draw the same scenarios; the benchmark scripts import them from
here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.generators import SHAPES, TIGHTENINGS, generate, independent, tightened  # noqa: E402

__all__ = ["SHAPES", "TIGHTENINGS", "generate", "independent", "tightened"]

if __name__ == "__main__":
    n, u, seed = (int(a) for a in sys.argv[1:4])
    make = SHAPES[sys.argv[4] if len(sys.argv) > 4 else "generate"]
    json.dump(make(n, u, seed), sys.stdout, indent=1)
