package io.gantry.worker.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gantry.worker.data.ClassNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions over class names: terms, signs, coefficients, and errors that name their column. */
class ClassExpressionTest {

  private static final List<String> NAMES = ClassNames.FASHION_MNIST;

  @Test
  void termsCarryTheirSignsClassesAndColumns() {
    ClassExpression e = ClassExpression.parse("sneaker - sandal + ankle_boot", NAMES);
    assertEquals(
        List.of(
            new ClassExpression.Term(1, 7, 1),
            new ClassExpression.Term(-1, 5, 11),
            new ClassExpression.Term(1, 9, 20)),
        e.terms());
  }

  @Test
  void coefficientsSpacesCaseAndATypesetMinus() {
    ClassExpression e = ClassExpression.parse("  -2*Coat+0.5 * dress\u2212.25*coat ", NAMES);
    assertEquals(
        List.of(
            new ClassExpression.Term(-2, 4, 4),
            new ClassExpression.Term(0.5, 3, 11),
            new ClassExpression.Term(-0.25, 4, 23)),
        e.terms());
    assertArrayEquals(
        new float[] {0, 0, 0, 0.5f, -2.25f, 0, 0, 0, 0, 0}, e.weights(NAMES.size()));
  }

  @Test
  void aClassTakenAwayAsOftenAsAddedWeighsNothing() {
    float[] weights = ClassExpression.parse("bag - coat + coat", NAMES).weights(NAMES.size());
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, weights);
  }

  @Test
  void classIndicesAreNamesAndCoefficients() {
    ClassExpression e = ClassExpression.parse("2*3 - 1", ClassNames.indices(4));
    assertEquals(
        List.of(new ClassExpression.Term(2, 3, 1), new ClassExpression.Term(-1, 1, 7)), e.terms());
  }

  @Test
  void anUnknownClassNamesItsColumnAndEveryValidName() {
    ClassExpression.BadExpression bad = bad("sneaker - sandle + ankle_boot");
    assertEquals(11, bad.column());
    assertTrue(bad.getMessage().startsWith("column 11 of "), bad.getMessage());
    assertTrue(bad.getMessage().contains("unknown class \"sandle\""), bad.getMessage());
    assertTrue(bad.getMessage().contains(String.join(", ", NAMES)), bad.getMessage());
  }

  @Test
  void malformedTermsNameTheirColumns() {
    assertEquals(1, bad("   ").column());
    assertEquals(11, bad("sneaker - + coat").column());
    assertEquals(10, bad("sneaker -").column());
    assertEquals(9, bad("sneaker coat").column());
    assertEquals(1, bad("two*coat").column());
    assertEquals(1, bad("1.2.3*coat").column());
    assertEquals(3, bad("2*").column());
    assertEquals(6, bad("coat / dress").column());
    assertTrue(bad("sneaker coat").getMessage().contains("expected + or -"));
  }

  private static ClassExpression.BadExpression bad(String text) {
    return assertThrows(
        ClassExpression.BadExpression.class, () -> ClassExpression.parse(text, NAMES), text);
  }
}
