package com.example.credit.explainer.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The digits every response's doubles are written with: the shortest that read back as the same double, the closest
 * to it among those, in {@code Double.toString}'s layout. Java 17's {@code Double.toString} is the reference where it
 * is itself shortest and closest; it is sometimes a digit longer than needed, or not the closest of its length.
 */
class ResponseNumbersTests {

    private static final JsonMapper MAPPER =
            InvocationService.withFastDoubles(JsonMapper.builder().build());

    @Test
    void writesTheShortestClosestDigitsThatReadBackAsTheSameDouble() {
        Random random = new Random(19);
        List<String> wrong = new ArrayList<>();
        int unlikeJava = 0;
        for (int i = 0; i < 300_000; i++) {
            double value = value(random, i % 3);
            String written = MAPPER.writeValueAsString(value);
            String java = Double.toString(value);

            if (!isShortestClosest(value, written, java)) {
                wrong.add(java + " written as " + written);
            } else if (!written.equals(java)) {
                unlikeJava++;
            }
        }

        assertThat(wrong)
                .as("values not written as their shortest, closest digits")
                .isEmpty();
        assertThat(unlikeJava)
                .as("values written unlike Java 17 (its longer or farther digits)")
                .isLessThan(3_000);
    }

    @Test
    void writesZerosExtremesAndJavasLongerCasesInItsLayout() {
        assertThat(MAPPER.writeValueAsString(0.0)).isEqualTo("0.0");
        assertThat(MAPPER.writeValueAsString(-0.0)).isEqualTo("-0.0");
        assertThat(MAPPER.writeValueAsString(0.001)).isEqualTo("0.001");
        assertThat(MAPPER.writeValueAsString(9.999999999999998E-4)).isEqualTo("9.999999999999998E-4");
        assertThat(MAPPER.writeValueAsString(1e7)).isEqualTo("1.0E7");
        assertThat(MAPPER.writeValueAsString(9999999.0)).isEqualTo("9999999.0");
        // One digit, the shortest (Java 17 and Jackson 3.1 wrote two, 4.9E-324: the same double).
        assertThat(MAPPER.writeValueAsString(Double.MIN_VALUE)).isEqualTo("5.0E-324");
        assertThat(MAPPER.writeValueAsString(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        // Java 17 writes 9.999999999999999E22 for the double nearest 1e23 (JDK-4511638).
        assertThat(MAPPER.writeValueAsString(1e23)).isEqualTo("1.0E23");
    }

    private static boolean isShortestClosest(double value, String written, String java) {
        if (Double.doubleToRawLongBits(Double.parseDouble(written)) != Double.doubleToRawLongBits(value)
                || written.contains("E") != java.contains("E")) {
            return false;
        }
        if (value == 0.0) {
            return written.equals(java);
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal ours = new BigDecimal(written);
        BigDecimal theirs = new BigDecimal(java);
        int digits = ours.stripTrailingZeros().precision();
        int javaDigits = theirs.stripTrailingZeros().precision();
        return digits < javaDigits
                || (digits == javaDigits
                        && ours.subtract(exact)
                                        .abs()
                                        .compareTo(theirs.subtract(exact).abs())
                                <= 0);
    }

    /** Random bit patterns, the magnitudes of SHAP values and contributions, and probabilities. */
    private static double value(Random random, int kind) {
        return switch (kind) {
            case 0 -> {
                double bits = Double.longBitsToDouble(random.nextLong());
                yield Double.isFinite(bits) ? bits : random.nextGaussian();
            }
            case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, -random.nextInt(7));
            default -> random.nextDouble();
        };
    }
}
