package io.headlight.cli;

import io.headlight.model.AttentionModel;
import io.headlight.model.ModelSource;
import io.headlight.model.RuntimeProjectionVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code inspect} says what Headlight understood of a graph, layer by layer. */
class InspectCommandTest {

    @Test
    void namesEachLayersFormScaleAndTheModelsShape() {
        Run run = run("inspect", "--model", "all-MiniLM-L6-v2");
        assertEquals(0, run.code, run.err);
        String text = run.out;
        assertTrue(text.contains("6 x 12 heads, head size 32, hidden size 384"), text);
        assertTrue(text.contains("inputs:       input_ids, attention_mask, token_type_ids"), text);
        assertTrue(text.contains("element type: float32"), text);
        assertTrue(text.contains("quantized:    no"), text);
        assertTrue(text.contains("q/k vectors:  available"), text);
        assertTrue(text.contains("norms:        available"), text);
        for (int layer = 0; layer < 6; layer++) {
            assertTrue(text.contains("layer " + layer + ":      MatMul, scale after; scale 0.176777"), text);
        }
    }

    /** Here MiniLM with its output projection's weights computed at run time, so f_h(x_j) cannot be formed. */
    @Test
    void saysWhyNormsAreNotAvailableWhereTheGraphHidesWhatTheyNeed(@TempDir Path dir) throws Exception {
        Path folder = RuntimeProjectionVariant.folder(dir, "all-MiniLM-L6-v2");
        String why;
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            why = model.whyNoNorms().orElseThrow();
        }
        Run run = run("inspect", "--model", folder.toString());
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("norms:        not available: " + why + System.lineSeparator()), run.out);
    }

    @Test
    void aFolderWithoutAModelFailsWithOneLine(@TempDir Path empty) {
        Run run = run("inspect", "--model", empty.toString());
        assertEquals(1, run.code);
        assertTrue(run.err.startsWith("headlight: "), run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
    }

    @Test
    void withoutAModelItIsAUsageError() {
        Run run = run("inspect");
        assertEquals(2, run.code);
        assertTrue(run.err.contains("--model"), run.err);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
