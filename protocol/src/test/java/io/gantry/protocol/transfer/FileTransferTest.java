package io.gantry.protocol.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and checkpoint folders sent in chunks arrive whole, or not at all. */
class FileTransferTest {

  private record Chunk(long offset, byte[] bytes) {}

  @TempDir Path dir;

  @Test
  void aFileLargerThanOneChunkArrivesByteForByte() throws IOException {
    byte[] content = new byte[OutgoingFile.CHUNK_BYTES * 2 + 12345];
    new Random(7).nextBytes(content);
    Path source = Files.write(dir.resolve("samples.png"), content);
    List<Chunk> chunks = new ArrayList<>();

    FileManifest manifest = OutgoingFile.send(source, (offset, bytes) -> chunks.add(new Chunk(offset, bytes)));
    IncomingFile incoming = IncomingFile.at(dir.resolve("received").resolve("samples.png"));
    for (Chunk chunk : chunks) {
      incoming.append(chunk.offset(), chunk.bytes());
    }
    Path arrived = incoming.complete(manifest);

    assertEquals(3, chunks.size());
    assertFalse(manifest.folder());
    assertArrayEquals(content, Files.readAllBytes(arrived));
  }

  @Test
  void aCheckpointFolderArrivesAsTheSameFolder() throws IOException {
    Path checkpoint = Files.createDirectories(dir.resolve("epoch-003"));
    Files.writeString(checkpoint.resolve("trial.properties"), "position.step=30\n");
    Files.write(checkpoint.resolve("generator.params"), new byte[] {1, 2, 3});
    List<Chunk> chunks = new ArrayList<>();

    FileManifest manifest = OutgoingFile.send(checkpoint, (offset, bytes) -> chunks.add(new Chunk(offset, bytes)));
    IncomingFile incoming = IncomingFile.at(dir.resolve("other-node").resolve("checkpoints").resolve("epoch-003"));
    for (Chunk chunk : chunks) {
      incoming.append(chunk.offset(), chunk.bytes());
    }
    Path arrived = incoming.complete(manifest);

    assertTrue(manifest.folder());
    assertEquals("position.step=30\n", Files.readString(arrived.resolve("trial.properties")));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(arrived.resolve("generator.params")));
  }

  @Test
  void aMissingChunkOrAWrongChecksumLeavesTheEarlierCopyInPlace() throws IOException {
    byte[] content = new byte[OutgoingFile.CHUNK_BYTES + 10];
    new Random(3).nextBytes(content);
    Path source = Files.write(dir.resolve("grid.png"), content);
    Path target = Files.writeString(dir.resolve("grid-received.png"), "the earlier copy");
    List<Chunk> chunks = new ArrayList<>();
    FileManifest manifest = OutgoingFile.send(source, (offset, bytes) -> chunks.add(new Chunk(offset, bytes)));

    IncomingFile gap = IncomingFile.at(target);
    gap.append(chunks.get(1).offset(), chunks.get(1).bytes());
    IOException broken = assertThrows(IOException.class, () -> gap.complete(manifest));
    assertTrue(broken.getMessage().contains("expected the chunk at byte 0"), broken.getMessage());

    IncomingFile tampered = IncomingFile.at(target);
    for (Chunk chunk : chunks) {
      tampered.append(chunk.offset(), chunk.bytes());
    }
    FileManifest wrong = new FileManifest(false, manifest.size(), "0".repeat(64));
    assertThrows(IOException.class, () -> tampered.complete(wrong));

    assertEquals("the earlier copy", Files.readString(target));
    assertFalse(Files.exists(dir.resolve("grid-received.png.partial")));
  }

  @Test
  void aZipNamingAFileOutsideItsFolderIsRefused() throws IOException {
    Path zip = dir.resolve("evil.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream zipped = new ZipOutputStream(out)) {
      zipped.putNextEntry(new ZipEntry("../escaped.txt"));
      zipped.write("x".getBytes(StandardCharsets.UTF_8));
      zipped.closeEntry();
    }
    List<Chunk> chunks = new ArrayList<>();
    FileManifest sent = OutgoingFile.send(zip, (offset, bytes) -> chunks.add(new Chunk(offset, bytes)));
    IncomingFile incoming = IncomingFile.at(dir.resolve("node").resolve("checkpoints").resolve("epoch-001"));
    for (Chunk chunk : chunks) {
      incoming.append(chunk.offset(), chunk.bytes());
    }

    assertThrows(IOException.class, () -> incoming.complete(new FileManifest(true, sent.size(), sent.sha256())));
    assertFalse(Files.exists(dir.resolve("node").resolve("checkpoints").resolve("escaped.txt")));
    assertFalse(Files.exists(dir.resolve("node").resolve("checkpoints").resolve("epoch-001")));
  }
}
