package io.gantry.orchestrator.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The right to deliver a data folder's outbox to one tracking server, held by one deliverer at a
 * time across processes: two would each make the runs the other has not made yet, and MLflow
 * would get every trial twice. An operating system's file lock, so a process that dies lets go.
 */
final class DeliveryLock implements AutoCloseable {

  /** Why a deliverer that could not take the lock does not deliver. */
  static final String HELD_ELSEWHERE = "another Gantry process is delivering this data folder's outbox to the same server";

  private final FileChannel channel;
  private final FileLock lock;

  private DeliveryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock for {@code server} in {@code dataDir}, unless some deliverer, here or in another process, holds it. */
  static Optional<DeliveryLock> tryTake(Path dataDir, String server) {
    try {
      Path file = dataDir.resolve("tracking").resolve("delivery-" + digest(server) + ".lock");
      Files.createDirectories(file.getParent());
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return Optional.of(new DeliveryLock(channel, lock));
        }
      } catch (OverlappingFileLockException e) {
        // held by another deliverer of this process
      }
      channel.close();
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the tracking delivery lock in " + dataDir, e);
    }
  }

  private static String digest(String server) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(server.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the tracking delivery lock", e);
    }
  }
}
