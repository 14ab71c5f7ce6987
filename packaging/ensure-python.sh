#!/usr/bin/env bash
# Create the project's virtual environment with a Python >= 3.10 that has venv/ensurepip.
# On Debian/Ubuntu, venv lives in a separate package (python3-venv): install it when we are root,
# otherwise say exactly what to install.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: $python not found. Install Python 3.10 or newer (Debian/Ubuntu: sudo apt-get install python3 python3-venv)." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "error: Rusus Desktop needs Python >= 3.10; $python is $("$python" -V 2>&1). Set PYTHON=python3.x." >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing python$ver-venv (needed to create .venv)..."
    apt-get update -qq && (apt-get install -y -qq "python$ver-venv" || apt-get install -y -qq python3-venv)
  else
    echo "error: $python cannot create virtual environments. Run: sudo apt-get install python$ver-venv" >&2
    exit 1
  fi
fi
"$python" -m venv "$venv"
