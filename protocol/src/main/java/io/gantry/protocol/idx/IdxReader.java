package io.gantry.protocol.idx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format: two zero bytes, a type code, the number of dimensions, one
 * big-endian int per dimension, then the data). Gzip compression is detected by its magic bytes,
 * not by the file name. Only the unsigned-byte type (0x08), the one image and label sets use, is
 * supported. Every malformed input fails with an {@link IOException} that names the file and what
 * is wrong with it.
 */
public final class IdxReader {

  private static final int UNSIGNED_BYTE = 0x08;
  private static final int MAX_DIMS = 4;

  private IdxReader() {}

  /** Reads {@code path}; see the class comment for the checks made. */
  public static IdxFile read(Path path) throws IOException {
    byte[] raw = decompress(path, Files.readAllBytes(path));
    ByteBuffer in = ByteBuffer.wrap(raw);
    if (raw.length < 4 || raw[0] != 0 || raw[1] != 0) {
      throw bad(path, "bad magic number " + hexMagic(raw) + ": not an IDX file");
    }
    int type = raw[2] & 0xff;
    int rank = raw[3] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw bad(
          path, String.format("unsupported IDX data type 0x%02x (only 0x08, unsigned byte)", type));
    }
    if (rank < 1 || rank > MAX_DIMS) {
      throw bad(path, "header declares " + rank + " dimensions; expected 1 to " + MAX_DIMS);
    }
    in.position(4);
    if (in.remaining() < 4 * rank) {
      throw bad(
          path,
          "truncated header: "
              + rank
              + " dimension sizes declared, "
              + in.remaining()
              + " bytes left");
    }
    int[] dims = new int[rank];
    long expected = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = in.getInt();
      if (dims[i] <= 0) {
        throw bad(path, "dimension " + i + " has size " + dims[i] + " in " + Arrays.toString(dims));
      }
      expected *= dims[i];
    }
    if (expected > Integer.MAX_VALUE - 16) {
      throw bad(path, "dimensions " + Arrays.toString(dims) + " are too large");
    }
    if (in.remaining() != expected) {
      String what = in.remaining() < expected ? "truncated" : "longer than its header declares";
      throw bad(
          path,
          what
              + ": dimensions "
              + Arrays.toString(dims)
              + " need "
              + expected
              + " data bytes after the header, found "
              + in.remaining());
    }
    return new IdxFile(path, dims, Arrays.copyOfRange(raw, in.position(), raw.length));
  }

  private static byte[] decompress(Path path, byte[] raw) throws IOException {
    boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    if (!gzip) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw bad(path, "gzip stream is truncated or corrupt (" + e.getMessage() + ")");
    }
  }

  private static String hexMagic(byte[] raw) {
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 0; i < Math.min(4, raw.length); i++) {
      hex.append(String.format("%02x", raw[i] & 0xff));
    }
    return hex.toString();
  }

  private static IOException bad(Path path, String what) {
    return new IOException("IDX file " + path + ": " + what);
  }
}
