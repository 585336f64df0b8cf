package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Independent draws for each trial: a listed value picked uniformly, a uniform range drawn
 * uniformly over {@code [min, max)}, an int_uniform range over {@code min..max} inclusive, a
 * log_uniform range uniformly in log space. The sweep's seed fixes the whole sequence, so the same
 * file proposes the same trials. It never runs out; the coordinator stops asking at {@link
 * SweepSpec#maxTrials()}.
 */
public final class RandomSearch implements SearchStrategy {

  private final SweepSpec spec;
  private final Map<String, ParamDef> defs;
  private final Random random;

  /** Random search over {@code spec}'s parameters, seeded with {@link SweepSpec#seed()}. */
  public RandomSearch(SweepSpec spec) {
    this(spec, spec.seed());
  }

  /** Random search over {@code spec}'s parameters, drawing from a stream of its own. */
  RandomSearch(SweepSpec spec, long seed) {
    this.spec = spec;
    this.defs = ModelCatalog.parameters(spec.model());
    this.random = new Random(seed);
  }

  /** Independent draws: the running trials change nothing. */
  @Override
  public Optional<Map<String, Object>> ask(List<Map<String, Object>> running) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    spec.parameters().forEach((name, p) -> chosen.put(name, draw(defs.get(name), p, random)));
    return Optional.of(TrialParameters.complete(defs, chosen));
  }

  /** One draw of parameter {@code p} (of catalog entry {@code def}) from {@code random}. */
  static Object draw(ParamDef def, ParameterSpec p, Random random) {
    if (p instanceof Fixed fixed) {
      return fixed.value();
    }
    if (p instanceof Choice choice) {
      return choice.values().get(random.nextInt(choice.values().size()));
    }
    Range range = (Range) p;
    return switch (range.distribution()) {
      case UNIFORM -> random.nextDouble(range.min(), range.max());
      case INT_UNIFORM ->
          TrialParameters.integerValue(
              def, random.nextLong((long) range.min(), (long) range.max() + 1));
      case LOG_UNIFORM -> Math.exp(random.nextDouble(Math.log(range.min()), Math.log(range.max())));
    };
  }
}
