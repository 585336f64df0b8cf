#!/usr/bin/env bash
# Installs Ray Tune into a virtualenv outside the repository, once, and prints the venv's folder.
# The benchmarks compare Gantry with it; nothing else in Gantry needs Python.
#   GANTRY_RAY_VENV  where the venv lives (default: ~/.cache/gantry/ray-<version>)
#   PYTHON           the interpreter that makes it (default: python3)
set -euo pipefail
version=2.60.0
venv="${GANTRY_RAY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/ray-$version}"
python="${PYTHON:-python3}"

if [ -x "$venv/bin/python" ] && [ -f "$venv/.installed-$version" ]; then
  echo "$venv"
  exit 0
fi
command -v "$python" >/dev/null || { echo "raytune/install: $python not found; Ray Tune needs Python 3.9+" >&2; exit 1; }
echo "installing ray[tune] $version into $venv (once; a few minutes) ..." >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check "ray[tune]==$version" >&2
touch "$venv/.installed-$version"
echo "$venv"
