#!/usr/bin/env bash
# Installs the MLflow tracking server into a virtualenv outside the repository, once, and prints
# the venv's folder. The pin matches org.mlflow:mlflow-client in the parent pom. Tests and
# `gantry mlflow-server` start MLflow from here; workers and the coordinator never need Python.
#   GANTRY_MLFLOW_VENV  where the venv lives (default: ~/.cache/gantry/mlflow-<version>)
#   PYTHON              the interpreter that makes it (default: python3, which must be >= 3.9)
set -euo pipefail
version=2.17.2
venv="${GANTRY_MLFLOW_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/mlflow-$version}"
python="${PYTHON:-python3}"
constraints="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/mlflow-constraints.txt"
# a changed pin or constraint makes a fresh venv
stamp="$venv/.installed-$version-$(sha256sum "$constraints" | cut -c1-12)"

if [ -x "$venv/bin/mlflow" ] && [ -f "$stamp" ]; then
  echo "$venv"
  exit 0
fi
command -v "$python" >/dev/null || { echo "install-mlflow: $python not found; MLflow needs Python 3.9+" >&2; exit 1; }
echo "installing mlflow $version into $venv (once; a few minutes) ..." >&2
# only ever remove what is recognisably a venv
[ -f "$venv/pyvenv.cfg" ] && rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check "mlflow==$version" \
  -c "$constraints" >&2
touch "$stamp"
echo "$venv"
