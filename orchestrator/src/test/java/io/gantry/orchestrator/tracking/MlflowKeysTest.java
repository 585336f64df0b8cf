package io.gantry.orchestrator.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MlflowKeysTest {

  @Test
  void keysMlflowAcceptsStayAsTheyAre() {
    assertEquals("train/loss_d", MlflowKeys.key("train/loss_d"));
    assertEquals("val/elbo: mean-1.5", MlflowKeys.key("val/elbo: mean-1.5"));
  }

  @Test
  void otherCharactersBecomeUnderscoresAndPathsBecomeNormal() {
    assertEquals("loss_G_", MlflowKeys.key("loss(G)"));
    assertEquals("acc_top_5", MlflowKeys.key("acc@top#5"));
    assertEquals("a/b", MlflowKeys.key("/a//b/"));
    assertEquals("_/__/x", MlflowKeys.key("./../x"));
    assertEquals("_", MlflowKeys.key(""));
    assertEquals("_", MlflowKeys.key("/"));
  }

  @Test
  void longKeysAreCutButStayApart() {
    String a = MlflowKeys.key("m".repeat(300) + "a");
    String b = MlflowKeys.key("m".repeat(300) + "b");
    assertEquals(MlflowKeys.MAX_KEY, a.length());
    assertNotEquals(a, b);
    assertTrue(a.matches("m{241}-[0-9a-f]{8}"), a);
  }

  @Test
  void longValuesAreCutAndSaySo() {
    String value = MlflowKeys.paramValue("x".repeat(7000));
    assertEquals(MlflowKeys.MAX_PARAM_VALUE, value.length());
    assertTrue(value.endsWith("...(cut)"));
    assertEquals("0.05", MlflowKeys.paramValue(0.05));
  }
}
