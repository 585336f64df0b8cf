#!/usr/bin/env bash
# Installs an MLflow tracking server into a virtualenv outside the repository, once, and prints
# the venv's folder. Tests and `gantry mlflow-server` start MLflow from here; workers and the
# coordinator never need Python.
#   scripts/install-mlflow.sh [VERSION]
#   VERSION             3.17.2 (the default: what `gantry mlflow-server` runs and most tests
#                       track into) or 2.17.2 (the older servers Gantry keeps working with; the
#                       tracking tests run against both). Each has its pins in
#                       mlflow-constraints-VERSION.txt beside this script.
#   GANTRY_MLFLOW_VENV  where the default version's venv lives (default:
#                       ~/.cache/gantry/mlflow-<version>); other versions always live there
#   PYTHON              the interpreter that makes it (default: python3, which must be >= 3.10)
set -euo pipefail
default_version=3.17.2
version="${1:-$default_version}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
constraints="$here/mlflow-constraints-$version.txt"
[ -f "$constraints" ] || {
  echo "install-mlflow: no pins for MLflow $version (known: $(cd "$here" && ls mlflow-constraints-*.txt | sed 's/mlflow-constraints-//; s/\.txt//' | tr '\n' ' '))" >&2
  exit 2
}
cached="${XDG_CACHE_HOME:-$HOME/.cache}/gantry/mlflow-$version"
if [ "$version" = "$default_version" ]; then
  venv="${GANTRY_MLFLOW_VENV:-$cached}"
else
  venv="$cached"
fi
python="${PYTHON:-python3}"
# a changed pin or constraint makes a fresh venv
stamp="$venv/.installed-$version-$(sha256sum "$constraints" | cut -c1-12)"

if [ -x "$venv/bin/mlflow" ] && [ -f "$stamp" ]; then
  echo "$venv"
  exit 0
fi
command -v "$python" >/dev/null || { echo "install-mlflow: $python not found; MLflow needs Python 3.10+" >&2; exit 1; }
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
