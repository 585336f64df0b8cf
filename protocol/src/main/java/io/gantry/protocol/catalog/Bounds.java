package io.gantry.protocol.catalog;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The values a numeric parameter takes: an interval, each end included or excluded, and perhaps
 * one value outside it that switches something off ({@code fid_samples: 0}, no {@code val/fid}).
 * Integer parameters have integer ends, both included.
 *
 * @param least the lower end
 * @param leastExcluded whether {@code least} itself is refused, as 0 is for a learning rate
 * @param most the upper end
 * @param mostExcluded whether {@code most} itself is refused, as 1 is for Adam's betas
 * @param off a value allowed besides the interval, alone: not as the end of a range, since a range
 *     from it would also hold the values between it and the interval
 */
public record Bounds(
    double least, boolean leastExcluded, double most, boolean mostExcluded, OptionalDouble off) {

  public Bounds {
    if (!(least < most)) {
      throw new IllegalArgumentException("empty bounds " + least + " .. " + most);
    }
  }

  /** {@code [least, most]}; for integers, every integer from {@code least} to {@code most}. */
  public static Bounds closed(double least, double most) {
    return new Bounds(least, false, most, false, OptionalDouble.empty());
  }

  /** {@code (least, most]}. */
  public static Bounds openClosed(double least, double most) {
    return new Bounds(least, true, most, false, OptionalDouble.empty());
  }

  /** {@code [least, most)}. */
  public static Bounds closedOpen(double least, double most) {
    return new Bounds(least, false, most, true, OptionalDouble.empty());
  }

  /** These bounds and {@code value} alone besides them. */
  public Bounds orOff(double value) {
    return new Bounds(least, leastExcluded, most, mostExcluded, OptionalDouble.of(value));
  }

  /** Whether both ends are integers and included, as an integer parameter's are. */
  boolean isIntegral() {
    return !leastExcluded && !mostExcluded && least == Math.rint(least) && most == Math.rint(most);
  }

  /**
   * Why {@code value} is not a value of the parameter {@code name}, as {@code "is below the least
   * value 1 of k_disc_steps"} (to follow the value as written), or empty when it is one.
   */
  public Optional<String> problem(String name, double value) {
    if (off.isPresent() && value == off.getAsDouble()) {
      return Optional.empty();
    }
    String besides = off.isPresent() ? " (or " + format(off.getAsDouble()) + ")" : "";
    return outside(name, value, besides);
  }

  /** As {@link #problem}, for an end of a range, which must lie inside the interval. */
  public Optional<String> rangeEndProblem(String name, double value) {
    boolean isOff = off.isPresent() && value == off.getAsDouble();
    return outside(name, value, isOff ? " (" + format(value) + " only as a value, not in a range)" : "");
  }

  private Optional<String> outside(String name, double value, String besides) {
    String of = " of " + name + besides;
    if (leastExcluded ? value <= least : value < least) {
      return Optional.of(
          leastExcluded
              ? "is not above the exclusive lower bound " + format(least) + of
              : "is below the least value " + format(least) + of);
    }
    if (mostExcluded ? value >= most : value > most) {
      return Optional.of(
          mostExcluded
              ? "is not below the exclusive upper bound " + format(most) + of
              : "is above the greatest value " + format(most) + of);
    }
    return Optional.empty();
  }

  /** 1, 0.5, 100000: as a person writes the number, without a trailing ".0" or an exponent. */
  private static String format(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
