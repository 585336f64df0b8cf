package io.gantry.protocol.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void catalogNamesModelsDatasetsAndMetrics() {
    assertEquals(
        Set.of("ae", "dae", "vae", "gan", "dcgan", "cgan", "progan"), ModelCatalog.models());
    assertFalse(ModelCatalog.supports("vae", "gaussian-2d"));
    assertThrows(IllegalArgumentException.class, () -> ModelCatalog.metrics("vae", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("ae", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("gan", "idx"));
    assertFalse(ModelCatalog.supports("gan", "cifar-10"));
    assertFalse(ModelCatalog.supports("wgan", "fashion-mnist"));
    assertFalse(ModelCatalog.supports("dcgan", "gaussian-2d"));
    assertTrue(ModelCatalog.supports("cgan", "idx"));
    assertEquals(Set.of("train/loss", "val/mse"), ModelCatalog.metrics("ae", "gaussian-2d"));
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
  }
}
