package io.headlight.render;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of long work (a corpus, a folder of figures) said as one line with the count, the rate and the time
 * left, and at most once per interval however fast items finish: the first item, then every interval, then
 * the last. Thread-safe; the clock is given so that what it says can be checked without waiting.
 */
public final class ProgressMeter {
    private final String what;
    private final String unit;
    private final int total;
    private final LongSupplier nanos;
    private final long every;
    private final long started;
    private long lastShown = Long.MIN_VALUE;
    private int highest;

    /**
     * @param what  what is under way, the line's first word ("stats")
     * @param unit  what is counted, plural ("texts")
     * @param every nanoseconds between two lines
     */
    public ProgressMeter(String what, String unit, int total, LongSupplier nanos, long every) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.nanos = nanos;
        this.every = every;
        this.started = nanos.getAsLong();
    }

    /** A meter on the system clock that speaks every two seconds. */
    public static ProgressMeter everyTwoSeconds(String what, String unit, int total) {
        return new ProgressMeter(what, unit, total, System::nanoTime, 2_000_000_000L);
    }

    /** Records that {@code done} items are finished; the line to show now, or null when none is due. */
    public synchronized String update(int done) {
        if (done < highest) {
            // Workers finish out of order: a count below one already seen is old news.
            return null;
        }
        highest = done;
        long now = nanos.getAsLong();
        boolean due = lastShown == Long.MIN_VALUE || now - lastShown >= every || done >= total;
        if (!due) {
            return null;
        }
        lastShown = now;
        return line(done, now);
    }

    private String line(int done, long now) {
        double seconds = (now - started) / 1e9;
        StringBuilder s = new StringBuilder(what).append(": ").append(done).append('/').append(total).append(' ')
                .append(unit);
        if (done > 0 && seconds > 0) {
            double rate = done / seconds;
            s.append(String.format(Locale.ROOT, " · %.1f %s/s", rate, unit));
            if (done < total) {
                s.append(" · about ").append(duration((total - done) / rate)).append(" left");
            } else {
                s.append(" · done in ").append(duration(seconds));
            }
        }
        return s.toString();
    }

    /** {@code 8 min 57 s}, {@code 1 h 02 min}, {@code 12 s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
