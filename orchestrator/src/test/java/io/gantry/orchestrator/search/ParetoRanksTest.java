package io.gantry.orchestrator.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoRanksTest {

  /**
   * ZDT1's two objectives, f1 = x and f2 = g (1 - sqrt(x / g)), whose Pareto front is g = 1: for
   * every x on the front a point of the same x with g > 1 has a larger f2, so it is beaten.
   */
  private static double[] zdt1(double x, double g) {
    return new double[] {x, g * (1 - Math.sqrt(x / g))};
  }

  @Test
  void theFrontOfZdt1IsItsPointsWithGOne() {
    Random random = new Random(7);
    List<double[]> points = new ArrayList<>();
    List<Boolean> onFront = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      double x = i / 20.0;
      points.add(zdt1(x, 1));
      onFront.add(true);
      points.add(zdt1(x, 1.5 + random.nextDouble()));
      onFront.add(false);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    List<double[]> shuffled = order.stream().map(points::get).toList();

    int[] ranks = ParetoRanks.of(shuffled);

    for (int i = 0; i < shuffled.size(); i++) {
      assertEquals(onFront.get(order.get(i)), ranks[i] == 0, "point " + order.get(i));
    }
  }

  @Test
  void eachRankIsTheFrontOfWhatTheBetterRanksLeave() {
    List<double[]> points =
        List.of(new double[] {1, 1}, new double[] {2, 2}, new double[] {3, 3}, new double[] {0, 4}, new double[] {2, 2});

    assertArrayEquals(new int[] {0, 1, 2, 0, 1}, ParetoRanks.of(points), "equal points share a rank");
  }

  @Test
  void aFeasiblePointBeatsEveryInfeasibleOneAndSmallerViolationsWin() {
    List<double[]> points = List.of(new double[] {5, 5}, new double[] {0, 0}, new double[] {1, 0});

    assertArrayEquals(new int[] {0, 2, 1}, ParetoRanks.of(points, new double[] {0, 3, 0.5}));
  }

  @Test
  void theBestAreWholeRanksInOrderThenWhatTheLastFrontsChoiceTakes() {
    List<double[]> points =
        List.of(new double[] {1, 1}, new double[] {2, 2}, new double[] {3, 3}, new double[] {0, 4}, new double[] {2, 2});

    assertEquals(List.of(0, 3, 4), ParetoRanks.best(points, new double[5], 3, (front, count) -> List.of(1)));
    assertEquals(List.of(0, 3, 1, 4, 2), ParetoRanks.best(points, new double[5], 9, (front, count) -> List.of()));
  }

  @Test
  void theHypervolumeOfTwoCoordinatesCountsWhatEachPointAddsInsideTheBox() {
    List<double[]> front = List.of(new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {1, 0});
    List<double[]> withBeatenAndOutside = new ArrayList<>(front);
    withBeatenAndOutside.add(new double[] {0.6, 0.6});
    withBeatenAndOutside.add(new double[] {2, 0});

    // strips from the left: 1.1 x 0.1, 0.6 x 0.5, 0.1 x 0.5
    assertEquals(0.46, ParetoRanks.hypervolume2d(front, new double[] {1.1, 1.1}), 1e-12);
    assertEquals(0.46, ParetoRanks.hypervolume2d(withBeatenAndOutside, new double[] {1.1, 1.1}), 1e-12);
  }

  @Test
  void theSubsetOfMostHypervolumeTakesTheKneeWhereCrowdingTakesTheExtremes() {
    // the box reaches 1.1 times the worst, (1.1, 1.1): alone, (0.5, 0.5) adds 0.36, (0.9, 0.05) 0.21, the ends 0.11
    List<double[]> front = List.of(new double[] {0, 1}, new double[] {0.5, 0.5}, new double[] {1, 0}, new double[] {0.9, 0.05});

    assertEquals(List.of(1, 3), ParetoRanks.mostHypervolume(front, 2));
    assertEquals(List.of(0, 2), ParetoRanks.mostIsolated(front, 2));
  }

  @Test
  void withMoreThanTwoCoordinatesTheSubsetIsTheMostIsolated() {
    List<double[]> front = List.of(new double[] {0, 1, 1}, new double[] {0.5, 0.5, 0.5}, new double[] {1, 0, 0.2}, new double[] {0.9, 0.05, 0});

    assertEquals(ParetoRanks.mostIsolated(front, 3), ParetoRanks.mostHypervolume(front, 3));
  }
}
