package io.gantry.orchestrator.http;

import java.nio.charset.StandardCharsets;

/** Building the server's own URLs from stored names. */
final class Urls {

  private Urls() {}

  /** {@code text} as one path segment or query value: all but RFC 3986's unreserved characters percent-encoded. */
  static String segment(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 128 && Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
