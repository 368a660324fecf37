#!/usr/bin/env bash
# Build the offline bundle and check it as a planner's workstation would run it:
# PATH stripped, no venv, no system Python in reach. .ci/run runs it after the
# test suite (about a minute, build included).
#   bash packaging/test_bundle.sh            build, then test
#   bash packaging/test_bundle.sh --no-build test the existing dist/force-planner/
# Prints the folder size and the start time to a window (offscreen screenshot).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
[[ ${1:-} == --no-build ]] || bash packaging/build.sh
EXE=$ROOT/dist/force-planner/force-planner
SCENARIO=$ROOT/resources/default_scenario.json
MAX_MIB=300
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
bare() { (cd "$WORK" && env -i HOME="$WORK" PATH=/nonexistent LANG=C.UTF-8 "$@"); }
fail() { echo "test_bundle: FAIL: $*" >&2; exit 1; }

echo "== selftest (PATH stripped)"
bare "$EXE" --selftest || fail "--selftest"

echo "== solve the default scenario (PATH stripped) vs the venv"
bare "$EXE" solve "$SCENARIO" --json >"$WORK/bundle.json" || fail "bundled solve exited $?"
"$ROOT/.venv/bin/force-planner" solve "$SCENARIO" --json >"$WORK/venv.json"
"$ROOT/.venv/bin/python" - "$WORK/bundle.json" "$WORK/venv.json" <<'PY' || fail "optimum differs"
import json, sys
bundle, venv = (json.load(open(p)) for p in sys.argv[1:3])
print(f"bundle: {bundle['status']} {bundle['objective_value']}; "
      f"venv: {venv['status']} {venv['objective_value']}")
assert bundle["status"] == venv["status"] == "optimal"
assert abs(bundle["objective_value"] - venv["objective_value"]) < 1e-6
PY

echo "== analyses in worker processes (PATH stripped) vs the venv in one process"
# the bundle spawns its workers through the launcher's freeze_support: the same figures
for analysis in withdrawal odds; do
    bare "$EXE" analyse "$analysis" "$SCENARIO" --workers 2 --json >"$WORK/$analysis-2.json" \
        || fail "bundled 'analyse $analysis --workers 2' exited $?"
    "$ROOT/.venv/bin/force-planner" analyse "$analysis" "$SCENARIO" --workers 1 --json \
        >"$WORK/$analysis-1.json"
    "$ROOT/.venv/bin/python" - "$WORK/$analysis-2.json" "$WORK/$analysis-1.json" <<'PY' \
        || fail "$analysis in the bundle's workers differs from one process"
import json, sys
bundle, venv = (json.load(open(p)) for p in sys.argv[1:3])
assert bundle == venv, "figures differ"
print(f"{bundle['analysis']}: the same figures from 2 bundled workers as from 1 process")
PY
done
bare "$EXE" analyse odds "$SCENARIO" --workers 2 >"$WORK/odds.txt" || fail "bundled odds exited $?"
grep -q "(2 processes)" "$WORK/odds.txt" || fail "bundled odds did not use its 2 workers"
sleep 1
if pgrep -f "$EXE" >/dev/null; then fail "a bundled worker outlived its analysis"; fi

echo "== every built-in scenario ships (the app starts on the newest)"
for name in $("$ROOT/.venv/bin/force-planner" default --list | cut -d' ' -f1); do
    bare "$EXE" default "$name" >"$WORK/$name.json" || fail "bundled 'default $name' exited $?"
    bare "$EXE" validate "$WORK/$name.json" >/dev/null || fail "bundled $name does not validate"
done

echo "== size and start time"
size_mib=$(du -sm dist/force-planner | cut -f1)
echo "folder size: $(du -sh dist/force-planner | cut -f1) (${size_mib} MiB; limit ${MAX_MIB} MiB)"
(( size_mib < MAX_MIB )) || fail "bundle is ${size_mib} MiB, over ${MAX_MIB} MiB"
sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null && cold="cold (page cache dropped)" || cold="warm page cache"
start=$(date +%s.%N)
bare /usr/bin/env QT_QPA_PLATFORM=offscreen "$EXE" gui --screenshot "$WORK/window.png" || fail "gui --screenshot"
end=$(date +%s.%N)
[[ -s $WORK/window.png ]] || fail "no screenshot written"
echo "start to a window (gui --screenshot, offscreen, $cold): $("$ROOT/.venv/bin/python" -c "print(f'{$end - $start:.2f}')") s"
echo "test_bundle: all checks passed"
