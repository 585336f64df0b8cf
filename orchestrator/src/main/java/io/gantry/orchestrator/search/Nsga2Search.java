package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.Nsga2Settings;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * NSGA-II (Deb et al. 2002) as Optuna's {@code NSGAIISampler} breeds trials, for one or several
 * metrics: the first {@link Nsga2Settings#populationSize()} trials are random search's; after that
 * the parents are the best {@code populationSize} completed trials, by {@link ParetoRanks}
 * (constrained domination, so feasible trials first) and, within the last front that fits, by
 * crowding distance, larger first. Each child takes two parents, each the better of two picked at
 * random (binary tournament); with {@link Nsga2Settings#crossoverProbability()} it takes each
 * parameter from either parent with even odds (uniform crossover), else it copies the first; then
 * each parameter is drawn afresh with the mutation probability. Workers never wait for a
 * generation to fill: every proposal breeds from the trials finished by then, which, with all
 * trials told, is the elitist selection over parents and children that NSGA-II makes. Trials a
 * scheduler stopped early, at a smaller budget, are not parents. As Optuna's, it pays no heed to
 * trials still running. Seeded by the sweep's seed.
 */
public final class Nsga2Search implements SearchStrategy {

  private record Member(Map<String, Object> params, double[] objectives, double violation) {}

  private final SweepSpec spec;
  private final Map<String, ParamDef> defs;
  private final Nsga2Settings settings;
  private final double mutationProbability;
  private final RandomSearch startup;
  private final RandomSearch mutations;
  private final Random random;
  private final List<Member> completed = new ArrayList<>();

  /** NSGA-II over {@code spec}'s parameters, with the spec's {@link SweepSpec#nsga2() settings}. */
  public Nsga2Search(SweepSpec spec) {
    this.spec = spec;
    this.defs = ModelCatalog.parameters(spec.model());
    this.settings = spec.nsga2();
    this.mutationProbability = settings.mutationProbability().orElse(1.0 / Math.max(1, spec.searched().size()));
    this.startup = new RandomSearch(spec);
    // Streams of their own, so that the first generation is exactly random search's.
    this.mutations = new RandomSearch(spec, spec.seed() ^ 0x6e5ea2L);
    this.random = new Random(spec.seed() ^ 0x6e5ea2bL);
  }

  @Override
  public Optional<Map<String, Object>> ask(List<Map<String, Object>> running) {
    if (completed.size() < settings.populationSize()) {
      return startup.ask(running);
    }
    List<Member> parents = parents();
    double[] crowding = crowding(parents);
    int[] ranks = ranks(parents);
    Map<String, Object> first = parents.get(tournament(ranks, crowding)).params();
    Map<String, Object> second = parents.get(tournament(ranks, crowding)).params();
    boolean cross = random.nextDouble() < settings.crossoverProbability();
    Map<String, Object> fresh = mutations.ask(List.of()).orElseThrow();
    Map<String, Object> child = new LinkedHashMap<>();
    spec.parameters()
        .forEach(
            (name, p) -> {
              Object inherited = cross && random.nextBoolean() ? second.get(name) : first.get(name);
              child.put(name, p instanceof Fixed fixed ? fixed.value() : random.nextDouble() < mutationProbability ? fresh.get(name) : inherited);
            });
    return Optional.of(TrialParameters.complete(defs, child));
  }

  @Override
  public void tell(Map<String, Object> params, TrialResult result) {
    if (!result.stoppedEarly() && !result.objectives().isEmpty()) {
      double[] objectives = result.objectives().stream().mapToDouble(Double::doubleValue).toArray();
      completed.add(new Member(params, objectives, result.violation()));
    }
  }

  /** The best {@code populationSize} completed trials: whole fronts, then the most isolated of the next. */
  private List<Member> parents() {
    return ParetoRanks.best(points(completed), violations(completed), settings.populationSize(), ParetoRanks::mostIsolated).stream()
        .map(completed::get)
        .toList();
  }

  /** Of two members picked at random, the one of better rank, then of larger crowding distance. */
  private int tournament(int[] ranks, double[] crowding) {
    int a = random.nextInt(ranks.length);
    int b = random.nextInt(ranks.length);
    if (ranks[a] != ranks[b]) {
      return ranks[a] < ranks[b] ? a : b;
    }
    return crowding[b] > crowding[a] ? b : a;
  }

  private static int[] ranks(List<Member> members) {
    return ParetoRanks.of(points(members), violations(members));
  }

  /** Each member's {@link ParetoRanks#crowding crowding distance} within its own front. */
  private static double[] crowding(List<Member> members) {
    return ParetoRanks.crowding(points(members), ranks(members));
  }

  private static List<double[]> points(List<Member> members) {
    return members.stream().map(Member::objectives).toList();
  }

  private static double[] violations(List<Member> members) {
    return members.stream().mapToDouble(Member::violation).toArray();
  }
}
