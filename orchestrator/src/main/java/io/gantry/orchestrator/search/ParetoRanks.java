package io.gantry.orchestrator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Non-dominated sorting (Deb et al. 2002, as NSGA-II and Optuna's multi-objective samplers use
 * it) of points whose every coordinate is better lower: rank 0 is the Pareto front, the points no
 * other point beats on every coordinate; rank 1 the front of the rest; and so on. With
 * constraints, Deb's constrained domination: a feasible point (violation 0) beats every infeasible
 * one, and of two infeasible points the smaller violation wins.
 *
 * <p>Also what selecting by these ranks needs: the best points of a set, and two ways to choose
 * among the points of one front, by crowding distance (NSGA-II's) or by hypervolume (Optuna's
 * TPE's).
 */
public final class ParetoRanks {

  /** How a selection chooses {@code count} of the points of one front, by their indices in it. */
  @FunctionalInterface
  public interface FrontSubset {
    List<Integer> choose(List<double[]> front, int count);
  }

  /** Optuna's stand-in for a reference coordinate of 0, which would leave a point no volume. */
  private static final double EPSILON = 1e-12;

  private ParetoRanks() {}

  /** The rank of each of {@code points}, all feasible. */
  public static int[] of(List<double[]> points) {
    return of(points, new double[points.size()]);
  }

  /** The rank of each of {@code points}, {@code violations[i]} being how far point i breaks the constraints. */
  public static int[] of(List<double[]> points, double[] violations) {
    int n = points.size();
    List<List<Integer>> beaten = new ArrayList<>();
    int[] beatenBy = new int[n];
    for (int i = 0; i < n; i++) {
      beaten.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (beats(points.get(i), violations[i], points.get(j), violations[j])) {
          beaten.get(i).add(j);
          beatenBy[j]++;
        } else if (beats(points.get(j), violations[j], points.get(i), violations[i])) {
          beaten.get(j).add(i);
          beatenBy[i]++;
        }
      }
    }
    int[] ranks = new int[n];
    Arrays.fill(ranks, -1);
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (beatenBy[i] == 0) {
        front.add(i);
      }
    }
    for (int rank = 0; !front.isEmpty(); rank++) {
      List<Integer> next = new ArrayList<>();
      for (int i : front) {
        ranks[i] = rank;
        for (int j : beaten.get(i)) {
          if (--beatenBy[j] == 0) {
            next.add(j);
          }
        }
      }
      front = next;
    }
    return ranks;
  }

  /** Whether {@code a} is no worse than {@code b} on every coordinate and better on one. */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int k = 0; k < a.length; k++) {
      if (a[k] > b[k]) {
        return false;
      }
      better |= a[k] < b[k];
    }
    return better;
  }

  private static boolean beats(double[] a, double violationA, double[] b, double violationB) {
    if (violationA > 0 || violationB > 0) {
      return violationA < violationB;
    }
    return dominates(a, b);
  }

  /**
   * The indices of the best {@code count} of {@code points} (all of them when fewer): whole ranks
   * in order while they fit, each in index order, then what {@code fromLastFront} chooses of the
   * rank that does not fit, in the order it chooses them.
   */
  public static List<Integer> best(List<double[]> points, double[] violations, int count, FrontSubset fromLastFront) {
    int[] ranks = of(points, violations);
    int wanted = Math.min(count, points.size());
    List<Integer> best = new ArrayList<>();
    for (int rank = 0; best.size() < wanted; rank++) {
      int r = rank;
      List<Integer> front = IntStream.range(0, points.size()).filter(i -> ranks[i] == r).boxed().toList();
      if (best.size() + front.size() <= wanted) {
        best.addAll(front);
      } else {
        fromLastFront.choose(front.stream().map(points::get).toList(), wanted - best.size()).forEach(i -> best.add(front.get(i)));
      }
    }
    return best;
  }

  /**
   * Each point's crowding distance within its own rank: per coordinate, the gap between its two
   * neighbours over the rank's range, summed; a rank's extremes get infinity, so they survive.
   */
  public static double[] crowding(List<double[]> points, int[] ranks) {
    double[] distance = new double[points.size()];
    int coordinates = points.isEmpty() ? 0 : points.get(0).length;
    for (int rank : Arrays.stream(ranks).distinct().toArray()) {
      int[] front = IntStream.range(0, points.size()).filter(i -> ranks[i] == rank).toArray();
      for (int m = 0; m < coordinates; m++) {
        int k = m;
        int[] sorted = Arrays.stream(front).boxed().sorted(Comparator.comparingDouble(i -> points.get(i)[k])).mapToInt(Integer::intValue).toArray();
        double low = points.get(sorted[0])[k];
        double high = points.get(sorted[sorted.length - 1])[k];
        distance[sorted[0]] = Double.POSITIVE_INFINITY;
        distance[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
        for (int j = 1; j < sorted.length - 1 && high > low; j++) {
          distance[sorted[j]] += (points.get(sorted[j + 1])[k] - points.get(sorted[j - 1])[k]) / (high - low);
        }
      }
    }
    return distance;
  }

  /** The {@code count} points of {@code front} of largest crowding distance, largest first. */
  public static List<Integer> mostIsolated(List<double[]> front, int count) {
    double[] distance = crowding(front, new int[front.size()]);
    return IntStream.range(0, front.size()).boxed().sorted(Comparator.comparingDouble(i -> -distance[i])).limit(count).toList();
  }

  /**
   * {@code count} points of {@code front} that together dominate much, as Optuna's TPE solves this
   * hypervolume subset selection: greedily, each time the point that adds most hypervolume to
   * those chosen, inside a box a little beyond the front's worst on every coordinate. Exact
   * contributions are computed for two coordinates; with more, the points are chosen by {@link
   * #mostIsolated crowding distance} instead, which also favours a spread-out subset.
   */
  public static List<Integer> mostHypervolume(List<double[]> front, int count) {
    if (front.isEmpty() || front.get(0).length != 2) {
      return mostIsolated(front, count);
    }
    double[] reference = referencePoint(front);
    List<Integer> chosen = new ArrayList<>();
    List<double[]> subset = new ArrayList<>();
    while (chosen.size() < count) {
      int next = -1;
      double most = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < front.size(); i++) {
        if (!chosen.contains(i)) {
          subset.add(front.get(i));
          double volume = hypervolume2d(subset, reference);
          subset.remove(subset.size() - 1);
          if (volume > most) {
            next = i;
            most = volume;
          }
        }
      }
      chosen.add(next);
      subset.add(front.get(next));
    }
    return chosen;
  }

  /**
   * The area that {@code points}, of two coordinates each, dominate inside the box up to {@code
   * reference}: the usual score of a 2-D front. Points not inside the box add nothing.
   */
  public static double hypervolume2d(List<double[]> points, double[] reference) {
    List<double[]> inside =
        points.stream()
            .filter(p -> p[0] < reference[0] && p[1] < reference[1])
            .sorted(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]))
            .toList();
    double volume = 0;
    double ceiling = reference[1];
    // left to right, each point not beaten by one before it adds the strip below the lowest so far
    for (double[] p : inside) {
      if (p[1] < ceiling) {
        volume += (reference[0] - p[0]) * (ceiling - p[1]);
        ceiling = p[1];
      }
    }
    return volume;
  }

  /** Optuna's: per coordinate, the larger of 1.1 and 0.9 times the front's worst, so every point has volume. */
  private static double[] referencePoint(List<double[]> front) {
    double[] reference = new double[front.get(0).length];
    for (int k = 0; k < reference.length; k++) {
      int c = k;
      double worst = front.stream().mapToDouble(p -> p[c]).max().orElseThrow();
      reference[k] = worst == 0 ? EPSILON : Math.max(1.1 * worst, 0.9 * worst);
    }
    return reference;
  }
}
