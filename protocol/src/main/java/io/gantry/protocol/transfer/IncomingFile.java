package io.gantry.protocol.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A file arriving in chunks at {@code target}: the chunks go to {@code target.partial}, and only
 * when the whole has arrived and matches its {@link FileManifest} does it take its place (a folder
 * is unzipped). A chunk out of order, a missing one or a wrong checksum leaves {@code target}
 * untouched, so a reader never finds half a checkpoint.
 */
public final class IncomingFile {

  private final Path target;
  private final Path partial;
  private long received;
  private Optional<String> broken = Optional.empty();

  private IncomingFile(Path target) {
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
  }

  /** Starts receiving {@code target}, dropping what an earlier, unfinished transfer left. */
  public static IncomingFile at(Path target) throws IOException {
    IncomingFile incoming = new IncomingFile(target);
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(incoming.partial);
    Files.createFile(incoming.partial);
    return incoming;
  }

  public Path target() {
    return target;
  }

  /** Appends a chunk; one that does not start where the last one ended breaks the transfer. */
  public void append(long offset, byte[] bytes) throws IOException {
    if (broken.isPresent()) {
      return;
    }
    if (offset != received) {
      broken = Optional.of("expected the chunk at byte " + received + ", got one at byte " + offset);
      return;
    }
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.wrap(bytes));
    }
    received += bytes.length;
  }

  /**
   * Checks what arrived against {@code manifest} and, if it matches, puts it in place (replacing
   * an earlier copy). Throws, leaving {@code target} as it was, if it does not.
   */
  public Path complete(FileManifest manifest) throws IOException {
    try {
      if (broken.isPresent()) {
        throw new IOException(target + " arrived broken: " + broken.get());
      }
      if (received != manifest.size()) {
        throw new IOException(target + " arrived with " + received + " of its " + manifest.size() + " bytes");
      }
      String sha256 = sha256(partial);
      if (!sha256.equals(manifest.sha256())) {
        throw new IOException(target + " arrived with checksum " + sha256 + ", not " + manifest.sha256());
      }
      if (manifest.folder()) {
        unzipInto(partial, target);
      } else {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Drops what arrived so far. */
  public void abandon() throws IOException {
    Files.deleteIfExists(partial);
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest = OutgoingFile.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void unzipInto(Path zip, Path folder) throws IOException {
    Path staging = folder.resolveSibling(folder.getFileName() + ".unpacking");
    Folders.deleteFlat(staging);
    Files.createDirectories(staging);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path file = staging.resolve(entry.getName()).normalize();
        // a folder travels flat; a name that climbs out of it is refused, not followed
        if (entry.isDirectory() || !staging.equals(file.getParent())) {
          throw new IOException(zip + " holds " + entry.getName() + ", which is not a plain file of the folder");
        }
        Files.copy(in, file);
      }
    } catch (IOException e) {
      Folders.deleteTree(staging);
      throw e;
    }
    Folders.deleteFlat(folder);
    Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
  }
}
