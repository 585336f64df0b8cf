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
import java.util.function.Predicate;
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
 * <p>With several metrics the split is MOTPE's (Ozaki et al. 2020), as Optuna's sampler makes it:
 * the completed trials are ranked by non-dominated sorting, whole fronts are good while they fit,
 * and of the front that does not the members adding most hypervolume fill the good group (exact
 * for two metrics, by crowding distance for more: {@link ParetoRanks#mostHypervolume}). A trial
 * without a value of every metric is bad. With constraints the split is Optuna's constrained
 * TPE's, for one metric or several: every feasible trial ranks above every infeasible one, and
 * infeasible ones rank by smaller violation. Unlike Optuna, the good trials' kernels are not
 * weighted by their hypervolume contributions: every kernel weighs the same as with one metric.
 *
 * <p>With {@link TpeSettings#constantLiar()} the trials that are queued or running join the bad
 * group, as if they had ended worst, so that workers asking at once are not sent to the same
 * place. With {@link TpeSettings#multivariate()} one {@link JointParzen} over all the parameters
 * proposes them together; otherwise each parameter is proposed on its own.
 */
public final class TpeSearch implements SearchStrategy {

  private static final int MAX_GOOD = 25;

  /** Of trials stopped early, those that trained longest say most. */
  private static final Comparator<TrialResult> FURTHEST_FIRST = Comparator.comparingLong(r -> -r.steps());

  private static final Comparator<TrialResult> LEAST_VIOLATION_FIRST = Comparator.comparingDouble(TrialResult::violation);

  private record Observation(Map<String, Object> params, TrialResult result) {}

  /** The parameters of the good trials and of the bad ones, oldest first in each. */
  private record Groups(List<Map<String, Object>> good, List<Map<String, Object>> bad) {}

  private final SweepSpec spec;
  private final Map<String, ParamDef> defs;
  private final TpeSettings settings;
  /** Whether the good trials are chosen by Pareto rank rather than by the first metric. */
  private final boolean severalMetrics;
  /** The parameters TPE chooses: all but the fixed ones, in the sweep file's order. */
  private final Map<String, ParameterSpec> searched;
  private final RandomSearch startup;
  private final Random random;
  private final List<Observation> observations = new ArrayList<>();

  /** TPE over {@code spec}'s parameters, with the spec's {@link SweepSpec#tpe() settings}. */
  public TpeSearch(SweepSpec spec) {
    this.spec = spec;
    this.defs = ModelCatalog.parameters(spec.model());
    this.settings = spec.tpe();
    this.severalMetrics = spec.metrics().size() > 1;
    this.searched = spec.searched();
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

  /**
   * Which observations, in telling order, are the best {@code min(ceil(gamma * n), 25)}, as
   * Optuna's split ranks them: feasible completed trials first, then feasible trials stopped early
   * (those that went further first, then by the first metric), then infeasible ones by smaller
   * violation. With several metrics the completed ones are ranked by {@link #paretoBest}, and
   * a trial without a value of every metric is never good.
   */
  private boolean[] good() {
    int count = (int) Math.min(MAX_GOOD, Math.ceil(settings.gamma() * observations.size()));
    List<Integer> good = new ArrayList<>(bestCompleted(trialsWhere(r -> r.violation() == 0 && !r.stoppedEarly()), count));
    good.addAll(first(trialsWhere(r -> r.violation() == 0 && r.stoppedEarly()), FURTHEST_FIRST.thenComparing(byValue()), count - good.size()));
    good.addAll(first(trialsWhere(r -> r.violation() > 0), LEAST_VIOLATION_FIRST, count - good.size()));
    boolean[] isGood = new boolean[observations.size()];
    good.forEach(i -> isGood[i] = true);
    return isGood;
  }

  /**
   * The indices of the observations, in telling order, whose result is {@code which}; with several
   * metrics, only those with a value of each, since the others cannot be placed on a front.
   */
  private List<Integer> trialsWhere(Predicate<TrialResult> which) {
    return IntStream.range(0, observations.size())
        .filter(i -> {
          TrialResult result = observations.get(i).result();
          return which.test(result) && !(severalMetrics && result.objectives().isEmpty());
        })
        .boxed()
        .toList();
  }

  private List<Integer> bestCompleted(List<Integer> completed, int count) {
    return severalMetrics ? paretoBest(completed, count) : first(completed, byValue(), count);
  }

  /**
   * MOTPE's split of the completed trials: whole Pareto fronts while they fit, then the members of
   * the next front that add most hypervolume ({@link ParetoRanks#mostHypervolume}).
   */
  private List<Integer> paretoBest(List<Integer> completed, int count) {
    List<double[]> points =
        completed.stream().map(i -> observations.get(i).result().objectives().stream().mapToDouble(Double::doubleValue).toArray()).toList();
    return ParetoRanks.best(points, new double[points.size()], count, ParetoRanks::mostHypervolume).stream()
        .map(completed::get)
        .toList();
  }

  /** The first {@code count} of {@code trials} by {@code ranking}, ties in telling order. */
  private List<Integer> first(List<Integer> trials, Comparator<TrialResult> ranking, int count) {
    return trials.stream().sorted(Comparator.comparing(i -> observations.get(i).result(), ranking)).limit(count).toList();
  }

  /** Better first by the sweep's first metric. */
  private Comparator<TrialResult> byValue() {
    Comparator<TrialResult> byValue = Comparator.comparingDouble(TrialResult::value);
    return spec.metric().goal() == Goal.MAXIMIZE ? byValue.reversed() : byValue;
  }
}
