package io.gantry.orchestrator.tracking;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Uploads files with HTTP PUT to the MLflow server's artifact proxy ({@code
 * /api/2.0/mlflow-artifacts/artifacts/...}), which a server started with {@code --serve-artifacts}
 * offers. The Java client's {@code logArtifact} would shell out to Python instead.
 */
final class ArtifactUploader {

  private static final String PROXY_SCHEME = "mlflow-artifacts";

  private final URI server;
  private final HttpClient http;
  private final Duration timeout;

  ArtifactUploader(URI server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Puts {@code op}'s file, folder or text at its path under the run's {@code artifactUri}. */
  void upload(String artifactUri, TrackingOp.Upload op) throws DeliveryException {
    URI root = proxyRoot(artifactUri);
    if (op.file() == null) {
      put(root, op.artifactPath(), HttpRequest.BodyPublishers.ofString(op.text(), StandardCharsets.UTF_8));
      return;
    }
    Path local = Path.of(op.file());
    if (!Files.exists(local)) {
      throw DeliveryException.refused("the file " + local + " is gone, so it cannot go to MLflow");
    }
    try {
      for (Path file : filesOf(local)) {
        String relative = Files.isDirectory(local) ? "/" + local.relativize(file).toString().replace('\\', '/') : "";
        put(root, op.artifactPath() + relative, HttpRequest.BodyPublishers.ofFile(file));
      }
    } catch (IOException e) {
      throw new DeliveryException("cannot read " + local + ": " + e.getMessage(), false, e);
    }
  }

  /** Puts the thumbnail {@code op} asks for, made now from its picture. */
  void uploadThumbnail(String artifactUri, TrackingOp.UploadThumbnail op) throws DeliveryException {
    URI root = proxyRoot(artifactUri);
    Path local = Path.of(op.file());
    if (!Files.exists(local)) {
      throw DeliveryException.refused("the file " + local + " is gone, so it cannot go to MLflow");
    }
    byte[] png;
    try {
      png = Thumbnails.png(local, op.maxSide());
    } catch (IOException e) {
      throw new DeliveryException("cannot make a thumbnail of " + local + ": " + e.getMessage(), false, e);
    } catch (IllegalArgumentException e) {
      throw DeliveryException.refused(e.getMessage());
    }
    put(root, op.artifactPath(), HttpRequest.BodyPublishers.ofByteArray(png));
  }

  private void put(URI root, String artifactPath, HttpRequest.BodyPublisher body) throws DeliveryException {
    URI target = URI.create(root + "/" + encodePath(artifactPath));
    HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).PUT(body).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status / 100 != 2) {
        throw new DeliveryException(
            "PUT " + target + " answered " + status + ": " + response.body(), DeliveryException.isPermanent(status), null);
      }
    } catch (IOException e) {
      throw new DeliveryException("PUT " + target + " failed: " + e, false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while uploading to " + target, false, e);
    }
  }

  /** {@code mlflow-artifacts:/1/<run>/artifacts} becomes {@code <server>/api/2.0/mlflow-artifacts/artifacts/1/<run>/artifacts}. */
  private URI proxyRoot(String artifactUri) throws DeliveryException {
    URI uri = URI.create(artifactUri);
    if (!PROXY_SCHEME.equals(uri.getScheme())) {
      throw DeliveryException.refused(
          "the run's artifacts live at " + artifactUri + ", which the server does not proxy;"
              + " start MLflow with --serve-artifacts (as `gantry mlflow-server` does)");
    }
    String base = server.toString().replaceAll("/+$", "");
    return URI.create(base + "/api/2.0/mlflow-artifacts/artifacts/" + uri.getPath().replaceAll("^/+", ""));
  }

  private static List<Path> filesOf(Path local) throws IOException {
    if (!Files.isDirectory(local)) {
      return List.of(local);
    }
    try (Stream<Path> files = Files.walk(local)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String encodePath(String path) {
    return Arrays.stream(path.split("/"))
        .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("/"));
  }
}
