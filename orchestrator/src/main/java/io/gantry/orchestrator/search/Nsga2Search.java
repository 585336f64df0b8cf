package io.gantry.orchestrator.search;

import io.gantry.orchestrator.sweep.Nsga2Settings;
import io.gantry.orchestrator.sweep.ParameterSpec.Fixed;
import io.gantry.orchestrator.sweep.SweepSpec;
import io.gantry.protocol.catalog.ModelCatalog;
import io.gantry.protocol.catalog.ParamDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

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
  private final List<String> varied;
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
    this.varied = spec.parameters().entrySet().stream().filter(e -> !(e.getValue() instanceof Fixed)).map(Map.Entry::getKey).toList();
    this.mutationProbability = settings.mutationProbability().orElse(1.0 / Math.max(1, varied.size()));
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
    int[] ranks = ranks(completed);
    List<Member> parents = new ArrayList<>();
    for (int rank = 0; parents.size() < settings.populationSize(); rank++) {
      int r = rank;
      List<Member> front = IntStream.range(0, completed.size()).filter(i -> ranks[i] == r).mapToObj(completed::get).toList();
      if (parents.size() + front.size() <= settings.populationSize()) {
        parents.addAll(front);
      } else {
        double[] crowding = crowding(front);
        IntStream.range(0, front.size())
            .boxed()
            .sorted(Comparator.comparingDouble(i -> -crowding[i]))
            .limit(settings.populationSize() - parents.size())
            .forEach(i -> parents.add(front.get(i)));
      }
    }
    return parents;
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
    return ParetoRanks.of(
        members.stream().map(Member::objectives).toList(), members.stream().mapToDouble(Member::violation).toArray());
  }

  /**
   * Each member's crowding distance within its own front: per metric, the gap between its two
   * neighbours over the metric's range, summed; a front's extremes get infinity, so they survive.
   */
  private static double[] crowding(List<Member> members) {
    int[] ranks = ranks(members);
    double[] distance = new double[members.size()];
    int metrics = members.isEmpty() ? 0 : members.get(0).objectives().length;
    for (int rank : Arrays.stream(ranks).distinct().toArray()) {
      int[] front = IntStream.range(0, members.size()).filter(i -> ranks[i] == rank).toArray();
      for (int m = 0; m < metrics; m++) {
        int k = m;
        int[] sorted = Arrays.stream(front).boxed().sorted(Comparator.comparingDouble(i -> members.get(i).objectives()[k])).mapToInt(Integer::intValue).toArray();
        double low = members.get(sorted[0]).objectives()[k];
        double high = members.get(sorted[sorted.length - 1]).objectives()[k];
        distance[sorted[0]] = Double.POSITIVE_INFINITY;
        distance[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
        for (int j = 1; j < sorted.length - 1 && high > low; j++) {
          distance[sorted[j]] += (members.get(sorted[j + 1]).objectives()[k] - members.get(sorted[j - 1]).objectives()[k]) / (high - low);
        }
      }
    }
    return distance;
  }
}
