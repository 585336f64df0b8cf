package io.gantry.orchestrator.coordinator;

import io.gantry.orchestrator.search.SearchStrategy;
import io.gantry.orchestrator.search.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search strategy for actor tests: proposes {@code {x: xs[i]}} in order, then nothing, and logs
 * every ask and tell, so a test sees in which order the coordinator talks to it, and the trials
 * each ask was told were running.
 */
final class ScriptedSearch implements SearchStrategy {

  private final List<Double> xs;
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private final List<List<Map<String, Object>>> running = Collections.synchronizedList(new ArrayList<>());
  private int next;

  ScriptedSearch(double... xs) {
    this.xs = Arrays.stream(xs).boxed().toList();
  }

  /** {@code ask} and {@code tell x=value [stopped]} entries, oldest first. */
  List<String> log() {
    return List.copyOf(log);
  }

  /** What each ask was passed as running, oldest ask first. */
  List<List<Map<String, Object>>> running() {
    return List.copyOf(running);
  }

  @Override
  public Optional<Map<String, Object>> ask(List<Map<String, Object>> running) {
    log.add("ask");
    this.running.add(running);
    return next < xs.size() ? Optional.of(Map.of("x", xs.get(next++))) : Optional.empty();
  }

  @Override
  public void tell(Map<String, Object> params, TrialResult result) {
    log.add("tell " + params.get("x") + "=" + result.value() + (result.stoppedEarly() ? " stopped" : ""));
  }
}
