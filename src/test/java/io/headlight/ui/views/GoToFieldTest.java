package io.headlight.ui.views;

import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import io.headlight.render.ShownMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Go to token" finds what the user typed in the matrix shown, a number being the model's position. */
class GoToFieldTest {
    @Test
    void aNumberIsTheModelsPositionEvenWithSpecialTokensHidden() throws Exception {
        String text = "The cat saw the dog.";
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(text, null);
        ShownMatrix hidden = ShownMatrix.of(r, 0, 0, false, false, true, false, text, null);
        assertEquals(3, GoToField.find(hidden.labels(), hidden::rowOf, "4", -1), "position 4 (the second 'the')");
        assertEquals(-1, GoToField.find(hidden.labels(), hidden::rowOf, "0", -1), "[CLS] is hidden");
        assertEquals(0, GoToField.find(hidden.labels(), hidden::rowOf, "the", -1));
        assertEquals(3, GoToField.find(hidden.labels(), hidden::rowOf, "the", 0), "Enter again: the next one");
        ShownMatrix all = ShownMatrix.of(r, 0, 0, false, false, false, false, text, null);
        assertEquals(4, GoToField.find(all.labels(), all::rowOf, "4", -1));
    }
}
