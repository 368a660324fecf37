#!/usr/bin/env bash
# Set up everything Force Planner needs on a fresh Debian machine of this kind:
# the Debian libraries Qt loads, and a .venv in the repo root with the project
# installed (so .venv/bin/force-planner exists), and the desktop menu entry with
# its icon (scripts/install-desktop.sh). Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_DEBIAN_LIBS=(
  libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  libwayland-client0 libwayland-cursor0 libwayland-egl1 fonts-dejavu-core
)

install_debian_libs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${QT_DEBIAN_LIBS[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: missing Debian packages (${missing[*]}); install them as root" >&2
      return 0
    fi
  fi
  echo "setup: installing Debian libraries for Qt: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_python_env() {
  local python="${PYTHON:-python3}"
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  local stamp=.venv/.force-planner-installed
  local want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing Python packages into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e '.[gui,test]'
    echo "$want" > "$stamp"
  fi
}

install_debian_libs
install_python_env
bash scripts/install-desktop.sh  # the application menu entry and icon (idempotent)
