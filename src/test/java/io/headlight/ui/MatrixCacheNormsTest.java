package io.headlight.ui;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import io.headlight.render.ShownMatrix;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matrices the views share follow the measure, and say so when a result was computed without norms. */
class MatrixCacheNormsTest {
    private static final String TEXT = "The keeper's cat watched the ships.";

    @Test
    void underTheNormsMeasureTheSelectedHeadIsItsNormMatrix() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null, Norms.COMPUTE);
        Explained shown = new Explained(r, TEXT, null);
        MatrixCache cache = new MatrixCache(new SimpleObjectProperty<>(shown));
        Selection sel = new Selection();
        sel.setShape(r.layers(), r.heads());
        sel.openHead(3, 4);

        assertArrayEquals(r.headMatrix(3, 4), cache.get(shown, sel).values(), 0f);
        sel.normsProperty().set(true);
        ShownMatrix norms = cache.get(shown, sel);
        assertArrayEquals(NormAttention.headMatrix(r, 3, 4), norms.values(), 0f);
        assertTrue(norms.title().contains("norms ‖α f(x)‖"), norms.title());
    }

    @Test
    void aResultWithoutNormsShowsTheWeightsAndSaysNormsWereNotComputed() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null).withValueGram(null);
        assertFalse(NormAttention.available(r));
        Explained shown = new Explained(r, TEXT, null);
        MatrixCache cache = new MatrixCache(new SimpleObjectProperty<>(shown));
        Selection sel = new Selection();
        sel.setShape(r.layers(), r.heads());
        sel.openHead(3, 4);
        sel.normsProperty().set(true);

        for (boolean rollout : new boolean[] {false, true}) {
            sel.rolloutProperty().set(rollout);
            ShownMatrix m = cache.get(shown, sel);
            assertTrue(m.title().endsWith(MatrixCache.NOT_COMPUTED), m.title());
        }
        sel.rolloutProperty().set(false);
        assertArrayEquals(r.headMatrix(3, 4), cache.get(shown, sel).values(), 0f);
    }
}
