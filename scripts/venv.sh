#!/usr/bin/env bash
# Makes a virtualenv outside the repository holding the given pip requirements, once, and prints
# its folder: GPU workers load libtorch's CUDA build from such a venv (scripts/install-torch.sh),
# and the benchmarks run the tools they compare Gantry with from others. A venv made for other
# requirements is made again.
#   scripts/venv.sh FOLDER WHAT REQUIREMENT...   (WHAT names it in the one line said while installing)
#   PYTHON   the interpreter that makes it (default: python3)
set -euo pipefail
venv="$1" what="$2"
shift 2
python="${PYTHON:-python3}"
stamp="$venv/.installed-$(echo "$*" | cksum | cut -d' ' -f1)"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ]; then
  echo "$venv"
  exit 0
fi
command -v "$python" >/dev/null || { echo "venv: $python not found; $what needs Python 3.9+" >&2; exit 1; }
echo "installing $what into $venv (once; a few minutes) ..." >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2
touch "$stamp"
echo "$venv"
