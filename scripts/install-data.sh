#!/usr/bin/env bash
# Installs Fashion-MNIST from Debian's dataset-fashion-mnist package when it is missing.
# Exits non-zero, saying how to install it by hand, when it cannot.
set -uo pipefail
dir=/usr/share/datasets/fashion-mnist
[ -f "$dir/train-images-idx3-ubyte.gz" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "Fashion-MNIST is missing ($dir). Install it with: sudo apt-get install dataset-fashion-mnist" >&2
  exit 1
fi
echo "installing Fashion-MNIST (apt-get install dataset-fashion-mnist) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 \
  || { $sudo apt-get update -q >/dev/null 2>&1 && $sudo apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; }
if [ ! -f "$dir/train-images-idx3-ubyte.gz" ]; then
  echo "could not install dataset-fashion-mnist; install it with: sudo apt-get install dataset-fashion-mnist" >&2
  exit 1
fi
