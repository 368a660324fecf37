#!/usr/bin/env bash
# Build the offline one-folder bundle dist/force-planner/ from this checkout.
#   bash packaging/build.sh        (runs scripts/setup.sh first: .venv, Qt's Debian libraries, fonts)
# The result runs without network, system Python or anything outside its folder:
#   dist/force-planner/force-planner --selftest
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
# Debian libraries Qt loads, DejaVu fonts, and .venv with the project (only what is missing).
bash scripts/setup.sh
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build: installing PyInstaller into .venv" >&2
    "$PY" -m pip install --quiet "pyinstaller>=6.10,<7"
fi
rm -rf build/force-planner dist/force-planner
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath build --distpath dist packaging/force-planner.spec
# PyInstaller copies data files without their mode bits: CBC must stay executable.
find dist/force-planner/_internal/pulp/solverdir -type f -name cbc -exec chmod 755 {} +
cbc=$(find dist/force-planner/_internal/pulp/solverdir -type f -name cbc)
[[ -x $cbc ]] || { echo "build: CBC binary missing from the bundle" >&2; exit 1; }
echo "build: $(du -sh dist/force-planner | cut -f1) in dist/force-planner/ (CBC: ${cbc#dist/force-planner/})"
