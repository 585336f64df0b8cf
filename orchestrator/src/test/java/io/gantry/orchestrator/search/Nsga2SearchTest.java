package io.gantry.orchestrator.search;

import static io.gantry.orchestrator.search.Specs.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** NSGA-II on ZDT1, a standard two-objective test: no training, only ask, evaluate, tell. */
class Nsga2SearchTest {

  /** Two learning rates of a GAN stand for ZDT1's x1 and x2, scaled from [0.2, 0.8] to [0, 1]. */
  private static final String ZDT1 =
      """
      name: zdt1
      model: gan
      dataset: fashion-mnist
      method: nsga2
      metrics: [{name: val/d_fake, goal: minimize}, {name: val/d_real, goal: minimize}]
      budget: {epochs: 1}
      nsga2: {population_size: 10}
      parameters:
        lr_g: {min: 0.2, max: 0.8}
        lr_d: {min: 0.2, max: 0.8}
      """;

  private static final int TRIALS = 60;
  private static final int SEEDS = 10;

  /** f1 = x1, f2 = g (1 - sqrt(x1 / g)) with g = 1 + 9 x2: the front is x2 = 0. */
  private static double[] zdt1(Map<String, Object> p) {
    double x1 = ((Double) p.get("lr_g") - 0.2) / 0.6;
    double x2 = ((Double) p.get("lr_d") - 0.2) / 0.6;
    double g = 1 + 9 * x2;
    return new double[] {x1, g * (1 - Math.sqrt(x1 / g))};
  }

  /** The area the points dominate inside the box up to (1, 10), the usual score of a 2-D front. */
  private static double hypervolume(List<double[]> points) {
    List<double[]> front =
        IntStream.range(0, points.size())
            .filter(i -> ParetoRanks.of(points)[i] == 0)
            .mapToObj(points::get)
            .sorted(Comparator.comparingDouble(p -> p[0]))
            .toList();
    double volume = 0;
    double ceiling = 10;
    for (double[] p : front) {
      volume += (1 - p[0]) * Math.max(0, ceiling - p[1]);
      ceiling = Math.min(ceiling, p[1]);
    }
    return volume;
  }

  /** The points {@code TRIALS} proposals of {@code method} reach on ZDT1, each told its values. */
  private static List<double[]> run(String method, long seed, String extra) {
    SearchStrategy search = SearchStrategies.forSpec(parse(ZDT1.replace("method: nsga2", "method: " + method).replace("nsga2: {population_size: 10}", method.equals("nsga2") ? "nsga2: {population_size: 10}" : "") + "seed: " + seed + "\n" + extra));
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      Map<String, Object> params = search.ask(List.of()).orElseThrow();
      double lrG = (Double) params.get("lr_g");
      double lrD = (Double) params.get("lr_d");
      assertTrue(lrG >= 0.2 && lrG <= 0.8 && lrD >= 0.2 && lrD <= 0.8, params::toString);
      double[] f = zdt1(params);
      double violation = Math.max(0, 0.5 - f[0]);
      search.tell(params, new TrialResult(f[0], 100, false, List.of(f[0], f[1]), extra.isEmpty() ? 0 : violation));
      points.add(f);
    }
    return points;
  }

  /** The true front dominates 9.667 of the box; over these seeds NSGA-II reaches 9.13, random 8.83. */
  @Test
  void itsFrontDominatesMoreThanRandomSearchsAtTheSameNumberOfTrials() {
    double nsga2 = IntStream.range(0, SEEDS).mapToDouble(s -> hypervolume(run("nsga2", s, ""))).average().orElseThrow();
    double random = IntStream.range(0, SEEDS).mapToDouble(s -> hypervolume(run("random", s, ""))).average().orElseThrow();

    assertTrue(nsga2 > random + 0.2, "mean hypervolume: NSGA-II " + nsga2 + ", random " + random);
  }

  @Test
  void theFirstGenerationIsRandomSearchsAndTheSameSeedBreedsTheSameChildren() {
    List<double[]> nsga2 = run("nsga2", 3, "");
    List<double[]> random = run("random", 3, "");

    for (int i = 0; i < 10; i++) {
      assertEquals(random.get(i)[0], nsga2.get(i)[0]);
    }
    List<double[]> again = run("nsga2", 3, "");
    for (int i = 0; i < TRIALS; i++) {
      assertEquals(nsga2.get(i)[0], again.get(i)[0]);
      assertEquals(nsga2.get(i)[1], again.get(i)[1]);
    }
  }

  @Test
  void childrenOfFeasibleParentsMostlyMeetTheConstraint() {
    // constraints are read by the coordinator; here the violation is told as it would be: x1 below 0.5
    long feasibleChildren =
        IntStream.range(0, SEEDS)
            .mapToLong(s -> run("nsga2", s, "constraints: [{metric: val/d_fake, min: 0.5}]\n").stream().skip(10).filter(f -> f[0] >= 0.5).count())
            .sum();
    double share = feasibleChildren / (double) (SEEDS * (TRIALS - 10));

    // mutation draws x1 afresh in half the children (1 / 2 parameters), so about 0.75 at most
    assertTrue(share > 0.65, "share of feasible children " + share + "; random search's is 0.5");
  }
}
