package io.gantry.orchestrator.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * libtorch's CUDA build as PyPI's {@code torch} wheel brings it, in the venv that {@code
 * scripts/install-torch.sh} makes: Maven Central has no CUDA build of libtorch 2.7.1, and PyPI's
 * Linux wheel of 2.7.1 is the CUDA 12.6 build, with its CUDA libraries as {@code nvidia-*} wheels.
 * A GPU worker process loads it through DJL's {@code PYTORCH_LIBRARY_PATH}, with the JNI glue
 * that the {@code pytorch-jni} jar carries for {@code cu128} (CUDA 12.6 and 12.8 share its ABI),
 * the CUDA libraries on {@code LD_LIBRARY_PATH}, and without the CPU build on its classpath, which
 * DJL would otherwise prefer.
 *
 * @param lib the wheel's {@code torch/lib}
 * @param cudaLibs the {@code nvidia/*}{@code /lib} folders of the venv
 */
public record TorchWheel(Path lib, List<Path> cudaLibs) {

  /** The torch release whose wheel Gantry's DJL loads. */
  public static final String VERSION = "2.7.1";

  // DJL loads every library of the folder; this one needs the driver's libcuda.so.1
  private static final String NEEDS_DRIVER = "libcaffe2_nvrtc.so";

  /** The wheel in {@code $GANTRY_TORCH_VENV}, else in the cache where the install script puts it, if installed there. */
  public static Optional<TorchWheel> installed() {
    return in(venv(System.getenv()));
  }

  /** The venv the install script makes, as {@code environment} names it. */
  static Path venv(Map<String, String> environment) {
    String asked = environment.get("GANTRY_TORCH_VENV");
    if (asked != null && !asked.isBlank()) {
      return Path.of(asked);
    }
    String cache = environment.getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
    return Path.of(cache, "gantry", "torch-" + VERSION);
  }

  /** The wheel installed in {@code venv}, if it has one. */
  static Optional<TorchWheel> in(Path venv) {
    try (Stream<Path> pythons = Files.isDirectory(venv.resolve("lib")) ? Files.list(venv.resolve("lib")) : Stream.empty()) {
      Optional<Path> sitePackages =
          pythons.map(p -> p.resolve("site-packages")).filter(p -> Files.isRegularFile(p.resolve("torch/lib/libtorch.so"))).findFirst();
      return sitePackages.map(TorchWheel::of);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the torch venv " + venv, e);
    }
  }

  private static TorchWheel of(Path sitePackages) {
    try (Stream<Path> packages = Files.isDirectory(sitePackages.resolve("nvidia")) ? Files.list(sitePackages.resolve("nvidia")) : Stream.empty()) {
      List<Path> cuda = packages.map(p -> p.resolve("lib")).filter(Files::isDirectory).sorted().toList();
      return new TorchWheel(sitePackages.resolve("torch").resolve("lib"), cuda);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sitePackages.resolve("nvidia"), e);
    }
  }

  /**
   * Sets {@code process} up to load this build: DJL's variables, the CUDA libraries and a
   * classpath ({@code command}'s {@code -cp} value) without the CPU build. On a machine without the
   * NVIDIA driver the library folder is a folder of links to {@link #lib} less {@value
   * #NEEDS_DRIVER}, so that libtorch still loads (and sees no GPU) instead of failing to link.
   */
  public void applyTo(ProcessBuilder process) {
    Map<String, String> env = process.environment();
    env.put("PYTORCH_LIBRARY_PATH", (hasDriver() ? lib : linksWithoutDriver()).toString());
    env.put("PYTORCH_VERSION", VERSION);
    env.put("PYTORCH_FLAVOR", "cu128");
    List<String> libraryPath = new ArrayList<>(cudaLibs.stream().map(Path::toString).toList());
    Optional.ofNullable(env.get("LD_LIBRARY_PATH")).filter(s -> !s.isBlank()).ifPresent(libraryPath::add);
    env.put("LD_LIBRARY_PATH", String.join(File.pathSeparator, libraryPath));
    List<String> command = process.command();
    int classpath = command.indexOf("-cp") + 1;
    command.set(classpath, withoutCpuBuild(command.get(classpath)));
  }

  /** {@code classpath} less the jar of libtorch's CPU build. */
  static String withoutCpuBuild(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("pytorch-native-cpu"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Whether the dynamic linker knows the NVIDIA driver's library. */
  static boolean hasDriver() {
    return CommandOutput.of("ldconfig", "-p").map(out -> out.contains("libcuda.so.1")).orElse(false);
  }

  private Path linksWithoutDriver() {
    Path links = lib.getParent().resolveSibling("torch-lib-without-driver");
    try (Stream<Path> files = Files.list(lib)) {
      Files.createDirectories(links);
      for (Path file : files.filter(f -> !f.getFileName().toString().equals(NEEDS_DRIVER)).toList()) {
        Path link = links.resolve(file.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, file);
        }
      }
      return links;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link the torch libraries into " + links, e);
    }
  }
}
