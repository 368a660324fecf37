#!/usr/bin/env bash
# Size of the offline bundle and its start time to a window (median of 5),
# run as a planner's workstation would: PATH stripped, no venv.
#   bash benchmarks/bundle.sh          (builds dist/force-planner/ first if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
EXE=$PWD/dist/force-planner/force-planner
[[ -x $EXE ]] || bash packaging/build.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "folder size: $(du -sh dist/force-planner | cut -f1)"
times=()
for _ in 1 2 3 4 5; do
  start=$(date +%s.%N)
  (cd "$WORK" && env -i HOME="$WORK" PATH=/nonexistent LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    "$EXE" gui --screenshot "$WORK/window.png")
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l 2>/dev/null || python3 -c "print($end - $start)")")
done
printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | xargs printf 'start to a window (offscreen screenshot), median of 5: %.2f s\n'
