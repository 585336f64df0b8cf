package io.gantry.orchestrator.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CycleGAN's {@code domain_a} and {@code domain_b} take a class or a list of classes, kept as one
 * value of their names joined by {@code +}; each listed class is checked at its own item.
 */
class ClassSetParsingTest {

  @Test
  void aDomainIsAClassOrAListOfClasses() {
    SweepSpec spec =
        SweepFiles.parse(cyclegan("domain_a: {values: [sneaker, [sneaker, sandal]]}", "domain_b: {value: [ankle_boot]}"));

    assertEquals(new ParameterSpec.Choice(List.of("sneaker", "sneaker+sandal")), spec.parameters().get("domain_a"));
    assertEquals(new ParameterSpec.Fixed("ankle_boot"), spec.parameters().get("domain_b"));
  }

  @Test
  void eachListedClassIsCheckedAtItsItem() {
    String line = "  domain_a: {value: [sneaker, sandl, sneaker]}";
    List<SpecError> errors = SweepFiles.errors(cyclegan(line.trim(), "domain_b: {value: ankle_boot}"));

    assertEquals(2, errors.size(), errors::toString);
    SweepFiles.assertError(errors.get(0), 8, line.indexOf("sandl") + 1, "parameters.domain_a.value[1]", "did you mean \"sandal\"");
    SweepFiles.assertError(errors.get(1), 8, line.lastIndexOf("sneaker") + 1, "parameters.domain_a.value[2]", "sneaker is listed twice");
    SweepFiles.assertOnlyError(
        cyclegan("domain_a: {value: []}", "domain_b: {value: ankle_boot}"),
        8, 21, "parameters.domain_a.value", "expected at least one of sneaker");
  }

  private static String cyclegan(String domainA, String domainB) {
    return String.join(
        "\n",
        "name: t",
        "model: cyclegan",
        "dataset: {name: fashion-mnist, exclude_classes: [0, 1, 2, 3, 4, 6, 8]}",
        "method: grid",
        "metric: {name: val/cycle_l1, goal: minimize}",
        "budget: {epochs: 1}",
        "parameters:",
        "  " + domainA,
        "  " + domainB,
        "");
  }
}
