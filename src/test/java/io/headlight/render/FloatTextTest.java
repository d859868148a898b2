package io.headlight.render;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every float printed reads back as itself, never takes more digits than Java's own {@code Float.toString}, is the
 * nearest decimal of its length, and is laid out as Float.toString lays it out. (Checked once over all 2^31 finite non-negative floats against Java 25's shortest
 * {@code Float.toString}; here a sample that runs in a second.)
 */
class FloatTextTest {

    @Test
    void floatsAreLaidOutAsFloatToStringLaysThemOut() {
        float[] samples = {0.125f, 1.5f, 100f, 1e-5f, 1.2345e-5f, 0.001f, 9.999999e-4f, 0.00125f, 1e7f, 9999999f,
            123456.7f, 0.1f, 1 / 3f, 2 / 3f, -0.75f, 16777216f, Float.MAX_VALUE, 3e-20f, 1e38f, -2.5e-12f};
        for (float f : samples) {
            assertEquals(Float.toString(f), FloatText.toString(f), "bits " + Integer.toHexString(
                    Float.floatToRawIntBits(f)));
        }
        assertEquals("0.0", FloatText.toString(0f));
        assertEquals("-0.0", FloatText.toString(-0f));
        assertEquals("NaN", FloatText.toString(Float.NaN));
        assertEquals("Infinity", FloatText.toString(Float.POSITIVE_INFINITY));
        assertEquals("-Infinity", FloatText.toString(Float.NEGATIVE_INFINITY));
        // Shorter than Java 17's own text, and as exact: the smallest normal and subnormal floats.
        assertEquals("1.1754944E-38", FloatText.toString(Float.MIN_NORMAL));
        assertEquals("1.0E-45", FloatText.toString(Float.MIN_VALUE));
    }

    @Test
    void everyFloatReadsBackAsItselfInNoMoreDigitsThanFloatToString() {
        SplittableRandom random = new SplittableRandom(11);
        char[] text = new char[FloatText.MAX_LENGTH];
        int checked = 0;
        for (int i = 0; i < 1_500_000; i++) {
            // Half anywhere, half in [0, 1] where attention weights live.
            int bits = i % 2 == 0 ? random.nextInt() : random.nextInt(0x3F800001);
            checkOne(Float.intBitsToFloat(bits), text);
            checked++;
        }
        // The edges: subnormals, powers of two and their neighbours, the layout's switch points.
        for (int e = 0; e < 255; e++) {
            for (int m : new int[] {0, 1, 2, 0x400000, 0x7FFFFE, 0x7FFFFF}) {
                checkOne(Float.intBitsToFloat(e << 23 | m), text);
                checkOne(-Float.intBitsToFloat(e << 23 | m), text);
                checked += 2;
            }
        }
        for (float edge : new float[] {1e-3f, 1e7f}) {
            int bits = Float.floatToRawIntBits(edge);
            for (int d = -50; d <= 50; d++) {
                checkOne(Float.intBitsToFloat(bits + d), text);
                checked++;
            }
        }
        assertTrue(checked > 1_500_000);
    }

    private static void checkOne(float f, char[] text) {
        if (Float.isNaN(f)) {
            return;
        }
        String printed = new String(text, 0, FloatText.write(f, text, 0));
        if (Float.floatToRawIntBits(Float.parseFloat(printed)) != Float.floatToRawIntBits(f)) {
            fail(printed + " reads back as " + Float.parseFloat(printed) + ", not " + f);
        }
        String java = Float.toString(f);
        int digits = significantDigits(printed);
        if (digits > significantDigits(java)) {
            fail(printed + " has more digits than " + java);
        }
        // Of the decimals that long, the one nearest the float's exact value (halfway: the even one), when it reads
        // back: 2^-12 = 0.000244140625 is 2.4414062E-4, not ...63.
        BigDecimal nearest = new BigDecimal(f).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (f != 0 && Float.floatToRawIntBits(nearest.floatValue()) == Float.floatToRawIntBits(f)
                && nearest.compareTo(new BigDecimal(printed)) != 0) {
            fail(printed + " is not the nearest " + digits + "-digit decimal to " + new BigDecimal(f) + ": " + nearest);
        }
        boolean plain = Math.abs(f) >= 1e-3f && Math.abs(f) < 1e7f || f == 0;
        assertEquals(plain, printed.indexOf('E') < 0, printed);
    }

    private static int significantDigits(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.signum() == 0 ? 1 : value.precision();
    }
}
