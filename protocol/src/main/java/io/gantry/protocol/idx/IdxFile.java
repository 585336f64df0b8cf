package io.gantry.protocol.idx;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The content of one IDX file of unsigned bytes: its dimensions as declared in the header and the
 * data in row-major order.
 *
 * @param source the file it was read from, for error messages
 * @param dims the sizes declared in the header, outermost first
 * @param data {@code product(dims)} unsigned bytes
 */
public record IdxFile(Path source, int[] dims, byte[] data) {

  /** Size of the first dimension: the number of items (images or labels). */
  public int count() {
    return dims[0];
  }

  /** Number of values per item, the product of all but the first dimension. */
  public int itemSize() {
    return Arrays.stream(dims).skip(1).reduce(1, Math::multiplyExact);
  }

  @Override
  public String toString() {
    return "IdxFile[" + source + ", dims=" + Arrays.toString(dims) + "]";
  }
}
