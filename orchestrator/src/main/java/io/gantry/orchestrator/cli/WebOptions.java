package io.gantry.orchestrator.cli;

import io.gantry.orchestrator.http.WebSettings;
import picocli.CommandLine.Option;

/** Where the web UI listens: {@code --http-port}, {@code --host}, {@code --token}. */
final class WebOptions {

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + WebSettings.DEFAULT_PORT, description = "the web UI's port; when it is taken, a free one (default: ${DEFAULT-VALUE})")
  private int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = WebSettings.DEFAULT_HOST, description = "the address the web UI binds; any but loopback needs a token (default: ${DEFAULT-VALUE})")
  private String host;

  @Option(names = "--token", paramLabel = "TOKEN", description = "the token the web UI's API asks for to change anything or follow events (default: none on loopback, else one made up and printed)")
  private String token;

  WebSettings settings() {
    return WebSettings.of(host, port, token);
  }
}
