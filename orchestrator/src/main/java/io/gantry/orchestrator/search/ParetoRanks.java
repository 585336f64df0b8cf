package io.gantry.orchestrator.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Non-dominated sorting (Deb et al. 2002, as NSGA-II and Optuna's multi-objective samplers use
 * it) of points whose every coordinate is better lower: rank 0 is the Pareto front, the points no
 * other point beats on every coordinate; rank 1 the front of the rest; and so on. With
 * constraints, Deb's constrained domination: a feasible point (violation 0) beats every infeasible
 * one, and of two infeasible points the smaller violation wins.
 */
public final class ParetoRanks {

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
}
