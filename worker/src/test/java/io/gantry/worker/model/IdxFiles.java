package io.gantry.worker.model;

import io.gantry.protocol.idx.IdxFile;
import io.gantry.protocol.idx.IdxReader;
import io.gantry.protocol.trial.DatasetSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** IDX files for tests that train on a set read by path: parts of Fashion-MNIST, or made up. */
final class IdxFiles {

  private static final Path FASHION = Path.of(DatasetSpec.FASHION_MNIST_DIR);

  private IdxFiles() {}

  /** The bytes of the first {@code count} items of one of Fashion-MNIST's files. */
  static byte[] fashionPrefix(String file, int count) throws IOException {
    IdxFile items = IdxReader.read(FASHION.resolve(file));
    return Arrays.copyOf(items.data(), count * items.itemSize());
  }

  /** Writes an unsigned-byte IDX file of dimensions {@code dims} holding {@code data}. */
  static void write(Path file, byte[] data, int... dims) throws IOException {
    ByteBuffer idx = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    idx.put(new byte[] {0, 0, 0x08, (byte) dims.length});
    for (int dim : dims) {
      idx.putInt(dim);
    }
    Files.write(file, idx.put(data).array());
  }
}
