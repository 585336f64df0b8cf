package io.gantry.protocol.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Sends a file, or a flat folder as a zip, in chunks small enough for one cluster message each.
 * A folder is zipped to a temporary file first, so a large checkpoint never sits in memory whole.
 */
public final class OutgoingFile {

  /** Chunks stay well below Artery's default maximum frame of 256 KiB. */
  public static final int CHUNK_BYTES = 128 * 1024;

  /** Receives the chunks in order: the offset of the first byte, and the bytes. */
  @FunctionalInterface
  public interface ChunkSink {
    void accept(long offset, byte[] bytes);
  }

  private OutgoingFile() {}

  /** Sends {@code source} to {@code sink} chunk by chunk; returns what the receiver should have. */
  public static FileManifest send(Path source, ChunkSink sink) throws IOException {
    if (!Files.isDirectory(source)) {
      return stream(source, false, sink);
    }
    Path zip = Files.createTempFile("gantry-", ".zip");
    try {
      zipFolder(source, zip);
      return stream(zip, true, sink);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  private static FileManifest stream(Path file, boolean folder, ChunkSink sink) throws IOException {
    MessageDigest digest = sha256();
    long offset = 0;
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      byte[] buffer = new byte[CHUNK_BYTES];
      int read;
      while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        sink.accept(offset, Arrays.copyOf(buffer, read));
        offset += read;
      }
    }
    return new FileManifest(folder, offset, HexFormat.of().formatHex(digest.digest()));
  }

  /** Zips the plain files of {@code folder}, by name order so the same folder gives the same bytes. */
  static void zipFolder(Path folder, Path zip) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream zipped = new ZipOutputStream(out)) {
      for (Path file : files) {
        ZipEntry entry = new ZipEntry(file.getFileName().toString());
        entry.setTime(0);
        zipped.putNextEntry(entry);
        Files.copy(file, zipped);
        zipped.closeEntry();
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
