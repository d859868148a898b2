package io.headlight.render;

import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
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
    void aSingleSentenceHasAnEmptyTextB(@TempDir Path dir) throws Exception {
        AttentionModel model = SharedModels.get("all-MiniLM-L6-v2");
        AttentionResult r = model.explain("Only one.", null);
        Path file = dir.resolve("one.npz");
        new AttentionNpz(r, List.of("input_ids"), "Only one.", null, 0, 0).write(file);
        assertEquals("", read(file).get("text_b").string(0));
    }
}
