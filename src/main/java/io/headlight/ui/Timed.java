package io.headlight.ui;

import java.util.concurrent.Callable;

/** A value and how long it took to make, for the status bar. */
record Timed<T>(T value, long millis) {
    static <T> Timed<T> of(Callable<T> work) throws Exception {
        long start = System.nanoTime();
        T value = work.call();
        return new Timed<>(value, (System.nanoTime() - start) / 1_000_000);
    }
}
