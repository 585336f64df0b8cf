package io.gantry.orchestrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The head node carries no DJL and no libtorch: the classpath the {@code gantry} launcher runs it
 * with ({@code target/classpath.txt}, the module's runtime scope) holds no DJL, libtorch or worker
 * jar, by name nor by what is inside.
 */
class HeadNodeClasspathTest {

  private static final Path CLASSPATH_FILE = Path.of("target", "classpath.txt");

  private static final Set<String> FORBIDDEN_NAMES = Set.of("gantry-worker", "pytorch-native", "pytorch-jni", "pytorch-engine");

  // DJL's classes, libtorch's native libraries as DJL packs them, the worker's classes
  private static final List<String> FORBIDDEN_ENTRIES = List.of("ai/djl/", "pytorch/", "io/gantry/worker/");

  @Test
  void theLaunchersClasspathHasNoDjlLibtorchOrWorker() throws IOException {
    List<Path> classpath = headNodeClasspath();

    // the check means something only if it reads the classpath the launcher uses
    assertTrue(classpath.stream().anyMatch(p -> holds(p, List.of("io/gantry/protocol/"))), "no protocol classes in " + classpath);
    List<String> offending = classpath.stream().filter(HeadNodeClasspathTest::isForbidden).map(Path::toString).toList();
    assertEquals(List.of(), offending, "the head node's runtime classpath must not carry DJL, libtorch or the worker");
  }

  private static List<Path> headNodeClasspath() throws IOException {
    assertTrue(Files.isRegularFile(CLASSPATH_FILE), CLASSPATH_FILE.toAbsolutePath() + " is missing: the build writes it before the tests");
    return Arrays.stream(Files.readString(CLASSPATH_FILE).strip().split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(Path::of)
        .toList();
  }

  private static boolean isForbidden(Path element) {
    String name = element.getFileName().toString();
    // DJL's group in the local repository's layout
    boolean djlGroup = element.toString().replace(File.separatorChar, '/').contains("/ai/djl/");
    return djlGroup || FORBIDDEN_NAMES.stream().anyMatch(name::startsWith) || holds(element, FORBIDDEN_ENTRIES);
  }

  /** Whether the classes folder or jar {@code element} has an entry under one of {@code prefixes}. */
  private static boolean holds(Path element, List<String> prefixes) {
    try {
      if (Files.isDirectory(element)) {
        return prefixes.stream().anyMatch(prefix -> Files.exists(element.resolve(prefix)));
      }
      try (JarFile jar = new JarFile(element.toFile());
          Stream<String> entries = jar.stream().map(JarEntry::getName)) {
        return entries.anyMatch(entry -> prefixes.stream().anyMatch(entry::startsWith));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + element + " of the head node's classpath", e);
    }
  }
}
