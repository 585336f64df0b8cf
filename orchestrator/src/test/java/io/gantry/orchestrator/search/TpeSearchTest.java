package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.orchestrator.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** TPE on synthetic objectives: no training, only ask, evaluate, tell. */
class TpeSearchTest {

  /**
   * Branin's domain, scaled by 1/25 into two GAN learning rates (within their bounds); the names do
   * not matter to the search.
   */
  private static final String BRANIN =
      """
      name: branin
      model: gan
      dataset: fashion-mnist
      method: tpe
      metric: {name: val/d_fake, goal: minimize}
      budget: {epochs: 1}
      parameters:
        lr_g: {min: 0.2, max: 0.8}
        lr_d: {min: 0.2, max: 0.8}
      """;

  /** A log-uniform, an integer, a listed and a fixed parameter; each test adds its seed or settings. */
  private static final String MIXED =
      """
      name: mixed
      model: gan
      dataset: fashion-mnist
      method: tpe
      metric: {name: val/d_fake, goal: minimize}
      budget: {epochs: 1}
      parameters:
        lr_g: {distribution: log_uniform, min: 1.0e-5, max: 1.0e-1}
        latent_dim: {min: 1, max: 64}
        generator_loss: {values: [non_saturating, minimax]}
        batch_size: {value: 32}
      """;

  private static final double BRANIN_MINIMUM = 0.397887;
  private static final int TRIALS = 60;
  private static final int SEEDS = 30;

  /** Branin-Hoo, minimum 0.397887 at three points: a standard 2-D test of optimisers. */
  private static double branin(Map<String, Object> p) {
    double x = 25 * (Double) p.get("lr_g") - 10;
    double y = 25 * (Double) p.get("lr_d") - 5;
    double a = y - 5.1 / (4 * Math.PI * Math.PI) * x * x + 5 / Math.PI * x - 6;
    return a * a + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x) + 10;
  }

  /** The best value {@code trials} proposals of a fresh strategy reach, each told its value. */
  private static double best(String yaml, int trials, ToDoubleFunction<Map<String, Object>> objective) {
    SearchStrategy search = SearchStrategies.forSpec(parse(yaml));
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials; i++) {
      Map<String, Object> params = search.ask(List.of()).orElseThrow();
      double value = objective.applyAsDouble(params);
      search.tell(params, new TrialResult(value, 100, false));
      best = Math.min(best, value);
    }
    return best;
  }

  @Test
  void tpeBeatsRandomSearchOnBraninOverThirtySeeds() {
    int tpeWins = 0;
    double tpeRegret = 0;
    double randomRegret = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      String tpe = BRANIN + "seed: " + seed + "\n";
      double byTpe = best(tpe, TRIALS, TpeSearchTest::branin) - BRANIN_MINIMUM;
      double byRandom = best(tpe.replace("method: tpe", "method: random"), TRIALS, TpeSearchTest::branin) - BRANIN_MINIMUM;
      tpeWins += byTpe < byRandom ? 1 : 0;
      tpeRegret += byTpe / SEEDS;
      randomRegret += byRandom / SEEDS;
    }

    String figures = String.format("TPE won %d of %d seeds; mean regret TPE %.3f, random %.3f", tpeWins, SEEDS, tpeRegret, randomRegret);
    System.out.println(figures);
    assertTrue(tpeWins >= 20, figures);
    assertTrue(tpeRegret < 0.5 * randomRegret, figures);
  }

  @Test
  void theStartupTrialsAreRandomSearchsAndTheSameSeedProposesTheSameTrials() {
    SweepSpec spec = parse(BRANIN + "seed: 3\ntpe: {n_startup_trials: 5}\n");
    SearchStrategy random = new RandomSearch(spec);
    List<Map<String, Object>> first = proposals(new TpeSearch(spec), 12);

    assertEquals(IntStream.range(0, 5).mapToObj(i -> random.ask(List.of()).orElseThrow()).toList(), first.subList(0, 5));
    assertEquals(first, proposals(new TpeSearch(spec), 12));
    assertNotEquals(first, proposals(new TpeSearch(parse(BRANIN + "seed: 4\ntpe: {n_startup_trials: 5}\n")), 12));
  }

  @Test
  void logIntegerAndListedParametersStayTypedInRangeAndConvergeOnTheGoodRegion() {
    String yaml = MIXED + "seed: 11\n";
    // best at lr_g = 1e-3, latent_dim = 20, non_saturating
    ToDoubleFunction<Map<String, Object>> objective =
        p -> Math.pow(Math.log10((Double) p.get("lr_g")) + 3, 2)
            + Math.pow(((Integer) p.get("latent_dim") - 20) / 10.0, 2)
            + (p.get("generator_loss").equals("minimax") ? 1 : 0);
    SearchStrategy tpe = SearchStrategies.forSpec(parse(yaml));
    List<Map<String, Object>> late = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> params = tpe.ask(List.of()).orElseThrow();
      double lr = assertInstanceOf(Double.class, params.get("lr_g"));
      int latent = assertInstanceOf(Integer.class, params.get("latent_dim"));
      assertTrue(lr >= 1e-5 && lr <= 1e-1 && latent >= 1 && latent <= 64, params::toString);
      assertEquals(32, params.get("batch_size"));
      tpe.tell(params, new TrialResult(objective.applyAsDouble(params), 100, false));
      if (i >= 40) {
        late.add(params);
      }
    }

    long nonSaturating = late.stream().filter(p -> p.get("generator_loss").equals("non_saturating")).count();
    double meanLogDistance = late.stream().mapToDouble(p -> Math.abs(Math.log10((Double) p.get("lr_g")) + 3)).average().orElseThrow();
    assertTrue(nonSaturating >= 14, nonSaturating + " of the last 20 proposals are non_saturating");
    assertTrue(meanLogDistance < 1.0, "the last 20 lr_g are within " + meanLogDistance + " decades of 1e-3 on average");
  }

  @Test
  void trialsStoppedEarlyRankBelowCompletedOnes() {
    SweepSpec spec = parse(BRANIN + "tpe: {n_startup_trials: 2, gamma: 0.5}\n");
    TpeSearch tpe = new TpeSearch(spec);
    Map<String, Object> completed = Map.of("lr_g", 0.76, "lr_d", 0.76);
    Map<String, Object> stopped = Map.of("lr_g", 0.24, "lr_d", 0.24);
    // the stopped trial's value is better, but it was judged early: the completed one is the good one
    tpe.tell(completed, new TrialResult(100.0, 1000, false));
    tpe.tell(stopped, new TrialResult(1.0, 100, true));

    List<Map<String, Object>> next = proposals(tpe, 20);
    long nearCompleted = next.stream().filter(p -> (Double) p.get("lr_g") > 0.5).count();
    assertTrue(nearCompleted > 12, nearCompleted + " of 20 proposals near the completed trial");
  }

  /** A bowl with its minimum at lr_g = 0.35, lr_d = 0.6. */
  private static double bowl(Map<String, Object> p) {
    return Math.pow((Double) p.get("lr_g") - 0.35, 2) + Math.pow((Double) p.get("lr_d") - 0.6, 2);
  }

  /** Good only near the diagonal lr_g = lr_d: the parameters matter together, not each alone. */
  private static double valley(Map<String, Object> p) {
    return Math.abs((Double) p.get("lr_g") - (Double) p.get("lr_d"));
  }

  /** A parameter's place in its range [0.2, 0.8], from 0 to 1. */
  private static double normalised(Map<String, Object> p, String name) {
    return ((Double) p.get(name) - 0.2) / 0.6;
  }

  private static double distance(Map<String, Object> a, Map<String, Object> b) {
    return Math.hypot(normalised(a, "lr_g") - normalised(b, "lr_g"), normalised(a, "lr_d") - normalised(b, "lr_d"));
  }

  /** {@code trials} proposals asked and told one after another, as with one worker. */
  private static void runInTurn(SearchStrategy search, int trials, ToDoubleFunction<Map<String, Object>> objective) {
    for (int i = 0; i < trials; i++) {
      Map<String, Object> params = search.ask(List.of()).orElseThrow();
      search.tell(params, new TrialResult(objective.applyAsDouble(params), 100, false));
    }
  }

  /** {@code workers} proposals asked at once: each ask is passed the ones before as running. */
  private static List<Map<String, Object>> askAtOnce(SearchStrategy search, int workers) {
    List<Map<String, Object>> running = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      running.add(search.ask(List.copyOf(running)).orElseThrow());
    }
    return running;
  }

  /** The least distance between two of {@code trials}, in the normalised space. */
  private static double closest(List<Map<String, Object>> trials) {
    double least = Double.POSITIVE_INFINITY;
    for (int i = 0; i < trials.size(); i++) {
      for (int j = i + 1; j < trials.size(); j++) {
        least = Math.min(least, distance(trials.get(i), trials.get(j)));
      }
    }
    return least;
  }

  /** The closest two of four proposals asked at once after 20 trials on the bowl. */
  private static double closestOfFourWorkers(int seed, boolean liar) {
    SearchStrategy tpe = new TpeSearch(parse(BRANIN + "seed: " + seed + "\ntpe: {constant_liar: " + liar + "}\n"));
    runInTurn(tpe, 20, TpeSearchTest::bowl);
    return closest(askAtOnce(tpe, 4));
  }

  @Test
  void theConstantLiarSpreadsTrialsAskedAtOnce() {
    double liarMean = 0;
    double plainMean = 0;
    double liarLeast = Double.POSITIVE_INFINITY;
    for (int seed = 1; seed <= SEEDS; seed++) {
      double liar = closestOfFourWorkers(seed, true);
      liarLeast = Math.min(liarLeast, liar);
      liarMean += liar / SEEDS;
      plainMean += closestOfFourWorkers(seed, false) / SEEDS;
    }

    String figures = String.format(
        "closest two of 4 proposals asked at once, mean over %d seeds: liar %.3f, plain %.3f; closest with the liar %.3f",
        SEEDS, liarMean, plainMean, liarLeast);
    System.out.println(figures);
    assertTrue(liarLeast >= 0.02, figures);
    assertTrue(liarMean > 4 * plainMean, figures);
  }

  @Test
  void withoutTheLiarRunningTrialsChangeNothing() {
    String yaml = BRANIN + "seed: 5\ntpe: {constant_liar: false}\n";
    SearchStrategy told = new TpeSearch(parse(yaml));
    SearchStrategy blind = new TpeSearch(parse(yaml));
    runInTurn(told, 20, TpeSearchTest::bowl);
    runInTurn(blind, 20, TpeSearchTest::bowl);

    assertEquals(proposals(blind, 4), askAtOnce(told, 4));
  }

  /**
   * How far from the diagonal proposals 11 to 30 on the valley are, on average. Half the trials
   * count as good, so that the good ones lie all along the diagonal: which values went together is
   * then what a per-parameter estimator loses.
   */
  private static double offDiagonal(int seed, boolean multivariate) {
    SearchStrategy tpe =
        new TpeSearch(parse(BRANIN + "seed: " + seed + "\ntpe: {gamma: 0.5, multivariate: " + multivariate + "}\n"));
    runInTurn(tpe, 10, TpeSearchTest::valley);
    double sum = 0;
    for (int i = 0; i < 20; i++) {
      Map<String, Object> params = tpe.ask(List.of()).orElseThrow();
      sum += Math.abs(normalised(params, "lr_g") - normalised(params, "lr_d"));
      tpe.tell(params, new TrialResult(valley(params), 100, false));
    }
    return sum / 20;
  }

  @Test
  void multivariateTpeFollowsAnInteractionThatUnivariateCannotSee() {
    double joint = 0;
    double each = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      joint += offDiagonal(seed, true) / SEEDS;
      each += offDiagonal(seed, false) / SEEDS;
    }

    String figures = String.format(
        "mean distance of trials 11-30 from the diagonal over %d seeds: multivariate %.3f, univariate %.3f", SEEDS, joint, each);
    System.out.println(figures);
    assertTrue(joint < 0.75 * each, figures);
  }

  @Test
  void multivariateTpeWithTheLiarKeepsValuesTypedAndTheSameSeedProposesTheSameTrials() {
    String yaml = MIXED + "tpe: {multivariate: true, n_startup_trials: 5}\n";
    List<Map<String, Object>> first = inBatchesOfFour(yaml + "seed: 2\n");

    for (Map<String, Object> params : first) {
      double lr = assertInstanceOf(Double.class, params.get("lr_g"));
      int latent = assertInstanceOf(Integer.class, params.get("latent_dim"));
      assertTrue(lr >= 1e-5 && lr <= 1e-1 && latent >= 1 && latent <= 64, params::toString);
      assertTrue(List.of("non_saturating", "minimax").contains(params.get("generator_loss")), params::toString);
      assertEquals(32, params.get("batch_size"));
    }
    assertEquals(first, inBatchesOfFour(yaml + "seed: 2\n"));
    assertNotEquals(first, inBatchesOfFour(yaml + "seed: 3\n"));
  }

  /** Five rounds of four trials asked at once, each round told when all four ended. */
  private static List<Map<String, Object>> inBatchesOfFour(String yaml) {
    SearchStrategy tpe = new TpeSearch(parse(yaml));
    List<Map<String, Object>> all = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      List<Map<String, Object>> batch = askAtOnce(tpe, 4);
      batch.forEach(p -> tpe.tell(p, new TrialResult(Math.abs(Math.log10((Double) p.get("lr_g")) + 3), 100, false)));
      all.addAll(batch);
    }
    return all;
  }

  private static List<Map<String, Object>> proposals(SearchStrategy search, int n) {
    return IntStream.range(0, n).mapToObj(i -> search.ask(List.of()).orElseThrow()).toList();
  }
}
