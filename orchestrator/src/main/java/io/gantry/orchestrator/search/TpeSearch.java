package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.MetricGoal.Goal;
import io.gantry.orchestrator.sweep.ParameterSpec;
import io.gantry.orchestrator.sweep.ParameterSpec.Choice;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.ParameterSpec.Range;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.orchestrator.sweep.TpeSettings;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's {@code TPESampler} runs
 * it: the first {@link TpeSettings#startupTrials()} trials are random; after that the trials told
 * so far are split into the best {@code min(ceil(gamma * n), 25)} and the rest, a Parzen estimator
 * is fitted to each group, and of {@link TpeSettings#eiCandidates()} candidates drawn from the good
 * group's estimator the one with the highest ratio of good to bad density is proposed. Trials a
 * scheduler stopped early rank below every completed trial, those that went further first.
 * Seeded by the sweep's seed.
 *
 * <p>With {@link TpeSettings#constantLiar()} the trials that are queued or running join the bad
 * group, as if they had ended worst, so that workers asking at once are not sent to the same
 * place. With {@link TpeSettings#multivariate()} one {@link JointParzen} over all the parameters
 * proposes them together; otherwise each parameter is proposed on its own.
 */
public final class TpeSearch implements SearchStrategy {

  private static final int MAX_GOOD = 25;

  private record Observation(Map<String, Object> params, TrialResult result) {}

  /** The parameters of the good trials and of the bad ones, oldest first in each. */
  private record Groups(List<Map<String, Object>> good, List<Map<String, Object>> bad) {}

  private final SweepSpec spec;
  private final Map<String, ParamDef> defs;
  private final TpeSettings settings;
  /** The parameters TPE chooses: all but the fixed ones, in the sweep file's order. */
  private final Map<String, ParameterSpec> searched = new LinkedHashMap<>();
  private final RandomSearch startup;
  private final Random random;
  private final List<Observation> observations = new ArrayList<>();

  /** TPE over {@code spec}'s parameters, with the spec's {@link SweepSpec#tpe() settings}. */
  public TpeSearch(SweepSpec spec) {
    this.spec = spec;
    this.defs = ModelCatalog.parameters(spec.model());
    this.settings = spec.tpe();
    spec.parameters().forEach((name, p) -> {
      if (!(p instanceof Fixed)) {
        searched.put(name, p);
      }
    });
    this.startup = new RandomSearch(spec);
    // A stream of its own, so that the startup trials are exactly random search's.
    this.random = new Random(spec.seed() ^ 0x7e5eedL);
  }

  @Override
  public Optional<Map<String, Object>> ask(List<Map<String, Object>> running) {
    // only ended trials count towards the startup trials, as in Optuna
    if (observations.size() < settings.startupTrials()) {
      return startup.ask(running);
    }
    Groups groups = groups(settings.constantLiar() ? running : List.of());
    Map<String, Object> chosen =
        new LinkedHashMap<>(settings.multivariate() ? proposeJointly(groups) : proposeEach(groups));
    spec.parameters().forEach((name, p) -> {
      if (p instanceof Fixed fixed) {
        chosen.put(name, fixed.value());
      }
    });
    return Optional.of(TrialParameters.complete(defs, chosen));
  }

  @Override
  public void tell(Map<String, Object> params, TrialResult result) {
    observations.add(new Observation(params, result));
  }

  private Map<String, Object> proposeEach(Groups groups) {
    Map<String, Object> chosen = new LinkedHashMap<>();
    searched.forEach(
        (name, p) -> chosen.put(name, propose(parzen(name, p, groups.good()), parzen(name, p, groups.bad()))));
    return chosen;
  }

  /** The best of the candidates drawn from {@code good}, by {@code log l(x) - log g(x)}. */
  private Object propose(Parzen good, Parzen bad) {
    return best(() -> good.sample(random), x -> good.logDensity(x) - bad.logDensity(x));
  }

  /**
   * Every searched parameter, drawn and scored together. A trial whose value of some parameter
   * lies outside the sweep's space (from an older sweep file) is left out of both estimators,
   * since a joint kernel needs a value of every parameter.
   */
  private Map<String, Object> proposeJointly(Groups groups) {
    List<Map<String, Object>> good = groups.good().stream().filter(this::inSpace).toList();
    List<Map<String, Object>> bad = groups.bad().stream().filter(this::inSpace).toList();
    JointParzen l = joint(good);
    JointParzen g = joint(bad);
    return best(() -> l.sample(random), x -> l.logDensity(x) - g.logDensity(x));
  }

  /** Of {@link TpeSettings#eiCandidates()} draws, the first with the highest score. */
  private <T> T best(Supplier<T> draw, ToDoubleFunction<T> score) {
    T best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < settings.eiCandidates(); i++) {
      T candidate = draw.get();
      double value = score.applyAsDouble(candidate);
      if (best == null || value > bestScore) {
        best = candidate;
        bestScore = value;
      }
    }
    return best;
  }

  private JointParzen joint(List<Map<String, Object>> group) {
    Map<String, Parzen> parzens = new LinkedHashMap<>();
    searched.forEach(
        (name, p) ->
            parzens.put(
                name,
                p instanceof Range range
                    ? NumericParzen.ofJoint(range, defs.get(name), numbers(name, group), searched.size())
                    : parzen(name, p, group)));
    return new JointParzen(parzens, group.size());
  }

  /** Whether every searched parameter's value is one the sweep's space can hold. */
  private boolean inSpace(Map<String, Object> params) {
    return searched.entrySet().stream()
        .allMatch(e -> {
          Object value = params.get(e.getKey());
          return e.getValue() instanceof Choice choice ? choice.values().contains(value) : value instanceof Number;
        });
  }

  private Parzen parzen(String name, ParameterSpec p, List<Map<String, Object>> group) {
    if (p instanceof Choice choice) {
      return new CategoricalParzen(choice.values(), group.stream().map(params -> params.get(name)).toList());
    }
    return new NumericParzen((Range) p, defs.get(name), numbers(name, group));
  }

  private static List<Double> numbers(String name, List<Map<String, Object>> group) {
    return group.stream()
        .map(params -> params.get(name))
        .filter(Number.class::isInstance)
        .map(v -> ((Number) v).doubleValue())
        .toList();
  }

  /**
   * The told trials split into good and bad, with {@code running} (the liar's) after the bad:
   * how many are good depends on the ended trials alone, as in Optuna.
   */
  private Groups groups(List<Map<String, Object>> running) {
    boolean[] good = good();
    List<Map<String, Object>> goodInOrder = new ArrayList<>();
    List<Map<String, Object>> badInOrder = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      (good[i] ? goodInOrder : badInOrder).add(observations.get(i).params());
    }
    badInOrder.addAll(running);
    return new Groups(goodInOrder, badInOrder);
  }

  /** Which observations, in telling order, are the best {@code min(ceil(gamma * n), 25)}. */
  private boolean[] good() {
    Comparator<TrialResult> byValue = Comparator.comparingDouble(TrialResult::value);
    if (spec.metric().goal() == Goal.MAXIMIZE) {
      byValue = byValue.reversed();
    }
    Comparator<TrialResult> ranking =
        Comparator.comparing(TrialResult::stoppedEarly)
            .thenComparingLong(r -> r.stoppedEarly() ? -r.steps() : 0)
            .thenComparing(byValue);
    int count = (int) Math.min(MAX_GOOD, Math.ceil(settings.gamma() * observations.size()));
    boolean[] good = new boolean[observations.size()];
    IntStream.range(0, observations.size())
        .boxed()
        .sorted(Comparator.comparing(i -> observations.get(i).result(), ranking))
        .limit(count)
        .forEach(i -> good[i] = true);
    return good;
  }
}
