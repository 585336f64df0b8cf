package io.gantry.orchestrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.orchestrator.http.WebSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/** A running coordinator's HTTP API: {@code --to HOST[:PORT]} and {@code --token}. */
final class CoordinatorAddress {

  /** The coordinator could not be reached, or refused the request; the message says which. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--to", paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1", description = "the coordinator's web address; the port is its --http-port (default: ${DEFAULT-VALUE}:" + WebSettings.DEFAULT_PORT + ")")
  private String to;

  @Option(names = "--token", paramLabel = "TOKEN", description = "the coordinator's API token (default: $GANTRY_TOKEN)")
  private String token;

  String given() {
    return to;
  }

  String url() {
    String address = to.replaceFirst("^https?://", "").replaceAll("/+$", "");
    boolean hasPort = address.matches(".*:\\d+") && !address.endsWith("]");
    return "http://" + (hasPort ? address : address + ":" + WebSettings.DEFAULT_PORT) + "/";
  }

  /** GETs {@code path}, or POSTs {@code body} to it; returns the JSON answered. */
  JsonNode call(String path, HttpRequest.BodyPublisher body) throws Refused, InterruptedException {
    URI uri = URI.create(url()).resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    String secret = token != null ? token : System.getenv("GANTRY_TOKEN");
    if (secret != null && !secret.isBlank()) {
      request.header("Authorization", "Bearer " + secret);
    }
    request = body == null ? request.GET() : request.header("Content-Type", "application/yaml").POST(body);
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Refused("no coordinator answers at " + url() + " (" + e.getClass().getSimpleName() + "); is `gantry coordinator` running there?");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String message = answer.has("error") ? answer.get("error").asText() : response.body();
      throw new Refused("the coordinator at " + url() + " answered " + response.statusCode() + ": " + message);
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode().put("error", body);
    }
  }
}
