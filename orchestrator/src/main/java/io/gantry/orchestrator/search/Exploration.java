package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.orchestrator.sweep.PbtSettings;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Population-based training's explore step, as Ray Tune's {@code PopulationBasedTraining} takes
 * it: each parameter the sweep varies is, with {@link PbtSettings#resampleProbability()}, drawn
 * afresh as random search draws it; otherwise a range's value is multiplied by one of {@link
 * PbtSettings#perturb()}, drawn at random, and kept within the range (an integer rounded), and a
 * listed value moves to a neighbour in the list, up or down at random, staying at an end.
 */
public final class Exploration {

  private final SweepSpec spec;
  private final PbtSettings settings;
  private final Map<String, ParamDef> defs;

  public Exploration(SweepSpec spec) {
    this.spec = spec;
    this.settings = spec.pbt().orElseThrow(() -> new IllegalArgumentException("not a pbt sweep: " + spec.name()));
    this.defs = ModelCatalog.parameters(spec.model());
  }

  /** The parameters the sweep varies, which explore changes, in the file's order. */
  public List<String> varied() {
    return List.copyOf(spec.searched().keySet());
  }

  /** The parameters a member that copied {@code parent}'s goes on with. */
  public Map<String, Object> explore(Map<String, Object> parent, Random random) {
    Map<String, Object> next = new LinkedHashMap<>(parent);
    spec.searched().forEach(
        (name, p) ->
            next.put(
                name,
                random.nextDouble() < settings.resampleProbability()
                    ? RandomSearch.draw(defs.get(name), p, random)
                    : perturbed(name, p, parent.get(name), random)));
    return next;
  }

  private Object perturbed(String name, ParameterSpec p, Object value, Random random) {
    if (p instanceof Choice choice) {
      List<Object> values = choice.values();
      int at = Math.max(0, values.indexOf(value));
      int moved = Math.max(0, Math.min(values.size() - 1, at + (random.nextBoolean() ? 1 : -1)));
      return values.get(moved);
    }
    Range range = (Range) p;
    double factor = settings.perturb().get(random.nextInt(settings.perturb().size()));
    double scaled = Math.max(range.min(), Math.min(range.max(), ((Number) value).doubleValue() * factor));
    return defs.get(name).type() == ParamDef.Type.INT ? TrialParameters.integerValue(defs.get(name), Math.round(scaled)) : scaled;
  }
}
