#!/usr/bin/env bash
# Installs Ray Tune into a virtualenv outside the repository, once, and prints the venv's folder.
#   GANTRY_RAY_VENV  where the venv lives (default: ~/.cache/gantry/ray-<version>)
#   PYTHON           the interpreter that makes it (default: python3)
set -euo pipefail
version=2.60.0
exec "$(dirname "${BASH_SOURCE[0]}")/../../scripts/venv.sh" \
  "${GANTRY_RAY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/ray-$version}" "ray[tune] $version" \
  "ray[tune]==$version"
