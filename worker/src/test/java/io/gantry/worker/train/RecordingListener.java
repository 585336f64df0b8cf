package io.gantry.worker.train;

import io.gantry.worker.trial.TrialListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A listener that keeps everything a trial reports, for tests to assert on. */
public final class RecordingListener implements TrialListener {

  /** One {@link TrialListener#onMetrics} call. */
  public record Report(long step, int epoch, Map<String, Double> metrics) {}

  /** One {@link TrialListener#onArtifact} call. */
  public record Artifact(String kind, int epoch, long step, Path path) {}

  public final List<Report> reports = new ArrayList<>();
  public final List<Artifact> artifacts = new ArrayList<>();

  @Override
  public void onMetrics(long step, int epoch, Map<String, Double> metrics) {
    reports.add(new Report(step, epoch, Map.copyOf(metrics)));
  }

  @Override
  public void onArtifact(String kind, int epoch, long step, Path path) {
    artifacts.add(new Artifact(kind, epoch, step, path));
  }

  /** The value of {@code metric} reported at the end of {@code epoch}, if any. */
  public Optional<Double> value(String metric, int epoch) {
    return reports.stream()
        .filter(r -> r.epoch() == epoch && r.metrics().containsKey(metric))
        .reduce((first, second) -> second)
        .map(r -> r.metrics().get(metric));
  }

  /** The last reported value of {@code metric}. */
  public double last(String metric) {
    return reports.stream()
        .filter(r -> r.metrics().containsKey(metric))
        .reduce((first, second) -> second)
        .map(r -> r.metrics().get(metric))
        .orElseThrow(() -> new AssertionError(metric + " was never reported"));
  }
}
