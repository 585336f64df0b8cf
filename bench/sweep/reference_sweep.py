"""The end-to-end sweep benchmark's other side: Gantry's VAE sweeps run by Ray Tune or by Optuna,
training with PyTorch (bench/sweep.sh runs this and Gantry, one after the other).

Each trial is what Gantry's `vae` recipe does (bench/pytorch/reference.py's Vae: an MLP of 400 hidden
units, a Bernoulli decoder, DJL's initialisation, Adam), on the same Fashion-MNIST files and limits,
batches of 128, one shuffled pass per epoch; after every epoch the held-out ELBO (one draw of z per
image) and the importance-weighted bound with k = 100 (chunks of 50 images, as Gantry's) on the
test images, reported to the tool. Trials run two at a time with one compute thread each, as
Gantry's two workers do. Configurations are Gantry's grid, in its order; the ASHA sweep stops
trials with Ray's ASHAScheduler or Optuna's SuccessiveHalvingPruner on the same rungs.

    python reference_sweep.py ray|optuna quickstart|asha

prints `wall SECONDS`, from the process's start (imports included) to the last result, and the
best trial's ELBO.
"""
import math
import os
import sys
import tempfile
import time

STARTED = time.time()

import torch  # noqa: E402

REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pytorch")
sys.path.insert(0, REFERENCE)
# Ray's worker processes unpickle the trainable, which imports the reference there too
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [REFERENCE, os.environ.get("PYTHONPATH")]))
import reference  # noqa: E402

IWAE_SAMPLES = 100
IWAE_CHUNK = 50
WORKERS = 2

# Gantry's experiments/quickstart.yaml and bench/sweep/vae-asha.yaml
SWEEPS = {
    "quickstart": dict(
        train=20000, test=2000, epochs=2, latent=[8, 16], lr=[1e-3, 3e-3], asha=None, seed=1
    ),
    "asha": dict(
        train=10000,
        test=2000,
        epochs=4,
        latent=[4, 8, 16, 32],
        lr=[3e-4, 1e-3, 3e-3, 1e-2],
        asha=dict(grace=1, factor=2),
        seed=1,
    ),
}


def load(sweep):
    return reference.images("train")[: sweep["train"]], reference.images("t10k")[: sweep["test"]]


@torch.no_grad()
def evaluate(model, test):
    elbo = -torch.cat([model.negative_elbo(x) for x in test.split(1000)]).mean().item()
    bounds = []
    for x in test.split(IWAE_CHUNK):
        mean, log_var = model.encoder(x).chunk(2, dim=1)
        eps = torch.randn(IWAE_SAMPLES, *mean.shape)
        z = mean + (0.5 * log_var).exp() * eps
        logits = model.decoder(z)
        log_px = -(torch.nn.functional.softplus(logits) - x * logits).sum(2)
        log_w = log_px - 0.5 * z.square().sum(2) + 0.5 * (eps.square() + log_var).sum(2)
        bounds.append(torch.logsumexp(log_w, 0) - math.log(IWAE_SAMPLES))
    return elbo, torch.cat(bounds).mean().item()


def train(config, sweep, report):
    """One trial: `report(epoch, elbo, iwae)` after each epoch returns False to stop it."""
    torch.set_num_threads(1)
    torch.manual_seed(config["seed"])
    train_images, test_images = load(sweep)
    model = reference.Vae(latent=config["latent_dim"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"])
    for epoch in range(1, sweep["epochs"] + 1):
        for idx in torch.randperm(len(train_images)).split(128):
            loss = model.negative_elbo(train_images[idx]).mean()
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()
        elbo, iwae = evaluate(model, test_images)
        if not report(epoch, elbo, iwae):
            return


def grid(sweep):
    return [
        {"latent_dim": latent, "lr": lr, "seed": sweep["seed"] + i}
        for i, (latent, lr) in enumerate((l, r) for l in sweep["latent"] for r in sweep["lr"])
    ]


def run_ray(sweep):
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    import ray
    from ray import tune
    from ray.tune.schedulers import ASHAScheduler

    configs = grid(sweep)

    def trainable(config):
        # the grid index picks Gantry's configuration, so that both tools train the same ones
        train(
            configs[config["i"]],
            sweep,
            lambda epoch, elbo, iwae: tune.report({"epoch": epoch, "elbo": elbo, "iwae": iwae}) or True,
        )

    ray.init(num_cpus=WORKERS, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    scheduler = None
    if sweep["asha"]:
        scheduler = ASHAScheduler(
            time_attr="epoch",
            max_t=sweep["epochs"],
            grace_period=sweep["asha"]["grace"],
            reduction_factor=sweep["asha"]["factor"],
        )
    tuner = tune.Tuner(
        tune.with_resources(trainable, {"cpu": 1}),
        param_space={"i": tune.grid_search(list(range(len(configs))))},
        tune_config=tune.TuneConfig(
            metric="elbo", mode="max", scheduler=scheduler, max_concurrent_trials=WORKERS
        ),
        run_config=tune.RunConfig(storage_path=tempfile.mkdtemp(prefix="ray-sweep-"), verbose=0),
    )
    results = tuner.fit()
    wall = time.time() - STARTED
    best = results.get_best_result(metric="elbo", mode="max").metrics["elbo"]
    epochs = sum(len(r.metrics_dataframe) for r in results)
    ray.shutdown()
    return wall, best, epochs, f"ray {ray.__version__}"


def run_optuna(sweep):
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    configs = grid(sweep)
    pruner = optuna.pruners.NopPruner()
    if sweep["asha"]:
        pruner = optuna.pruners.SuccessiveHalvingPruner(
            min_resource=sweep["asha"]["grace"], reduction_factor=sweep["asha"]["factor"]
        )
    sampler = optuna.samplers.GridSampler({"i": list(range(len(configs)))}, seed=sweep["seed"])
    study = optuna.create_study(direction="maximize", sampler=sampler, pruner=pruner)
    epochs = []

    def objective(trial):
        config = configs[trial.suggest_categorical("i", list(range(len(configs))))]
        last = {}

        def report(epoch, elbo, iwae):
            last["elbo"] = elbo
            epochs.append(epoch)
            trial.report(elbo, epoch)
            return not trial.should_prune()

        train(config, sweep, report)
        if trial.should_prune():
            raise optuna.TrialPruned()
        return last["elbo"]

    study.optimize(objective, n_trials=len(configs), n_jobs=WORKERS)
    wall = time.time() - STARTED
    return wall, study.best_value, len(epochs), f"optuna {optuna.__version__}"


def main():
    tool, name = sys.argv[1], sys.argv[2]
    sweep = SWEEPS[name]
    wall, best, epochs, version = {"ray": run_ray, "optuna": run_optuna}[tool](sweep)
    print(f"{version} + torch {torch.__version__}: sweep {name}, {epochs} trial-epochs, best val/elbo {best:.2f}")
    print(f"wall {tool} {name} {wall:.1f}")


if __name__ == "__main__":
    main()
