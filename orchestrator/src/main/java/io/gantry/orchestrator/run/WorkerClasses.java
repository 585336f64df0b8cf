package io.gantry.orchestrator.run;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The worker module's classes in this process, for the few commands that restore a checkpoint
 * themselves ({@code gantry arithmetic}): loaded from the classpath worker processes run from
 * ({@value WorkerLaunch#CLASSPATH_PROPERTY}), so that the head node's own classpath still carries no
 * DJL. What this process has already (the protocol, Jackson, logging) comes from its own loader, so
 * the worker's services implement this process's interfaces.
 */
public final class WorkerClasses {

  // One loader per process: libtorch's native library loads into one class loader only.
  private static URLClassLoader loader;

  private WorkerClasses() {}

  /** What is done with a worker service. */
  public interface Use<T, R> {
    R apply(T service) throws IOException;
  }

  /**
   * Applies {@code use} to the worker module's provider of {@code service}, an interface of the
   * protocol module, with the worker's loader as the thread's context class loader, where DJL looks
   * for its engine.
   *
   * @throws IllegalStateException when this process has no worker classpath or it has no provider
   */
  public static <T, R> R use(Class<T> service, Use<T, R> use) throws IOException {
    T provider = provider(service);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return use.apply(provider);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static synchronized <T> T provider(Class<T> service) {
    if (loader == null) {
      // as worker processes run: libtorch from the jar on the classpath, never a download
      System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
      loader = new URLClassLoader("gantry-worker", urls(WorkerLaunch.classpath()), WorkerClasses.class.getClassLoader());
    }
    return ServiceLoader.load(service, loader)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the worker classpath provides no " + service.getName()));
  }

  private static URL[] urls(String classpath) {
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          urls.add(Path.of(entry).toUri().toURL());
        } catch (MalformedURLException e) {
          throw new UncheckedIOException("bad entry " + entry + " in the worker classpath", e);
        }
      }
    }
    return urls.toArray(URL[]::new);
  }
}
