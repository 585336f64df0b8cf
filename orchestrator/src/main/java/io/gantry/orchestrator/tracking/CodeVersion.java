package io.gantry.orchestrator.tracking;

import io.gantry.orchestrator.run.CommandOutput;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The git commit Gantry's code was built from, when it runs from a git checkout (as {@code
 * ./gantry} does): the nearest folder above its classes or jar that holds {@code .git}.
 */
final class CodeVersion {

  private CodeVersion() {}

  static Optional<String> gitCommit() {
    try {
      Path code = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = code; dir != null; dir = dir.getParent()) {
        if (Files.exists(dir.resolve(".git"))) {
          return revParse(dir);
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // no file location for the code: no version to tell
    }
    return Optional.empty();
  }

  private static Optional<String> revParse(Path repo) {
    return CommandOutput.of("git", "-C", repo.toString(), "rev-parse", "HEAD").map(String::trim).filter(out -> out.matches("[0-9a-f]{40}"));
  }
}
