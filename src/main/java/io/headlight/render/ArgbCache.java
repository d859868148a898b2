package io.headlight.render;

import java.util.function.IntFunction;

/**
 * A toolkit's colour objects by ARGB value, so a frame of ten thousand lines in a few hundred colours allocates a
 * few hundred colours, not ten thousand. Direct-mapped: a collision just makes the colour again. One thread.
 */
public final class ArgbCache<T> {
    private static final int SIZE = 4096;
    private final int[] keys = new int[SIZE];
    private final Object[] values = new Object[SIZE];
    private final IntFunction<T> make;

    public ArgbCache(IntFunction<T> make) {
        this.make = make;
    }

    @SuppressWarnings("unchecked")
    public T get(int argb) {
        int slot = (argb * 0x9E3779B1) >>> 20;
        Object v = values[slot];
        if (v == null || keys[slot] != argb) {
            v = make.apply(argb);
            keys[slot] = argb;
            values[slot] = v;
        }
        return (T) v;
    }
}
