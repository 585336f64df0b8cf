package io.gantry.bench;

import com.typesafe.config.ConfigFactory;
import io.gantry.orchestrator.coordinator.Coordinator;
import io.gantry.orchestrator.coordinator.EventOutbox;
import io.gantry.orchestrator.coordinator.SweepPlan;
import io.gantry.orchestrator.coordinator.SweepProgress;
import io.gantry.orchestrator.service.Sweeps;
import io.gantry.orchestrator.store.H2RunStore;
import io.gantry.orchestrator.store.MetricPoint;
import io.gantry.protocol.WorkerInfo;
import io.gantry.worker.DeviceCheck;
import io.gantry.worker.Worker;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Metric ingestion: how many reports a second the coordinator takes in and writes to H2. Worker
 * actors in this process run {@link SleepTrialRunner} trials that report four metrics per step
 * with no sleep, as fast as they can, so the coordinator is the bottleneck; worker processes are
 * left out because two more JVMs serialising at full speed would take the two cores from the
 * coordinator being measured. Reports per second from the first report made until the sweep's end,
 * which comes only after the last report is written.
 *
 * <p>Usage: {@code IngestionBenchmark [trials] [reports per trial] [workers]}, by default 4 25000 2.
 */
public final class IngestionBenchmark {

  private IngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    long reports = args.length > 1 ? Long.parseLong(args[1]) : 25_000;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    SleepSweep.Stored sweep = SleepSweep.store("ingestion", trials, reports, 0);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.setup(
                context -> {
                  var listener =
                      context.spawn(
                          Behaviors.<SweepProgress>receiveMessage(
                              p -> {
                                if (p.sweepFinished()) {
                                  finished.complete(null);
                                }
                                return Behaviors.same();
                              }),
                          "progress");
                  var service = context.spawn(Sweeps.create(), "sweeps");
                  context.spawn(
                      Coordinator.create(sweep.store(), sweep.plan(), EventOutbox.NONE, listener, service), "coordinator",
                      DispatcherSelector.fromConfig("gantry.store-dispatcher"));
                  for (int i = 0; i < workers; i++) {
                    WorkerInfo info = WorkerInfo.ofThisProcess("cpu-" + i, "cpu:" + i, 1, DeviceCheck.machineMemory());
                    context.spawn(Worker.create(info, new SleepTrialRunner(), sweep.data().resolve("scratch-" + i)), "worker-" + i);
                  }
                  return Behaviors.empty();
                }),
            "ingestion",
            ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    finished.join();
    system.terminate();
    SweepPlan plan = sweep.plan();
    H2RunStore store = sweep.store();
    long firstReport = Long.MAX_VALUE;
    long stored = 0;
    for (var trial : store.trials(plan.sweepId())) {
      for (MetricPoint point : store.metrics(plan.sweepId(), trial.trialId())) {
        firstReport = Math.min(firstReport, point.timestampMillis());
        stored += point.name().equals("val/score") ? 1 : 0;
      }
    }
    long end = store.sweep(plan.sweepId()).orElseThrow().finishedAt().orElseThrow().toEpochMilli();
    store.close();
    double seconds = (end - firstReport) / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "gantry: %d of %d reports (4 metrics each) from %d workers stored in %.2f s: %.0f reports/s, %.0f metric values/s%n",
        stored, trials * reports, workers, seconds, stored / seconds, 4 * stored / seconds);
  }
}
