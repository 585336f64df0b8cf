package io.gantry.orchestrator.tracking;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Maps metric, param and tag keys and values into what MLflow accepts, never dropping one. MLflow
 * allows ASCII letters, digits and {@code _ - . space : /} in keys, at most 250 characters, and
 * rejects keys that are not normal paths ({@code /a}, {@code a//b}, {@code a/./b}, {@code ../a}).
 * So: any other character becomes {@code _}; empty path segments go, a {@code .} or {@code ..}
 * segment becomes {@code _} or {@code __}; a key still too long keeps its first 241 characters and
 * gains {@code -} and 8 hex digits of a checksum of the original, so two long keys stay apart.
 * Param values past 6000 and tag values past 5000 characters are cut and marked so.
 */
final class MlflowKeys {

  static final int MAX_KEY = 250;
  static final int MAX_PARAM_VALUE = 6000;
  static final int MAX_TAG_VALUE = 5000;
  private static final String CUT = "...(cut)";

  private MlflowKeys() {}

  static String key(String original) {
    StringBuilder allowed = new StringBuilder(original.length());
    for (char c : original.toCharArray()) {
      allowed.append(isAllowed(c) ? c : '_');
    }
    StringBuilder path = new StringBuilder();
    for (String segment : allowed.toString().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(segment.equals(".") ? "_" : segment.equals("..") ? "__" : segment);
    }
    String key = path.length() == 0 ? "_" : path.toString();
    if (key.length() <= MAX_KEY) {
      return key;
    }
    CRC32 crc = new CRC32();
    crc.update(original.getBytes(StandardCharsets.UTF_8));
    return key.substring(0, MAX_KEY - 9) + String.format("-%08x", crc.getValue());
  }

  static String paramValue(Object value) {
    return cut(String.valueOf(value), MAX_PARAM_VALUE);
  }

  static String tagValue(Object value) {
    return cut(String.valueOf(value), MAX_TAG_VALUE);
  }

  private static String cut(String value, int max) {
    return value.length() <= max ? value : value.substring(0, max - CUT.length()) + CUT;
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "_-. :/".indexOf(c) >= 0;
  }
}
