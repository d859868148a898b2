package io.headlight.cli;

/** Headless commands; replaced by the real dispatcher. */
public final class Main {
    private Main() {
    }

    public static int run(String[] args) {
        System.err.println("headlight: no commands yet");
        return 2;
    }
}
