package io.gantry.orchestrator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** JSON bodies of the API's answers; an error is always {@code {"error": message, ...}}. */
final class JsonResponses {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonResponses() {}

  static HttpResponse ok(Object body) {
    return json(StatusCodes.OK, body);
  }

  static HttpResponse json(StatusCode status, Object body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, write(body)));
  }

  static HttpResponse error(StatusCode status, String message) {
    return error(status, message, Map.of());
  }

  /** An error with more fields beside its message, such as the problems of a sweep file. */
  static HttpResponse error(StatusCode status, String message, Map<String, Object> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.putAll(details);
    return json(status, body);
  }

  static String write(Object body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** JSON has no NaN or infinity: such a value (a diverged trial's loss) becomes null. */
  static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
