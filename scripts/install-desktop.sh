#!/usr/bin/env bash
# Put Force Planner in the desktop's application menu: the .desktop file and the
# icon of resources/, under the user's data folder (XDG), Exec pointing at this
# checkout's .venv. Safe to run again (files are only written when they differ)
# and harmless without a desktop (it only writes two files; FORCE_PLANNER_NO_DESKTOP=1 skips).
set -euo pipefail
cd "$(dirname "$0")/.."

[ "${FORCE_PLANNER_NO_DESKTOP:-}" = "1" ] && exit 0
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor"
exe="$PWD/.venv/bin/force-planner"

put() {  # put SOURCE-TEXT TARGET: write only if missing or different
  local text="$1" target="$2"
  if [ -f "$target" ] && [ "$(cat "$target")" = "$text" ]; then return 0; fi
  mkdir -p "$(dirname "$target")"
  printf '%s\n' "$text" > "$target.tmp" && mv "$target.tmp" "$target"
  echo "setup: installed $target"
}

if ! mkdir -p "$apps" 2>/dev/null; then
  echo "setup: $apps cannot be written; no menu entry installed" >&2
  exit 0
fi
entry=$(sed -e "s|^Exec=force-planner |Exec=\"$exe\" |" -e "s|^TryExec=force-planner$|TryExec=$exe|" \
  resources/force-planner.desktop)
put "$entry" "$apps/force-planner.desktop"
put "$(cat resources/icons/force-planner.svg)" "$icons/scalable/apps/force-planner.svg"
if ! cmp -s resources/icons/force-planner.png "$icons/256x256/apps/force-planner.png"; then
  mkdir -p "$icons/256x256/apps"
  cp resources/icons/force-planner.png "$icons/256x256/apps/force-planner.png"
  echo "setup: installed $icons/256x256/apps/force-planner.png"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$apps" 2>/dev/null || true
fi
