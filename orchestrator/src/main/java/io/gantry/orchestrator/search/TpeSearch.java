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
import java.util.stream.IntStream;

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's default sampler runs it,
 * one parameter at a time: the first {@link TpeSettings#startupTrials()} trials are random; after
 * that the trials told so far are split into the best {@code min(ceil(gamma * n), 25)} and the
 * rest, a Parzen estimator is fitted to each group per parameter, and of {@link
 * TpeSettings#eiCandidates()} values drawn from the good group's estimator the one with the
 * highest ratio of good to bad density is proposed. Trials a scheduler stopped early rank below
 * every completed trial, those that went further first. Seeded by the sweep's seed.
 */
public final class TpeSearch implements SearchStrategy {

  private static final int MAX_GOOD = 25;

  private record Observation(Map<String, Object> params, TrialResult result) {}

  private final SweepSpec spec;
  private final Map<String, ParamDef> defs;
  private final TpeSettings settings;
  private final RandomSearch startup;
  private final Random random;
  private final List<Observation> observations = new ArrayList<>();

  /** TPE over {@code spec}'s parameters, with the spec's {@link SweepSpec#tpe() settings}. */
  public TpeSearch(SweepSpec spec) {
    this.spec = spec;
    this.defs = ModelCatalog.parameters(spec.model());
    this.settings = spec.tpe();
    this.startup = new RandomSearch(spec);
    // A stream of its own, so that the startup trials are exactly random search's.
    this.random = new Random(spec.seed() ^ 0x7e5eedL);
  }

  @Override
  public Optional<Map<String, Object>> ask() {
    if (observations.size() < settings.startupTrials()) {
      return startup.ask();
    }
    boolean[] good = good();
    List<Observation> goodInOrder = new ArrayList<>();
    List<Observation> badInOrder = new ArrayList<>();
    for (int i = 0; i < observations.size(); i++) {
      (good[i] ? goodInOrder : badInOrder).add(observations.get(i));
    }
    Map<String, Object> chosen = new LinkedHashMap<>();
    spec.parameters()
        .forEach(
            (name, p) ->
                chosen.put(
                    name,
                    p instanceof Fixed fixed
                        ? fixed.value()
                        : propose(parzen(name, p, goodInOrder), parzen(name, p, badInOrder))));
    return Optional.of(TrialParameters.complete(defs, chosen));
  }

  @Override
  public void tell(Map<String, Object> params, TrialResult result) {
    observations.add(new Observation(params, result));
  }

  /** The best of the candidates drawn from {@code good}, by {@code log l(x) - log g(x)}. */
  private Object propose(Parzen good, Parzen bad) {
    Object best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < settings.eiCandidates(); i++) {
      Object candidate = good.sample(random);
      double score = good.logDensity(candidate) - bad.logDensity(candidate);
      if (best == null || score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private Parzen parzen(String name, ParameterSpec p, List<Observation> group) {
    if (p instanceof Choice choice) {
      return new CategoricalParzen(choice.values(), group.stream().map(o -> o.params().get(name)).toList());
    }
    List<Double> values =
        group.stream()
            .map(o -> o.params().get(name))
            .filter(Number.class::isInstance)
            .map(v -> ((Number) v).doubleValue())
            .toList();
    return new NumericParzen((Range) p, defs.get(name), values);
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
