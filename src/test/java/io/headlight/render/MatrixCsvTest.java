package io.headlight.render;

import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MatrixCsvTest {
    @Test
    void headerRowAndFirstColumnLabelEveryTokenWithItsPosition(@TempDir Path dir) throws Exception {
        List<String> labels = List.of("the", "cat", "the", ",");
        float[] values = new float[16];
        for (int i = 0; i < values.length; i++) {
            values[i] = i / 16f;
        }
        Path file = dir.resolve("m.csv");
        MatrixCsv.write(new ShownMatrix(values, 4, labels, "t", "", null), false, file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        assertEquals("query\\key · weights α,0 the,1 cat,2 the,\"3 ,\"", lines.get(0));
        assertEquals("2 the," + 8 / 16f + "," + 9 / 16f + "," + 10 / 16f + "," + 11 / 16f, lines.get(3));
        assertEquals("\"3 ,\"", lines.get(4).substring(0, 5));
    }

    /* Norms of real data: MiniLM's layer 2 head 7, where the weights go to [CLS] and the norms do not. */
    @Test
    void theHeaderNamesTheMeasureAndTheRestStaysATableOfNumbers(@TempDir Path dir) throws Exception {
        AttentionResult r = SharedModels.get("all-MiniLM-L6-v2").explain("The keeper watched the ships.", null,
                Norms.COMPUTE);
        ShownMatrix norms = ShownMatrix.of(r, 2, 7, false, false, false, false, true, "The keeper watched the ships.",
                null);
        Path file = dir.resolve("n.csv");
        MatrixCsv.write(norms, true, file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        assertEquals("query\\key · norms ‖α f(x)‖", header[0]);
        assertEquals(norms.size() + 1, header.length);
        for (int k = 0; k < norms.size(); k++) {
            assertEquals(MatrixCsv.label(norms, k), header[k + 1], "the key labels are as before");
        }
        for (int q = 0; q < norms.size(); q++) {
            String[] row = lines.get(q + 1).split(",");
            assertEquals(MatrixCsv.label(norms, q), row[0]);
            for (int k = 0; k < norms.size(); k++) {
                assertEquals(norms.at(q, k), Float.parseFloat(row[k + 1]), "row " + q + ", key " + k);
            }
        }
    }
}
