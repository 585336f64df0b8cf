package io.gantry.orchestrator.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A sweep file's settings as flat MLflow params: nested keys joined with dots ({@code
 * metric.goal}, {@code parameters.lr.max}), lists written as {@code [a, b]}. Read from the file's
 * text rather than the parsed spec, so every key the file has shows, whatever the spec grows.
 */
final class YamlParams {

  private YamlParams() {}

  static Map<String, String> of(String yamlText) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    Map<String, String> params = new LinkedHashMap<>();
    if (root instanceof Map<?, ?> map) {
      flatten("", map, params);
    }
    return params;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> params) {
    map.forEach(
        (key, value) -> {
          String name = prefix + key;
          if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            flatten(name + ".", nested, params);
          } else {
            params.put(name, text(value));
          }
        });
  }

  private static String text(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(text(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return String.valueOf(value);
  }
}
