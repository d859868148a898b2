package io.headlight.render;

import io.headlight.analysis.NormAttention;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.Norms;
import io.headlight.model.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .npz export read back member by member, as numpy.load would read it. */
class AttentionNpzTest {
    private static Map<String, NpyMember> read(Path file) throws IOException {
        Map<String, NpyMember> members = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " is stored uncompressed");
                assertTrue(e.getName().endsWith(".npy"), e.getName());
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(bytes);
                assertEquals(e.getCrc(), crc.getValue(), "CRC of " + e.getName());
                members.put(e.getName().replace(".npy", ""), NpyMember.parse(bytes));
            }
        }
        return members;
    }

    @Test
    void npzHoldsTheTensorWithItsTokensInputsTextsAndShownHead(@TempDir Path dir) throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult r = model.explain("The cat saw the cat.", "Naïve 猫!");
        Path file = dir.resolve("a.npz");
        new AttentionNpz(r, model.inputNames(), "The cat saw the cat.", "Naïve 猫!", 4, 7).write(file);
        Map<String, NpyMember> m = read(file);

        List<String> expected = new ArrayList<>(List.of("attentions", "tokens"));
        expected.addAll(model.inputNames());
        expected.addAll(List.of("model", "text", "text_b", "layer", "head"));
        assertEquals(expected, List.copyOf(m.keySet()));

        int t = r.length();
        NpyMember att = m.get("attentions");
        assertEquals("<f4", att.descr());
        assertArrayEquals(new long[] {r.layers(), r.heads(), t, t}, att.shape());
        for (int[] at : new int[][] {{0, 0, 0, 0}, {4, 7, 2, 1}, {r.layers() - 1, r.heads() - 1, t - 1, t - 1}}) {
            int index = ((at[0] * r.heads() + at[1]) * t + at[2]) * t + at[3];
            assertEquals(r.attention(at[0], at[1], at[2], at[3]), att.data().getFloat(index * 4));
        }

        NpyMember tokens = m.get("tokens");
        assertTrue(tokens.descr().startsWith("<U"), tokens.descr());
        assertArrayEquals(new long[] {t}, tokens.shape());
        for (int i = 0; i < t; i++) {
            assertEquals(r.token(i).text(), tokens.string(i));
            assertEquals(r.token(i).id(), m.get("input_ids").int64(i));
        }
        if (m.containsKey("token_type_ids")) {
            assertEquals(1, m.get("token_type_ids").int64(t - 1), "the last [SEP] belongs to sentence B");
        }
        assertEquals(0, m.get("model").shape().length, "a 0-d array, as numpy.array('...') is");
        assertEquals(r.modelId(), m.get("model").string(0));
        assertEquals("The cat saw the cat.", m.get("text").string(0));
        assertEquals("Naïve 猫!", m.get("text_b").string(0));
        assertEquals(4, m.get("layer").int64(0));
        assertEquals(7, m.get("head").int64(0));
    }

    @Test
    void withNormsTheNpzHoldsEachHeadsAndEachLayersNorms(@TempDir Path dir) throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult r = model.explain("The keeper's cat watched the ships, and [SEP] stayed quiet.", null,
                Norms.COMPUTE);
        Path file = dir.resolve("n.npz");
        new AttentionNpz(r, model.inputNames(), "x", null, 0, 0, true).write(file);
        Map<String, NpyMember> m = read(file);

        int t = r.length();
        int heads = r.heads();
        assertEquals(List.of("attentions", "norms", "layer_norms", "tokens"), List.copyOf(m.keySet()).subList(0, 4));
        NpyMember norms = m.get("norms");
        NpyMember mixed = m.get("layer_norms");
        assertEquals("<f4", norms.descr());
        assertArrayEquals(new long[] {r.layers(), heads, t, t}, norms.shape());
        assertArrayEquals(new long[] {r.layers(), t, t}, mixed.shape());
        for (int l = 0; l < r.layers(); l++) {
            java.nio.FloatBuffer gram = r.valueGramBuffer(l);
            float[] layer = NormAttention.layerMatrix(r, l);
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < t; j++) {
                    double sumOfHeads = 0;
                    for (int h = 0; h < heads; h++) {
                        // α_ij ‖f_h(x_j)‖, the norm straight from the Gram diagonal <f_h(x_j), f_h(x_j)>.
                        double expected = r.attention(l, h, i, j)
                                * Math.sqrt(Math.max(0, gram.get((j * heads + h) * heads + h)));
                        float stored = norms.data().getFloat((((l * heads + h) * t + i) * t + j) * 4);
                        assertEquals(expected, stored, 1e-5 * Math.max(1, expected), "norm " + l + "," + h + "," + i
                                + "," + j);
                        sumOfHeads += stored;
                    }
                    float stored = mixed.data().getFloat(((l * t + i) * t + j) * 4);
                    assertEquals(layer[i * t + j], stored, 0f, "layer norm " + l + "," + i + "," + j);
                    // ‖Σ_h α f_h‖ <= Σ_h α ‖f_h‖: the triangle inequality ties the two members together.
                    assertTrue(stored <= sumOfHeads * (1 + 1e-4) + 1e-6, "triangle inequality at " + l + "," + i
                            + "," + j);
                }
            }
        }
    }

    @Test
    void aSingleSentenceHasAnEmptyTextB(@TempDir Path dir) throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult r = model.explain("Only one.", null);
        Path file = dir.resolve("one.npz");
        new AttentionNpz(r, List.of("input_ids"), "Only one.", null, 0, 0).write(file);
        assertEquals("", read(file).get("text_b").string(0));
    }
}
