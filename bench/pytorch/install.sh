#!/usr/bin/env bash
# Installs PyTorch 2.7.1 from PyPI into a virtualenv outside the repository, once, and prints the
# venv's folder. The training benchmark compares Gantry with it; nothing else in Gantry needs it.
# PyPI's Linux wheel of torch 2.7.1 is the CUDA 12.6 build: it imports only with its nvidia-*
# dependencies present (checked: with --no-deps, `import torch` fails looking for libcublas), so
# they are installed too (about 4 GB) and the benchmark runs it on the CPU. The CPU-only wheel
# lives on PyTorch's own index, not on PyPI.
#   GANTRY_TORCH_VENV  where the venv lives (default: ~/.cache/gantry/torch-<version>)
#   PYTHON             the interpreter that makes it (default: python3)
set -euo pipefail
version=2.7.1
exec "$(dirname "${BASH_SOURCE[0]}")/../venv.sh" \
  "${GANTRY_TORCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/torch-$version}" \
  "torch $version (about 4 GB with its CUDA libraries)" "torch==$version" numpy
