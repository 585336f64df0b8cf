package io.gantry.orchestrator.search;

import io.gantry.protocol.catalog.ParamDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the search strategies share: typing drawn numbers and filling in model defaults. */
final class TrialParameters {

  private TrialParameters() {}

  /** An integer from an int_uniform range, as an INT parameter (Integer) or a DOUBLE one wants. */
  static Object integerValue(ParamDef def, long value) {
    return def.type() == ParamDef.Type.INT
        ? (Object) Math.toIntExact(value)
        : (Object) (double) value;
  }

  /** Every parameter of the model, in catalog order: {@code chosen} values, else the default. */
  static Map<String, Object> complete(Map<String, ParamDef> defs, Map<String, Object> chosen) {
    Map<String, Object> all = new LinkedHashMap<>();
    defs.forEach((name, def) -> all.put(name, chosen.getOrDefault(name, def.defaultValue())));
    return Collections.unmodifiableMap(all);
  }
}
