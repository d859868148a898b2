package io.headlight.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What DJL's tokenizer does not expose from a {@code tokenizer.json}: how many ids its vocabulary uses, which
 * ids are special tokens and which one stands for unknown text.
 *
 * <p>Checking the file's shape here, before the native tokenizer sees it, also turns garbage or an unrelated
 * JSON file into a message that names the file instead of a Rust deserialisation error.
 *
 * @param size       largest id in the model's vocabulary or among the added tokens, plus one
 * @param specialIds ids of the added tokens marked special ({@code [CLS]}, {@code <s>}, {@code <pad>}, ...)
 * @param unknownId  id of the unknown token ({@code [UNK]}, {@code <unk>}), or -1 when there is none
 */
record TokenizerVocabulary(int size, Set<Long> specialIds, long unknownId) {

    TokenizerVocabulary {
        specialIds = Set.copyOf(specialIds);
    }

    static TokenizerVocabulary read(Path file, String json) throws HeadlightException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException | StackOverflowError e) {
            throw invalid(file, "it is not JSON", e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("model")
                || !root.getAsJsonObject().get("model").isJsonObject()) {
            throw invalid(file, "it has no \"model\" section", null);
        }
        JsonObject model = root.getAsJsonObject().getAsJsonObject("model");
        long largest = -1;
        long unknown = -1;
        Set<Long> special = new HashSet<>();
        JsonElement vocab = model.get("vocab");
        try {
            if (vocab != null && vocab.isJsonObject()) {
                // WordPiece, BPE and WordLevel map token -> id, and name their unknown token.
                for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject().entrySet()) {
                    largest = Math.max(largest, entry.getValue().getAsLong());
                }
                JsonElement unk = model.get("unk_token");
                if (unk != null && unk.isJsonPrimitive() && vocab.getAsJsonObject().has(unk.getAsString())) {
                    unknown = vocab.getAsJsonObject().get(unk.getAsString()).getAsLong();
                }
            } else if (vocab != null && vocab.isJsonArray()) {
                // Unigram lists [piece, score] pairs; the position is the id.
                largest = vocab.getAsJsonArray().size() - 1L;
                JsonElement unk = model.get("unk_id");
                if (unk != null && unk.isJsonPrimitive()) {
                    unknown = unk.getAsLong();
                }
            } else {
                throw invalid(file, "its model has no vocabulary", null);
            }
            JsonElement added = root.getAsJsonObject().get("added_tokens");
            if (added != null && added.isJsonArray()) {
                JsonArray tokens = added.getAsJsonArray();
                for (JsonElement token : tokens) {
                    JsonObject t = token.getAsJsonObject();
                    long id = t.get("id").getAsLong();
                    largest = Math.max(largest, id);
                    if (t.has("special") && t.get("special").getAsBoolean()) {
                        special.add(id);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw invalid(file, "its vocabulary ids are not numbers", e);
        }
        if (largest < 0 || largest >= Integer.MAX_VALUE) {
            throw invalid(file, "its vocabulary is empty or too large", null);
        }
        return new TokenizerVocabulary((int) largest + 1, special, unknown);
    }

    static HeadlightException invalid(Path file, String reason, Throwable cause) {
        return new HeadlightException(file + " is not a valid tokenizer.json (" + reason
                + "); use the tokenizer.json exported with the model", cause);
    }
}
