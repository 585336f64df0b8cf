#!/usr/bin/env bash
# The PyTorch the benchmarks compare Gantry with: the same venv GPU workers load libtorch from.
exec "$(dirname "${BASH_SOURCE[0]}")/../../scripts/install-torch.sh"
