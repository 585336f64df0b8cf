package io.gantry.orchestrator.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the web UI listens and who may change things through it. Bound to loopback it needs no
 * token unless one is given; bound anywhere else it always needs one, made up when none is given,
 * on every call that changes something and on the event stream.
 *
 * @param host the address to bind
 * @param port the port to bind; when it is taken the server takes a free one
 * @param token what callers must present, if anything
 * @param tokenGenerated whether the token was made up here, and so must be shown to the user
 */
public record WebSettings(String host, int port, Optional<String> token, boolean tokenGenerated) {

  /** The port the UI asks for unless told otherwise. */
  public static final int DEFAULT_PORT = 8080;

  /** The address the UI binds unless told otherwise: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Settings for {@code host}:{@code port} with {@code token} (null: none given). */
  public static WebSettings of(String host, int port, String token) {
    if (token != null && !token.isBlank()) {
      return new WebSettings(host, port, Optional.of(token), false);
    }
    if (isLoopback(host)) {
      return new WebSettings(host, port, Optional.empty(), false);
    }
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    return new WebSettings(host, port, Optional.of(HexFormat.of().formatHex(random)), true);
  }

  /** Whether reads need the token too: the server listens off loopback, where anyone may reach it. */
  public boolean guardsReads() {
    return !isLoopback(host);
  }

  /** Whether {@code host} names this machine's loopback interface; an unknown name is not. */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
