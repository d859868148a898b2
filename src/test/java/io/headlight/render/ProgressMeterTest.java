package io.headlight.render;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Progress speaks once per interval with count, rate and time left, and always for the last item. */
class ProgressMeterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(0);
    private final ProgressMeter meter = new ProgressMeter("stats", "texts", 100, clock::get, 2 * SECOND);

    @Test
    void theFirstItemThenOneLinePerIntervalThenTheLast() {
        clock.set(SECOND);
        assertEquals("stats: 1/100 texts · 1.0 texts/s · about 1 min 39 s left", meter.update(1));
        clock.set(SECOND + SECOND / 2);
        assertNull(meter.update(2), "half a second later: quiet");
        clock.set(2 * SECOND + SECOND / 2);
        assertNull(meter.update(20), "still within the interval");
        clock.set(3 * SECOND);
        assertEquals("stats: 30/100 texts · 10.0 texts/s · about 7 s left", meter.update(30));
        clock.set(3 * SECOND + SECOND / 10);
        assertEquals("stats: 100/100 texts · 32.3 texts/s · done in 3 s", meter.update(100));
    }

    @Test
    void aCountThatArrivesLateIsNotShown() {
        clock.set(SECOND);
        meter.update(5);
        clock.set(10 * SECOND);
        meter.update(90);
        clock.set(20 * SECOND);

        assertNull(meter.update(89));
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("12 s", ProgressMeter.duration(12.4));
        assertEquals("8 min 57 s", ProgressMeter.duration(537));
        assertEquals("1 h 02 min", ProgressMeter.duration(3720));
    }
}
