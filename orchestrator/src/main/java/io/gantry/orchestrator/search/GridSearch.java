package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Every combination of the sweep's parameter values, in the file's parameter order with the last
 * parameter varying fastest, as nested loops written in that order would run. Int_uniform ranges
 * are listed from min to max; other ranges have no grid and are refused. The coordinator, not the
 * grid, stops at {@link SweepSpec#maxTrials()}, so an extended sweep goes on with the next points.
 */
public final class GridSearch implements SearchStrategy {

  /** One parameter's values, indexed so that huge grids need no list of all points. */
  private record Axis(String name, long size, LongFunction<Object> valueAt) {}

  private final Map<String, ParamDef> defs;
  private final List<Axis> axes = new ArrayList<>();
  private final long points;
  private long nextIndex;

  /** A grid over {@code spec}'s parameters; throws if one of them is a continuous range. */
  public GridSearch(SweepSpec spec) {
    this.defs = ModelCatalog.parameters(spec.model());
    spec.parameters().forEach((name, p) -> axes.add(axis(name, defs.get(name), p)));
    this.points = ParameterSpec.gridSize(spec.parameters().values());
  }

  /** Empty once every point of the grid has been proposed; the running trials change no point. */
  @Override
  public Optional<Map<String, Object>> ask(List<Map<String, Object>> running) {
    if (nextIndex >= points) {
      return Optional.empty();
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    long rest = nextIndex++;
    for (int i = axes.size() - 1; i >= 0; i--) {
      Axis axis = axes.get(i);
      chosen.put(axis.name(), axis.valueAt().apply(rest % axis.size()));
      rest /= axis.size();
    }
    return Optional.of(TrialParameters.complete(defs, chosen));
  }

  private static Axis axis(String name, ParamDef def, ParameterSpec p) {
    long size = p.gridPoints();
    if (p instanceof Fixed fixed) {
      return new Axis(name, size, i -> fixed.value());
    }
    if (p instanceof Choice choice) {
      return new Axis(name, size, i -> choice.values().get((int) i));
    }
    long min = (long) ((Range) p).min();
    return new Axis(name, size, i -> TrialParameters.integerValue(def, min + i));
  }
}
