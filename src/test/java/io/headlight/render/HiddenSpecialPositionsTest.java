package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With [CLS] and [SEP] hidden, every position a reader sees is still the model's own: the first word is
 * position 1, as in the unhidden view, the CLI's JSON and the neuron view, not a renumbered 0.
 */
class HiddenSpecialPositionsTest {
    private static final String TEXT = "The cat saw the dog.";

    @Test
    void labelsHoverTextAndCsvNameTheModelsPositions(@TempDir Path dir) throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain(TEXT, null);
        ShownMatrix all = ShownMatrix.of(r, 1, 3, false, false, false, false, TEXT, null);
        ShownMatrix hidden = ShownMatrix.of(r, 1, 3, false, false, true, false, TEXT, null);
        assertEquals(all.size() - 2, hidden.size());
        for (int i = 0; i < hidden.size(); i++) {
            assertEquals(all.positionLabel(i + 1), hidden.positionLabel(i), "row " + i);
            assertEquals(i, hidden.rowOf(i + 1));
        }
        assertEquals(-1, hidden.rowOf(0), "[CLS] is not shown");
        assertEquals(-1, hidden.rowOf(all.size() - 1), "[SEP] is not shown");
        // "the" repeats, so the axis names it by position: the model's 1 and 4.
        assertEquals(List.of("1 the", "cat", "saw", "4 the", "dog", "."), hidden.axisLabels());

        Path file = dir.resolve("hidden.csv");
        MatrixCsv.write(hidden, false, file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("1 the", lines.get(0).split(",")[1]);
        assertEquals("6 .", lines.get(6).split(",")[0]);
    }

    @Test
    void wordsAreNumberedAmongTheWordsShown() throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("Tokenizers split unbelievable words.", null);
        ShownMatrix words = ShownMatrix.of(r, 0, 0, false, false, true, true, "Tokenizers split unbelievable words.",
                null);
        for (int i = 0; i < words.size(); i++) {
            assertEquals(i + " " + words.labels().get(i), words.positionLabel(i));
        }
    }
}
