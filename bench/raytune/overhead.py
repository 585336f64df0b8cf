"""Ray Tune's orchestration overhead, measured as bench/.../OverheadBenchmark measures Gantry's.

N trials of a function trainable that sleeps S ms and reports once, C at a time (Ray started with
C CPUs, one per trial), default FIFO scheduler and basic variant generation. The span from the
first trial's start to the last trial's end, as the trials clock themselves, against N * S / C.

Usage: python overhead.py [trials] [workers] [sleep_ms]   (default 1000 2 100)
"""
import os
import sys
import tempfile
import time

os.environ.setdefault("RAY_DEDUP_LOGS", "0")

import ray
from ray import tune


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    sleep_ms = int(sys.argv[3]) if len(sys.argv) > 3 else 100

    def trainable(config):
        started = time.time() * 1000
        time.sleep(config["sleep_ms"] / 1000)
        tune.report({"score": float(config["i"]), "started_ms": started, "ended_ms": time.time() * 1000})

    wall_start = time.time()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    tuner = tune.Tuner(
        tune.with_resources(trainable, {"cpu": 1}),
        param_space={"i": tune.randint(0, 2**31 - 1), "sleep_ms": sleep_ms},
        tune_config=tune.TuneConfig(num_samples=trials, max_concurrent_trials=workers),
        run_config=tune.RunConfig(storage_path=tempfile.mkdtemp(prefix="ray-bench-"), verbose=0),
    )
    results = tuner.fit().get_dataframe()
    wall = time.time() - wall_start
    ray.shutdown()

    span = (results["ended_ms"].max() - results["started_ms"].min()) / 1000
    ideal = -(-trials // workers) * sleep_ms / 1000
    overhead_ms = (span * workers - trials * sleep_ms / 1000) * 1000 / trials
    print(
        f"ray tune {ray.__version__}: {len(results)} trials of {sleep_ms} ms on {workers} workers: first start to last end "
        f"{span:.2f} s, ideal {ideal:.2f} s (+{100 * (span / ideal - 1):.2f} %); overhead {overhead_ms:.2f} ms per trial; "
        f"wall time with start-up {wall:.1f} s"
    )
    print(f"overhead_ms ray {overhead_ms:.3f}")


if __name__ == "__main__":
    main()
