#!/usr/bin/env bash
# Benchmark: d2l's GAN ("Generative Adversarial Networks", d2l.ai) in Gantry against the book's
# own code in PyTorch 2.7.1 (bench/pytorch/d2l_gan.py), over the same seeds. Gantry runs
# experiments/gaussian-2d-gan.yaml's trial once per seed (io.gantry.bench.D2lGanBenchmark).
# Prints, for each side, the median, min and max over the seeds of the mean and covariance errors
# of 10,000 samples (val/mean_error, val/cov_error) and of the last epoch's loss_D and loss_G, and
# whether each median lies within the other side's range.
#   bench/d2l-gan.sh [seeds]      (default 10: seeds 0 to 9)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seeds="$(seq 0 $(( ${1:-10} - 1 )))"
classpath="$("$here/build.sh")"
venv="$("$here/pytorch/install.sh")"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# One thread on both sides: each trial is a few thousand tiny steps, which threads only slow.
java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 -cp "$classpath" io.gantry.bench.D2lGanBenchmark \
  "$here/../experiments/gaussian-2d-gan.yaml" $seeds 2>/dev/null | tee -a "$out"
"$venv/bin/python" "$here/pytorch/d2l_gan.py" $seeds | tee -a "$out"
"$venv/bin/python" - "$out" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.startswith("d2l-gan ")]
names = ["mean_error", "cov_error", "loss_D", "loss_G"]
sides = {side: [[float(r[3 + i]) for r in rows if r[1] == side] for i in range(4)] for side in ("gantry", "pytorch")}
n = len(sides["gantry"][0])
print(f"\nd2l GAN over {n} seeds: median [min, max]")
print(f"{'':12}{'gantry':>28}{'pytorch':>28}  medians within each other's range")
for i, name in enumerate(names):
    g, p = sides["gantry"][i], sides["pytorch"][i]
    cell = lambda v: f"{statistics.median(v):.4f} [{min(v):.4f}, {max(v):.4f}]"
    agree = min(p) <= statistics.median(g) <= max(p) and min(g) <= statistics.median(p) <= max(g)
    print(f"{name:12}{cell(g):>28}{cell(p):>28}  {'yes' if agree else 'no'}")
PY
