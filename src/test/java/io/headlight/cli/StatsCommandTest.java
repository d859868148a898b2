package io.headlight.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsCommandTest {
    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "while", "dogs", "barked",
        "loudly", "near", "old", "unaffable", "river", "banks", "and", "children", "played", "games", "outside"};

    @Test
    void thousandLineCorpusGivesOneRowPerHeadWithValuesInRange(@TempDir Path dir) throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StringBuilder line = new StringBuilder();
            int n = 4 + random.nextInt(12);
            for (int w = 0; w < n; w++) {
                line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            lines.add(line.append(random.nextBoolean() ? "." : ",").toString());
            if (i % 100 == 0) {
                lines.add("   ");
            }
        }
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        Path csv = dir.resolve("out.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Main.run(new String[] {"stats", "--model", "all-MiniLM-L6-v2", "--input", corpus.toString(),
            "--csv", csv.toString()}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        System.out.printf("stats on 1000 texts: %.1f s%n", (System.nanoTime() - start) / 1e9);
        String errText = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, errText);
        assertTrue(errText.contains("stats: 1000/1000 texts"), errText);

        List<String> rows = Files.readAllLines(csv);
        assertEquals("layer,head,entropy,cls,sep,punct,self,prev,next,norm_cls,norm_sep,norm_punct,norm_self,labels", rows.get(0));
        assertEquals(6 * 12, rows.size() - 1);
        double maxEntropy = Math.log(1 + 15 + 1 + 1);
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            assertEquals(14, cells.length, row);
            double entropy = Double.parseDouble(cells[2]);
            assertTrue(entropy > 0 && entropy <= maxEntropy, row);
            for (int c = 3; c < 13; c++) {
                double v = Double.parseDouble(cells[c]);
                assertTrue(v >= 0 && v <= 1, row);
            }
        }
    }

    @Test
    void anExistingCsvIsNotOverwrittenWithoutForce(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "hello world\n");
        Path csv = Files.writeString(dir.resolve("out.csv"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"stats", "--input", corpus.toString(), "--csv", csv.toString()},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertEquals("keep me", Files.readString(csv));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--force"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnwritableCsvPathIsOneLineError(@TempDir Path dir) throws IOException {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "hello world\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"stats", "--input", corpus.toString(),
            "--csv", dir.resolve("missing/folder/out.csv").toString()},
                System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("headlight: Cannot write"), text);
    }
}
