package io.headlight.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Milestones of a start (window shown, model ready, first result, and the stages of opening a model), printed
 * to stderr as {@code headlight-trace <ms> <what>} when the app runs with {@code -Dheadlight.startup.trace=true}.
 * {@code bench --startup} reads them from the launches it makes.
 *
 * <p>Milliseconds count from {@code -Dheadlight.startup.t0} when given (a {@link System#nanoTime()} value of the
 * launching process: on Linux one clock for every process, so the figure includes the JVM's own start), else from
 * the process's start time as the OS reports it (10 ms steps).
 */
public final class StartupTrace {
    /** The system property that turns the trace on. */
    public static final String PROPERTY = "headlight.startup.trace";
    /** The system property with the launcher's {@code System.nanoTime()} at launch. */
    public static final String T0_PROPERTY = "headlight.startup.t0";
    /** What each printed line starts with. */
    public static final String PREFIX = "headlight-trace ";
    /**
     * The system property that makes the window quit once its first result is drawn: the package build's training
     * run, whose loaded classes become the class-data-sharing archive (see cds/make-archive.sh), ends there.
     */
    public static final String EXIT_PROPERTY = "headlight.startup.exit";

    private static final boolean ON = Boolean.getBoolean(PROPERTY);

    private StartupTrace() {
    }

    /** Prints one milestone when tracing is on; otherwise does nothing. */
    public static void mark(String what) {
        if (ON) {
            System.err.printf(java.util.Locale.ROOT, "%s%.1f %s%n", PREFIX, millisSinceLaunch(), what);
        }
    }

    /** Whether the window should quit after its first result ({@link #EXIT_PROPERTY}). */
    public static boolean exitAfterFirstResult() {
        return Boolean.getBoolean(EXIT_PROPERTY);
    }

    private static double millisSinceLaunch() {
        String t0 = System.getProperty(T0_PROPERTY);
        if (t0 != null) {
            try {
                return (System.nanoTime() - Long.parseLong(t0)) / 1e6;
            } catch (NumberFormatException ignored) {
                // fall back to the process start time
            }
        }
        Instant started = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        return Duration.between(started, Instant.now()).toNanos() / 1e6;
    }
}
