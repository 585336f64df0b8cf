#!/usr/bin/env bash
# Installs PyTorch 2.7.1 from PyPI into a virtualenv outside the repository, once, and prints the
# venv's folder. GPU workers load libtorch's CUDA build from its torch/lib (Maven Central has no
# CUDA build of libtorch 2.7.1), and the training benchmarks compare Gantry with it.
# PyPI's Linux wheel of torch 2.7.1 is the CUDA 12.6 build: it imports only with its nvidia-*
# dependencies present (checked: with --no-deps, `import torch` fails looking for libcublas), so
# they are installed too (about 4 GB); on a machine without a GPU it runs on the CPU.
#   GANTRY_TORCH_VENV  where the venv lives (default: ~/.cache/gantry/torch-<version>); gantry
#                      looks for it there too
#   PYTHON             the interpreter that makes it (default: python3)
set -euo pipefail
version=2.7.1
exec "$(dirname "${BASH_SOURCE[0]}")/venv.sh" \
  "${GANTRY_TORCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gantry/torch-$version}" \
  "torch $version (about 4 GB with its CUDA libraries)" "torch==$version" numpy
