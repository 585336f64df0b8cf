package io.gantry.protocol.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperparamsTest {

  @Test
  void missingParametersTakeTheCatalogDefaults() {
    Hyperparams params = Hyperparams.resolve("gan", Map.of("lr_d", 0.01, "latent_dim", 2L));
    assertEquals(0.01, params.doubleValue("lr_d"));
    assertEquals(2, params.intValue("latent_dim"));
    assertEquals(2e-4, params.doubleValue("lr_g"));
    assertEquals("non_saturating", params.choice("generator_loss"));
    assertEquals(ModelCatalog.parameters("gan").keySet(), params.asMap().keySet());
  }

  @Test
  void numbersArriveInAnyJavaType() {
    Hyperparams params = Hyperparams.resolve("vae", Map.of("latent_dim", 16.0, "lr", 1));
    assertEquals(16, params.intValue("latent_dim"));
    assertEquals(1.0, params.doubleValue("lr"));
  }

  @Test
  void unknownNamesAndBadValuesAreRejected() {
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> Hyperparams.resolve("ae", Map.of("lr_g", 1e-3)))
            .getMessage();
    assertTrue(unknown.contains("'lr_g'") && unknown.contains("latent_dim"), unknown);
    assertThrows(
        IllegalArgumentException.class, () -> Hyperparams.resolve("ae", Map.of("latent_dim", 2.5)));
    assertThrows(
        IllegalArgumentException.class, () -> Hyperparams.resolve("ae", Map.of("lr", "fast")));
    assertThrows(
        IllegalArgumentException.class,
        () -> Hyperparams.resolve("gan", Map.of("generator_loss", "wasserstein")));
    assertThrows(IllegalArgumentException.class, () -> Hyperparams.resolve("wgan", Map.of()));
  }

  @Test
  void aSeveralChoiceValueNamesDistinctChoicesJoinedByPlus() {
    Hyperparams params = Hyperparams.resolve("cyclegan", Map.of("domain_a", "sneaker+sandal"));
    assertEquals(List.of("sneaker", "sandal"), params.choices("domain_a"));
    assertEquals(List.of("ankle_boot"), params.choices("domain_b"));
    for (String wrong : List.of("sneaker+sneaker", "sneaker+boot", "sneaker+", "")) {
      String message =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> Hyperparams.resolve("cyclegan", Map.of("domain_a", wrong)))
              .getMessage();
      assertTrue(message.startsWith("parameter 'domain_a' of model 'cyclegan' must be one or several of"), message);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Hyperparams.resolve("cyclegan", Map.of("domain_a", List.of("sneaker"))));
  }

  @Test
  void valuesOutsideTheCatalogsBoundsAreRejected() {
    String zero =
        assertThrows(
                IllegalArgumentException.class,
                () -> Hyperparams.resolve("gan", Map.of("k_disc_steps", 0)))
            .getMessage();
    assertEquals(
        "parameter 'k_disc_steps' of model 'gan' is out of bounds: 0 is below the least value 1 of"
            + " k_disc_steps",
        zero);
    String negative =
        assertThrows(
                IllegalArgumentException.class,
                () -> Hyperparams.resolve("gan", Map.of("lr_d", -0.5)))
            .getMessage();
    assertTrue(negative.endsWith("-0.5 is not above the exclusive lower bound 0 of lr_d"), negative);
    String beta =
        assertThrows(
                IllegalArgumentException.class,
                () -> Hyperparams.resolve("progan", Map.of("beta2", 1)))
            .getMessage();
    assertTrue(beta.endsWith("1.0 is not below the exclusive upper bound 1 of beta2"), beta);
    assertThrows(
        IllegalArgumentException.class,
        () -> Hyperparams.resolve("gan", Map.of("k_disc_steps", 1_000_000_000)));
    assertThrows(IllegalArgumentException.class, () -> Hyperparams.resolve("vae", Map.of("batch_size", 0)));
    assertThrows(IllegalArgumentException.class, () -> Hyperparams.resolve("ae", Map.of("latent_dim", 0)));
  }

  @Test
  void boundsIncludeTheirEndsUnlessExcludedAndMayAllowAnOffValue() {
    Hyperparams edges =
        Hyperparams.resolve(
            "gan", Map.of("lr_d", 1, "beta1", 0, "k_disc_steps", 100, "g_hidden", 0, "fid_samples", 0));
    assertEquals(1.0, edges.doubleValue("lr_d"));
    assertEquals(0, edges.intValue("g_hidden"), "0 drops G's hidden layers");
    assertEquals(0, edges.intValue("fid_samples"), "0 turns val/fid off");
    String one =
        assertThrows(
                IllegalArgumentException.class,
                () -> Hyperparams.resolve("vae", Map.of("fid_samples", 1)))
            .getMessage();
    assertTrue(one.endsWith("1 is below the least value 2 of fid_samples (or 0)"), one);
    assertThrows(IllegalArgumentException.class, () -> Hyperparams.resolve("gan", Map.of("d_hidden", 0)));
  }

  @Test
  void catalogNamesModelsDatasetsAndMetrics() {
    assertEquals(
        Set.of("ae", "dae", "vae", "aae", "gan", "dcgan", "cgan", "progan", "stylegan", "pix2pix", "cyclegan"),
        ModelCatalog.models());
    assertFalse(ModelCatalog.supports("vae", "gaussian-2d"));
    assertThrows(IllegalArgumentException.class, () -> ModelCatalog.metrics("vae", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("ae", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("gan", "idx"));
    assertFalse(ModelCatalog.supports("gan", "cifar-10"));
    assertFalse(ModelCatalog.supports("wgan", "fashion-mnist"));
    assertFalse(ModelCatalog.supports("dcgan", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("cgan", "idx"));
    assertEquals(Set.of("train/loss", "val/mse", "val/pca_mse"), ModelCatalog.metrics("ae", "gaussian-2d"));
    assertTrue(ModelCatalog.metrics("gan", "gaussian-2d").contains("val/cov_error"));
    assertFalse(ModelCatalog.metrics("gan", "fashion-mnist").contains("val/cov_error"));
    assertTrue(
        ModelCatalog.metrics("vae", "fashion-mnist")
            .containsAll(Set.of("val/elbo", "val/iwae", "val/fid")));
    assertFalse(ModelCatalog.metrics("gan", "gaussian-2d").contains("val/fid"));
    assertTrue(
        ModelCatalog.metrics("progan", "fashion-mnist")
            .containsAll(Set.of("train/phase", "train/alpha")));
    assertTrue(ModelCatalog.metrics("dae", "fashion-mnist").contains("val/mse_noisy"));
    // CycleGAN judges each direction against its own target domain, not against every class
    assertTrue(
        ModelCatalog.metrics("cyclegan", "fashion-mnist")
            .containsAll(Set.of("val/cycle_l1", "val/fid_a", "val/fid_b", "val/target_class_rate")));
    assertFalse(ModelCatalog.metrics("cyclegan", "fashion-mnist").contains("val/fid"));
    Set<String> sampleMetrics =
        Set.of(
            "val/fid_std",
            "val/kid",
            "val/kid_std",
            "val/precision",
            "val/recall",
            "val/class_entropy",
            "val/classes_covered");
    assertTrue(ModelCatalog.metrics("dcgan", "fashion-mnist").containsAll(sampleMetrics));
    assertFalse(ModelCatalog.metrics("dcgan", "fashion-mnist").contains("val/class_accuracy"));
    assertTrue(ModelCatalog.metrics("cgan", "idx").contains("val/class_accuracy"));
    assertFalse(ModelCatalog.metrics("gan", "gaussian-2d").contains("val/kid"));
    assertFalse(ModelCatalog.metrics("ae", "fashion-mnist").contains("val/kid"));
  }
}
