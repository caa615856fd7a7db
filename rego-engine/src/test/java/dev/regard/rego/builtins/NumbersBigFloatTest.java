package dev.regard.rego.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersBigFloatTest {
  private static BigDecimal shortest(double d) {
    return NumbersBigFloat.of(d).shortestDecimal(true);
  }

  private static BigDecimal big(String decimal) {
    return NumbersBigFloat.of(new BigDecimal(decimal), NumbersBigFloat.BIG_PRECISION)
        .shortestDecimal(false);
  }

  @Test
  void shortestDoubleDigitsReadBackAndAreNoLongerThanJavas() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 5_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      BigDecimal s = shortest(d);
      assertThat(Double.parseDouble(s.toString())).as("round trip of %s", d).isEqualTo(d);
      int javaDigits = new BigDecimal(Double.toString(d)).stripTrailingZeros().precision();
      assertThat(s.stripTrailingZeros().precision()).isLessThanOrEqualTo(javaDigits);
    }
  }

  @Test
  void knownShortestForms() {
    assertThat(shortest(0.1)).isEqualByComparingTo("0.1");
    assertThat(shortest(1e23)).isEqualByComparingTo("1e23");
    assertThat(shortest(5e-324)).isEqualByComparingTo("5e-324");
    assertThat(shortest(Double.MAX_VALUE)).isEqualByComparingTo("1.7976931348623157e308");
    assertThat(shortest(2.0E-3)).isEqualByComparingTo("0.002");
  }

  @Test
  void sixtyFourBitArithmeticRoundsToNearestEven() {
    NumbersBigFloat one = NumbersBigFloat.of(BigDecimal.ONE, 64);
    NumbersBigFloat three = NumbersBigFloat.of(new BigDecimal(3), 64);
    assertThat(one.divide(three).shortestDecimal(false))
        .isEqualByComparingTo("0.33333333333333333334");
    NumbersBigFloat sum =
        NumbersBigFloat.of(new BigDecimal("0.1"), 64)
            .add(NumbersBigFloat.of(new BigDecimal("0.2"), 64));
    assertThat(sum.shortestDecimal(false)).isEqualByComparingTo("0.3");
    // 2^64 + 1 needs 65 bits: it rounds to 2^64 (ties to even).
    assertThat(big("18446744073709551617")).isEqualByComparingTo("18446744073709551616");
    assertThat(big("18446744073709551619")).isEqualByComparingTo("18446744073709551620");
  }
}
