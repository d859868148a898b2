package io.headlight.analysis;

import io.headlight.model.HeadlightException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttentionDiffTest {
    @Test
    void differenceIsElementwise() throws HeadlightException {
        float[] a = {.7f, .3f, .1f, .9f};
        float[] b = {.5f, .5f, .4f, .6f};
        assertArrayEquals(new float[] {.2f, -.2f, -.3f, .3f}, AttentionDiff.of(a, b), 1e-6f);
    }

    @Test
    void differentTokenCountsGiveAReadableError() {
        HeadlightException e = assertThrows(HeadlightException.class,
                () -> AttentionDiff.of(new float[4], new float[9]));
        assertTrue(e.getMessage().contains("2 tokens") && e.getMessage().contains("3 tokens"), e.getMessage());
    }
}
