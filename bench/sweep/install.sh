#!/usr/bin/env bash
# Installs what the end-to-end sweep benchmark runs the other tools with into a virtualenv outside
# the repository, once, and prints the venv's folder: PyTorch 2.7.1 (PyPI's wheel, the CUDA build,
# run on the CPU: see bench/pytorch/install.sh), Ray Tune 2.60.0 and Optuna 5.1.0.
#   GANTRY_SWEEP_VENV  where the venv lives (default: ~/.cache/gantry/sweep-bench)
#   PYTHON             the interpreter that makes it (default: python3)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../../scripts/venv.sh" \
  "${GANTRY_SWEEP_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/sweep-bench}" \
  "torch 2.7.1, ray[tune] 2.60.0 and optuna 5.1.0 (about 4 GB)" \
  "torch==2.7.1" numpy "ray[tune]==2.60.0" "optuna==5.1.0"
