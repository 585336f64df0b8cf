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
}
