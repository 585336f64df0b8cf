package io.gantry.orchestrator.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The files trials wrote, under the data folder's {@code artifacts/}, and their URLs. Nothing
 * outside that folder is ever served: not the store, not the logs, not a file a link points to.
 */
final class ArtifactFiles {

  /** Where artifact URLs start. */
  static final String URL_PREFIX = "/api/files/";

  private final Path root;

  ArtifactFiles(Path dataDir) {
    this.root = dataDir.toAbsolutePath().normalize().resolve("artifacts");
  }

  /**
   * The URL of the artifact stored at {@code path}, if it is a file under the artifacts folder (a
   * checkpoint is a folder, and has none).
   */
  Optional<String> url(String path) {
    Path file = Path.of(path).toAbsolutePath().normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(
        URL_PREFIX
            + StreamSupport.stream(root.relativize(file).spliterator(), false)
                .map(segment -> Urls.segment(segment.toString()))
                .collect(Collectors.joining("/")));
  }

  /**
   * The regular file that the decoded URL {@code segments} after {@link #URL_PREFIX} name, when
   * it exists and lies, links resolved, under the artifacts folder. {@code .} and {@code ..}
   * segments, and segments that hide a separator, name nothing.
   */
  Optional<Path> resolve(List<String> segments) {
    if (segments.isEmpty() || segments.stream().anyMatch(ArtifactFiles::unsafe)) {
      return Optional.empty();
    }
    Path file = root;
    for (String segment : segments) {
      file = file.resolve(segment);
    }
    try {
      if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
        return Optional.empty();
      }
      return Optional.of(file);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean unsafe(String segment) {
    return segment.isEmpty()
        || segment.equals(".")
        || segment.equals("..")
        || segment.contains("/")
        || segment.contains("\\")
        || segment.indexOf('\0') >= 0;
  }
}
