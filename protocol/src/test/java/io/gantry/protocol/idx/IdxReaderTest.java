package io.gantry.protocol.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

  @TempDir Path dir;

  @Test
  void readsTheShapeOfRealFashionMnistFiles() throws IOException {
    IdxFile images = IdxReader.read(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
    assertArrayEquals(new int[] {10_000, 28, 28}, images.dims());
    assertEquals(10_000 * 28 * 28, images.data().length);
    IdxFile labels = IdxReader.read(FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
    assertArrayEquals(new int[] {10_000}, labels.dims());
    for (byte label : labels.data()) {
      assertTrue(label >= 0 && label <= 9, "label " + label);
    }
  }

  @Test
  void readsPlainAndGzipFilesAlike() throws IOException {
    byte[] idx = idx(new int[] {3, 2, 2}, 12);
    Path plain = write("plain.idx", idx);
    Path gzip = write("packed.bin", gzip(idx));
    IdxFile fromPlain = IdxReader.read(plain);
    IdxFile fromGzip = IdxReader.read(gzip);
    assertArrayEquals(new int[] {3, 2, 2}, fromPlain.dims());
    assertArrayEquals(fromPlain.dims(), fromGzip.dims());
    assertArrayEquals(fromPlain.data(), fromGzip.data());
    assertEquals((byte) 11, fromPlain.data()[11]);
    assertEquals(4, fromPlain.itemSize());
  }

  @Test
  void truncatedDataIsReportedWithTheFileAndSizes() throws IOException {
    Path file = write("short.idx", Arrays.copyOf(idx(new int[] {3, 2, 2}, 12), 4 + 12 + 10));
    String message = assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage();
    assertTrue(message.contains(file.toString()), message);
    assertTrue(
        message.contains("truncated")
            && message.contains("need 12")
            && message.contains("found 10"),
        message);
  }

  @Test
  void truncatedGzipIsReported() throws IOException {
    byte[] packed = gzip(idx(new int[] {100, 28, 28}, 100 * 28 * 28));
    Path file = write("cut.gz", Arrays.copyOf(packed, packed.length / 2));
    String message = assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage();
    assertTrue(
        message.contains(file.toString()) && message.contains("truncated or corrupt"), message);
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    Path file = write("header.idx", new byte[] {0, 0, 8, 3, 0, 0, 0, 5});
    String message = assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage();
    assertTrue(message.contains("truncated header"), message);
  }

  @Test
  void badMagicIsReported() throws IOException {
    Path file = write("photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
    String message = assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage();
    assertTrue(
        message.contains(file.toString()) && message.contains("bad magic number 0x89504e47"),
        message);
  }

  @Test
  void unsupportedTypeIsReported() throws IOException {
    byte[] floats = idx(new int[] {2}, 2);
    floats[2] = 0x0d;
    Path file = write("floats.idx", floats);
    String message = assertThrows(IOException.class, () -> IdxReader.read(file)).getMessage();
    assertTrue(message.contains("unsupported IDX data type 0x0d"), message);
  }

  /** An unsigned-byte IDX file of the given dims whose data bytes are 0, 1, 2, ... */
  private static byte[] idx(int[] dims, int dataBytes) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
    buffer.put(new byte[] {0, 0, 0x08, (byte) dims.length});
    Arrays.stream(dims).forEach(buffer::putInt);
    for (int i = 0; i < dataBytes; i++) {
      buffer.put((byte) i);
    }
    return buffer.array();
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(raw);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }
}
