#!/usr/bin/env bash
# One command for each of the README's Quick start lines:
#   bash scripts/dev.sh run    set up, then open the app on the default scenario
#   bash scripts/dev.sh test   set up, then run the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
case "${1:-}" in
  run)
    shift
    exec .venv/bin/force-planner "$@"
    ;;
  test)
    shift
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh run|test [args...]" >&2
    exit 1
    ;;
esac
