package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.SweepSpecParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sweep files for search tests, and what a strategy proposes for them. */
final class Specs {

  private Specs() {}

  static SweepSpec parse(String yaml) {
    return SweepSpecParser.parse(yaml, Path.of("sweeps/x.yaml"));
  }

  /** Everything {@code strategy} proposes until it runs dry. */
  static List<Map<String, Object>> allTrials(SearchStrategy strategy) {
    List<Map<String, Object>> trials = new ArrayList<>();
    // a grid's points do not depend on what runs
    for (Optional<Map<String, Object>> next = strategy.ask(List.of());
        next.isPresent();
        next = strategy.ask(List.of())) {
      trials.add(next.get());
    }
    return trials;
  }
}
