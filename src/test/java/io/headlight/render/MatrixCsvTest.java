package io.headlight.render;

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
        MatrixCsv.write(new ShownMatrix(values, 4, labels, "t", "", null), file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        assertEquals("query\\key,0 the,1 cat,2 the,\"3 ,\"", lines.get(0));
        assertEquals("2 the," + 8 / 16f + "," + 9 / 16f + "," + 10 / 16f + "," + 11 / 16f, lines.get(3));
        assertEquals("\"3 ,\"", lines.get(4).substring(0, 5));
    }
}
