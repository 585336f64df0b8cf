package io.gantry.orchestrator.tracking;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
    try {
      Process git = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return Optional.of(out);
      }
    } catch (IOException e) {
      // no git on this machine
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }
}
