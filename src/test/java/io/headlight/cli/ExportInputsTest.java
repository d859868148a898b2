package io.headlight.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.headlight.model.AttentionModel;
import io.headlight.model.AttentionResult;
import io.headlight.model.InputVariants;
import io.headlight.model.ModelSource;
import io.headlight.model.Token;
import io.headlight.model.TokenizerFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON says which inputs the model took, and shows readable labels: MiniLM's graph run with a RoBERTa-style
 * byte-level BPE tokenizer (its few ids fit MiniLM's word table), with and without a token_type_ids input.
 */
class ExportInputsTest {
    private static final String A = "hello world, the unaffable café";
    private static final String B = "the cat";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void modelWithoutTokenTypeIdsHasNoneInItsJson() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("no-types"));
        InputVariants.folder(folder, InputVariants.withoutTokenTypes(InputVariants.read("all-MiniLM-L6-v2")),
                TokenizerFiles.byteLevelBpe(dir));

        JsonObject root = export(folder);

        assertFalse(root.has("token_type_ids"), root.keySet().toString());
        assertEquals(Set.of("input_ids", "attention_mask"), root.getAsJsonObject("inputs").keySet());
        assertLabelsAreTheResults(folder, root);
    }

    @Test
    void modelWithTokenTypeIdsGetsTheTokenizersOwn() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("with-types"));
        InputVariants.folder(folder, InputVariants.read("all-MiniLM-L6-v2"), TokenizerFiles.byteLevelBpe(dir));

        JsonObject root = export(folder);

        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                List.copyOf(root.getAsJsonObject("inputs").keySet()));
        assertEquals("int64", root.getAsJsonObject("inputs").get("token_type_ids").getAsString());
        JsonArray types = root.getAsJsonArray("token_type_ids");
        for (int i = 0; i < types.size(); i++) {
            assertEquals(0, types.get(i).getAsInt(), "RoBERTa's template gives type id 0, and that is what was fed");
        }
        assertLabelsAreTheResults(folder, root);
    }

    @Test
    void sentencesAreToldApartWithoutTypeIdsSoThePairFilterWorks() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("pairs"));
        InputVariants.folder(folder, InputVariants.withoutTokenTypes(InputVariants.read("all-MiniLM-L6-v2")),
                TokenizerFiles.byteLevelBpe(dir));
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult pair = model.explain(A, B);
            List<String> ofB = model.explain(B, null).tokens().stream().filter(t -> !t.special())
                    .map(Token::piece).toList();

            assertTrue(pair.isPair());
            assertEquals(ofB, pair.tokens().stream().filter(t -> !t.special() && t.segment() == 1)
                    .map(Token::piece).toList());
            for (int i = 1; i < pair.length(); i++) {
                assertTrue(pair.token(i - 1).segment() <= pair.token(i).segment(), "A, then B: " + pair.tokens());
            }
        }
    }

    private JsonObject export(Path folder) throws Exception {
        Path json = dir.resolve(folder.getFileName() + ".json");
        int code = Main.run(new String[] {"export", "--model", folder.toString(), "--text", A, "--text-b", B,
                "--json", json.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }

    /** The exported tokens are the labels the views show, with no byte-level marker left. */
    private static void assertLabelsAreTheResults(Path folder, JsonObject root) throws Exception {
        try (AttentionModel model = AttentionModel.open(ModelSource.resolve(folder.toString()))) {
            AttentionResult r = model.explain(A, B);
            JsonArray tokens = root.getAsJsonArray("tokens");
            assertEquals(r.length(), tokens.size());
            for (int i = 0; i < r.length(); i++) {
                assertEquals(r.token(i).text(), tokens.get(i).getAsString());
                assertFalse(tokens.get(i).getAsString().contains("Ġ"), tokens.get(i).getAsString());
            }
        }
    }
}
