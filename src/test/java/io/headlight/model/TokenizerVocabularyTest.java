package io.headlight.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vocabulary is read by streaming through the file; what it finds must be what the whole parsed tree says,
 * for every tokenizer family and whatever order the file's keys come in.
 */
class TokenizerVocabularyTest {

    @Test
    void theStreamedVocabularyIsTheParsedTreesForEveryBundledAndEveryFamilysTokenizer(@TempDir Path dir)
            throws Exception {
        List<Path> files = List.of(ModelFixtures.tokenizer(ModelFixtures.MINILM),
                ModelFixtures.tokenizer(ModelFixtures.BGE_ZH), ModelFixtures.tokenizer(ModelFixtures.BGE_EN),
                ModelFixtures.tokenizer(ModelFixtures.E5), TokenizerFiles.byteLevelBpe(dir),
                TokenizerFiles.unigram(dir));
        for (Path file : files) {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(fromTree(json), TokenizerVocabulary.read(file, json), file.toString());
        }
    }

    @Test
    void anUnknownTokenNamedAfterTheVocabularyIsFoundAllTheSame() throws Exception {
        String before = "{\"model\": {\"type\": \"WordPiece\", \"unk_token\": \"[UNK]\", "
                + "\"vocab\": {\"a\": 0, \"[UNK]\": 7, \"b\": 3}}, \"added_tokens\": [{\"id\": 7, \"special\": true},"
                + " {\"id\": 9, \"content\": \"[X]\", \"special\": false}]}";
        String after = "{\"added_tokens\": [{\"special\": true, \"id\": 7}, {\"id\": 9, \"special\": false}], "
                + "\"model\": {\"vocab\": {\"a\": 0, \"[UNK]\": 7, \"b\": 3}, \"unk_token\": \"[UNK]\"}}";
        TokenizerVocabulary expected = new TokenizerVocabulary(10, Set.of(7L), 7);
        assertEquals(expected, TokenizerVocabulary.read(Path.of("before.json"), before));
        assertEquals(expected, TokenizerVocabulary.read(Path.of("after.json"), after));
        assertEquals(fromTree(after), TokenizerVocabulary.read(Path.of("after.json"), after));
    }

    /** The vocabulary worked out from Gson's whole tree, as Headlight did before it streamed. */
    private static TokenizerVocabulary fromTree(String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        JsonObject model = root.getAsJsonObject("model");
        long largest = -1;
        long unknown = -1;
        JsonElement vocab = model.get("vocab");
        if (vocab.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject().entrySet()) {
                largest = Math.max(largest, entry.getValue().getAsLong());
            }
            JsonElement unk = model.get("unk_token");
            if (unk != null && unk.isJsonPrimitive() && vocab.getAsJsonObject().has(unk.getAsString())) {
                unknown = vocab.getAsJsonObject().get(unk.getAsString()).getAsLong();
            }
        } else {
            largest = vocab.getAsJsonArray().size() - 1L;
            JsonElement unk = model.get("unk_id");
            unknown = unk != null && unk.isJsonPrimitive() ? unk.getAsLong() : -1;
        }
        Set<Long> special = new HashSet<>();
        if (root.has("added_tokens")) {
            for (JsonElement token : root.getAsJsonArray("added_tokens")) {
                JsonObject t = token.getAsJsonObject();
                largest = Math.max(largest, t.get("id").getAsLong());
                if (t.has("special") && t.get("special").getAsBoolean()) {
                    special.add(t.get("id").getAsLong());
                }
            }
        }
        return new TokenizerVocabulary((int) largest + 1, special, unknown);
    }
}
