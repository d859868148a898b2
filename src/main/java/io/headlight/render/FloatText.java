package io.headlight.render;

import java.math.BigInteger;

/**
 * A float32 as the shortest decimal that reads back as the same float, in {@link Float#toString}'s layout
 * ({@code 0.125}, {@code 1.0E-5}), written into a char array without allocating.
 *
 * <p>Java 17's {@code Float.toString} allocates and is slow (and not always shortest): at 512 tokens a 12-layer
 * JSON export prints 38 million floats, and at 128 tokens printing them was most of the export's time after the
 * model's start. The digits come from Ryu (Ulf Adams, PLDI 2018): the float's rounding interval scaled by a power of
 * ten with 64-bit multiplications, then as many digits removed as the interval allows.
 */
public final class FloatText {
    /** Longest text: {@code -1.23456789E-45}. */
    public static final int MAX_LENGTH = 16;

    private static final int MANTISSA_BITS = 23;
    private static final int BIAS = 127;
    private static final int POW5_INV_BITCOUNT = 59;
    private static final int POW5_BITCOUNT = 61;
    /** 2^k / 5^q rounded up, to divide by 5^q (q <= 30: e2 up to 102). */
    private static final long[] POW5_INV_SPLIT = new long[31];
    /** 5^i with its top POW5_BITCOUNT bits, to multiply by 5^i (i <= 46: e2 down to -151). */
    private static final long[] POW5_SPLIT = new long[47];

    static {
        for (int i = 0; i < POW5_SPLIT.length; i++) {
            BigInteger pow = BigInteger.valueOf(5).pow(i);
            int shift = pow.bitLength() - POW5_BITCOUNT;
            POW5_SPLIT[i] = (shift >= 0 ? pow.shiftRight(shift) : pow.shiftLeft(-shift)).longValueExact();
        }
        for (int i = 0; i < POW5_INV_SPLIT.length; i++) {
            BigInteger pow = BigInteger.valueOf(5).pow(i);
            int j = pow.bitLength() - 1 + POW5_INV_BITCOUNT;
            POW5_INV_SPLIT[i] = BigInteger.ONE.shiftLeft(j).divide(pow).add(BigInteger.ONE).longValueExact();
        }
    }

    private FloatText() {
    }

    /** Writes {@code f} at {@code out[at]} and returns the index after it; {@code out} needs {@link #MAX_LENGTH}. */
    public static int write(float f, char[] out, int at) {
        int bits = Float.floatToRawIntBits(f);
        int exponentBits = bits >>> MANTISSA_BITS & 0xFF;
        int mantissaBits = bits & (1 << MANTISSA_BITS) - 1;
        if (exponentBits == 0xFF) {
            return copy(mantissaBits != 0 ? "NaN" : bits < 0 ? "-Infinity" : "Infinity", out, at);
        }
        if (bits < 0) {
            out[at++] = '-';
        }
        if (exponentBits == 0 && mantissaBits == 0) {
            return copy("0.0", out, at);
        }
        long digits = shortest(exponentBits, mantissaBits);
        int exponent = (int) (digits >> 32);
        return layout((int) digits, exponent, out, at);
    }

    /** Float.toString's text for {@code f}, for callers that want a String after all. */
    public static String toString(float f) {
        char[] out = new char[MAX_LENGTH];
        return new String(out, 0, write(f, out, 0));
    }

    /**
     * The shortest decimal in the float's rounding interval, as {@code exponent << 32 | digits}: the value is
     * {@code digits x 10^exponent}.
     */
    private static long shortest(int exponentBits, int mantissaBits) {
        int e2;
        int m2;
        if (exponentBits == 0) {
            e2 = 1 - BIAS - MANTISSA_BITS - 2;
            m2 = mantissaBits;
        } else {
            e2 = exponentBits - BIAS - MANTISSA_BITS - 2;
            m2 = 1 << MANTISSA_BITS | mantissaBits;
        }
        boolean acceptBounds = (m2 & 1) == 0;
        // The float and the halfway points to its neighbours, times 4 (the lower one nearer at a power of two).
        int mv = 4 * m2;
        int mp = 4 * m2 + 2;
        int mmShift = mantissaBits != 0 || exponentBits <= 1 ? 1 : 0;
        int mm = 4 * m2 - 1 - mmShift;

        int vr;
        int vp;
        int vm;
        int e10;
        boolean vmTrailingZeros = false;
        boolean vrTrailingZeros = false;
        int lastRemoved = 0;
        if (e2 >= 0) {
            int q = log10Pow2(e2);
            e10 = q;
            int k = POW5_INV_BITCOUNT + pow5Bits(q) - 1;
            int i = -e2 + q + k;
            vr = mulShift(mv, POW5_INV_SPLIT[q], i);
            vp = mulShift(mp, POW5_INV_SPLIT[q], i);
            vm = mulShift(mm, POW5_INV_SPLIT[q], i);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                // The loop below removes no digit: the last removed one must be known now.
                int l = POW5_INV_BITCOUNT + pow5Bits(q - 1) - 1;
                lastRemoved = mulShift(mv, POW5_INV_SPLIT[q - 1], -e2 + q - 1 + l) % 10;
            }
            if (q <= 9) {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) {
                    vrTrailingZeros = multipleOfPowerOf5(mv, q);
                } else if (acceptBounds) {
                    vmTrailingZeros = multipleOfPowerOf5(mm, q);
                } else if (multipleOfPowerOf5(mp, q)) {
                    vp--;
                }
            }
        } else {
            int q = log10Pow5(-e2);
            e10 = q + e2;
            int i = -e2 - q;
            int k = pow5Bits(i) - POW5_BITCOUNT;
            int j = q - k;
            vr = mulShift(mv, POW5_SPLIT[i], j);
            vp = mulShift(mp, POW5_SPLIT[i], j);
            vm = mulShift(mm, POW5_SPLIT[i], j);
            if (q != 0 && (vp - 1) / 10 <= vm / 10) {
                j = q - 1 - (pow5Bits(i + 1) - POW5_BITCOUNT);
                lastRemoved = mulShift(mv, POW5_SPLIT[i + 1], j) % 10;
            }
            if (q <= 1) {
                // mv = 4 m2 has at least two trailing zero bits.
                vrTrailingZeros = true;
                if (acceptBounds) {
                    vmTrailingZeros = mmShift == 1;
                } else {
                    vp--;
                }
            } else if (q < 31) {
                vrTrailingZeros = (mv & (1 << q - 1) - 1) == 0;
            }
        }

        int removed = 0;
        int output;
        if (vmTrailingZeros || vrTrailingZeros) {
            while (vp / 10 > vm / 10) {
                vmTrailingZeros &= vm % 10 == 0;
                vrTrailingZeros &= lastRemoved == 0;
                lastRemoved = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmTrailingZeros) {
                while (vm % 10 == 0) {
                    vrTrailingZeros &= lastRemoved == 0;
                    lastRemoved = vr % 10;
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrTrailingZeros && lastRemoved == 5 && vr % 2 == 0) {
                // Exactly halfway: round to even.
                lastRemoved = 4;
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmTrailingZeros)) || lastRemoved >= 5 ? 1 : 0);
        } else {
            while (vp / 10 > vm / 10) {
                lastRemoved = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || lastRemoved >= 5 ? 1 : 0);
        }
        return (long) (e10 + removed) << 32 | output & 0xFFFFFFFFL;
    }

    /** digits x 10^exponent as Float.toString lays it out: plain from 10^-3 up to 10^7, else d.dddE±n. */
    private static int layout(int digits, int exponent, char[] out, int at) {
        int length = decimalLength(digits);
        int scientific = exponent + length - 1;
        if (scientific >= -3 && scientific < 7) {
            if (scientific < 0) {
                out[at++] = '0';
                out[at++] = '.';
                for (int z = -1; z > scientific; z--) {
                    out[at++] = '0';
                }
                return writeDigits(digits, length, out, at);
            }
            int integerDigits = scientific + 1;
            if (integerDigits >= length) {
                at = writeDigits(digits, length, out, at);
                for (int z = length; z < integerDigits; z++) {
                    out[at++] = '0';
                }
                out[at++] = '.';
                out[at++] = '0';
                return at;
            }
            int end = writeDigits(digits, length, out, at + 1);
            // Shift the integer part left over the gap and put the point after it.
            System.arraycopy(out, at + 1, out, at, integerDigits);
            out[at + integerDigits] = '.';
            return end;
        }
        int end = writeDigits(digits, length, out, at + 1);
        out[at] = out[at + 1];
        out[at + 1] = '.';
        if (length == 1) {
            out[at + 2] = '0';
            end = at + 3;
        }
        out[end++] = 'E';
        if (scientific < 0) {
            out[end++] = '-';
            scientific = -scientific;
        }
        if (scientific >= 10) {
            out[end++] = (char) ('0' + scientific / 10);
        }
        out[end++] = (char) ('0' + scientific % 10);
        return end;
    }

    private static int writeDigits(int digits, int length, char[] out, int at) {
        for (int i = length - 1; i >= 0; i--) {
            out[at + i] = (char) ('0' + digits % 10);
            digits /= 10;
        }
        return at + length;
    }

    private static int copy(String text, char[] out, int at) {
        text.getChars(0, text.length(), out, at);
        return at + text.length();
    }

    private static int decimalLength(int v) {
        int length = 1;
        for (int limit = 10; length < 10 && v >= limit; limit *= 10) {
            length++;
        }
        return length;
    }

    /** ceil(log2(5^e)) for e >= 1, and 1 for e = 0. */
    private static int pow5Bits(int e) {
        return (int) ((e * 1217359L) >>> 19) + 1;
    }

    /** floor(log10(2^e)). */
    private static int log10Pow2(int e) {
        return (int) ((e * 78913L) >>> 18);
    }

    /** floor(log10(5^e)). */
    private static int log10Pow5(int e) {
        return (int) ((e * 732923L) >>> 20);
    }

    private static boolean multipleOfPowerOf5(int value, int p) {
        int count = 0;
        while (value % 5 == 0 && value != 0) {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    /** (m x factor) >> shift, for m below 2^32 and shift above 32, without overflowing. */
    private static int mulShift(int m, long factor, int shift) {
        long low = factor & 0xFFFFFFFFL;
        long high = factor >>> 32;
        long bits0 = (m & 0xFFFFFFFFL) * low;
        long bits1 = (m & 0xFFFFFFFFL) * high;
        long sum = (bits0 >>> 32) + bits1;
        return (int) (sum >>> (shift - 32));
    }
}
