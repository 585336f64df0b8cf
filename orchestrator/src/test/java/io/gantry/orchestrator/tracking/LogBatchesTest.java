package io.gantry.orchestrator.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogBatchesTest {

  @Test
  void requestsStayWithinTheLimitsAndLoseNothing() {
    TrackingOp.Log log =
        new TrackingOp.Log(
            IntStream.range(0, 2345).mapToObj(i -> new TrackingOp.Metric("m", i, i, i)).toList(),
            IntStream.range(0, 250).mapToObj(i -> new TrackingOp.KeyValue("p" + i, "v")).toList(),
            IntStream.range(0, 120).mapToObj(i -> new TrackingOp.KeyValue("t" + i, "v")).toList());

    List<TrackingOp.Log> requests = LogBatches.split(log);

    for (TrackingOp.Log request : requests) {
      assertTrue(request.metrics().size() <= LogBatches.MAX_METRICS);
      assertTrue(request.params().size() <= LogBatches.MAX_PARAMS);
      assertTrue(request.tags().size() <= LogBatches.MAX_TAGS);
      assertTrue(request.size() <= LogBatches.MAX_ENTITIES);
    }
    assertEquals(log, LogBatches.merge(requests));
    assertEquals(3, requests.size());
  }

  @Test
  void mergingDropsRepeatsMlflowWouldRefuseOrStoreTwice() {
    TrackingOp.Metric point = new TrackingOp.Metric("loss", Double.NaN, 5, 1);
    TrackingOp.Log first = new TrackingOp.Log(List.of(point), List.of(new TrackingOp.KeyValue("lr", "0.1")), List.of(new TrackingOp.KeyValue("s", "a")));
    TrackingOp.Log second = new TrackingOp.Log(List.of(point), List.of(new TrackingOp.KeyValue("lr", "0.1")), List.of(new TrackingOp.KeyValue("s", "b")));

    TrackingOp.Log merged = LogBatches.merge(List.of(first, second));

    assertEquals(List.of(point), merged.metrics());
    assertEquals(List.of(new TrackingOp.KeyValue("lr", "0.1")), merged.params());
    assertEquals(List.of(new TrackingOp.KeyValue("s", "b")), merged.tags());
  }
}
