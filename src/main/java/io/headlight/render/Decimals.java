package io.headlight.render;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers printed with a fixed count of decimals, digit for digit as {@code String.format(Locale.ROOT, "%.nf")}
 * prints them (half up, on the shortest decimal that reads back as the value), without the formatter: with a locale
 * other than the default it builds the locale's number symbols again for every number, which made the 512-token
 * neuron view's 2,000 numbers most of its draw time.
 */
final class Decimals {
    private Decimals() {
    }

    static String fixed(double v, int places) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(Double.toString(v)).setScale(places, RoundingMode.HALF_UP);
        // BigDecimal has no negative zero; the formatter keeps the sign of a small negative number.
        boolean negativeZero = rounded.signum() == 0 && (v < 0 || 1 / v < 0);
        return (negativeZero ? "-" : "") + rounded.toPlainString();
    }
}
