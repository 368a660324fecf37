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


def main(argv: list[str]) -> int:
    shapes = ", ".join(SHAPES)
    usage = f"usage: generate.py NATIONS UNITS SEED [{shapes}]"
    if len(argv) not in (3, 4) or not all(a.isdigit() for a in argv[:3]):
        print(usage, file=sys.stderr)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    if len(argv) == 4 and argv[3] not in SHAPES:
        print(f"generate.py: unknown shape {argv[3]!r} (choose from {shapes})", file=sys.stderr)
        return 2
    n, u, seed = (int(a) for a in argv[:3])
    json.dump(SHAPES[argv[3] if len(argv) == 4 else "generate"](n, u, seed), sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
