package io.headlight.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A result lent by {@link AttentionModel#explainInPlace} reads the model's output buffers: it holds what a
 * kept result holds, and it cannot be read once the model may overwrite those buffers.
 */
class InPlaceResultTest {
    private static final String A = "Lend me the attention.";
    private static final String B = "Unbelievably, it comes back.";
    private static AttentionModel model;
    private static AttentionResult kept;

    @BeforeAll
    static void explain() throws HeadlightException {
        model = SharedModels.get("all-MiniLM-L6-v2");
        kept = model.explain(A, B);
    }

    @Test
    void aLentResultHoldsTheSameNumbersAsAKeptOne() throws HeadlightException {
        model.explainInPlace(A, B, lent -> {
            assertEquals(kept.tokens(), lent.tokens());
            assertArrayEquals(floats(kept.attentionBuffer()), floats(lent.attentionBuffer()));
            assertArrayEquals(floats(kept.queryBuffer()), floats(lent.queryBuffer()));
            assertArrayEquals(floats(kept.keyBuffer()), floats(lent.keyBuffer()));
            assertArrayEquals(floats(kept.lastHiddenBuffer()), floats(lent.lastHiddenBuffer()));
            assertArrayEquals(kept.key(5, 11, 3), lent.key(5, 11, 3));
            assertArrayEquals(kept.headMatrix(2, 7), lent.headMatrix(2, 7));
            return null;
        });
    }

    @Test
    void readingALentResultAfterwardsFailsWithAReason() throws HeadlightException {
        AttentionResult escaped = model.explainInPlace(A, null, lent -> lent);

        assertEquals(model.info().layers(), escaped.layers(), "sizes stay readable");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> escaped.attention(0, 0, 0, 0));
        assertTrue(e.getMessage().contains("explainInPlace"), e.getMessage());
        assertThrows(IllegalStateException.class, escaped::attentionBuffer);
        assertThrows(IllegalStateException.class, () -> escaped.key(0, 0, 0));
    }

    @Test
    void aFailureWhileLentReachesTheCallerAndTheModelRunsOn() {
        HeadlightException e = assertThrows(HeadlightException.class, () -> model.explainInPlace(A, null, lent -> {
            throw new HeadlightException("the export failed half-way");
        }));

        assertEquals("the export failed half-way", e.getMessage());
        AttentionRowsTest.assertRowsSumToOne(explainAgain());
    }

    private static AttentionResult explainAgain() {
        try {
            return model.explain(A, B);
        } catch (HeadlightException e) {
            throw new AssertionError("the model stopped working after a failed lend", e);
        }
    }

    private static float[] floats(FloatBuffer buffer) {
        float[] out = new float[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
