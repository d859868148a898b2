package io.headlight.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads what DJL's tokenizer does not expose from a {@code tokenizer.json}: how many ids its vocabulary uses.
 *
 * <p>Checking the file's shape here, before the native tokenizer sees it, also turns garbage or an unrelated
 * JSON file into a message that names the file instead of a Rust deserialisation error.
 */
final class TokenizerVocabulary {
    private TokenizerVocabulary() {
    }

    /** Largest id in the model's vocabulary or among the added tokens, plus one. */
    static int size(Path file, String json) throws HeadlightException {
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
        JsonElement vocab = model.get("vocab");
        try {
            if (vocab != null && vocab.isJsonObject()) {
                // WordPiece, BPE and WordLevel map token -> id.
                for (Map.Entry<String, JsonElement> entry : vocab.getAsJsonObject().entrySet()) {
                    largest = Math.max(largest, entry.getValue().getAsLong());
                }
            } else if (vocab != null && vocab.isJsonArray()) {
                // Unigram lists [piece, score] pairs; the position is the id.
                largest = vocab.getAsJsonArray().size() - 1L;
            } else {
                throw invalid(file, "its model has no vocabulary", null);
            }
            JsonElement added = root.getAsJsonObject().get("added_tokens");
            if (added != null && added.isJsonArray()) {
                JsonArray tokens = added.getAsJsonArray();
                for (JsonElement token : tokens) {
                    largest = Math.max(largest, token.getAsJsonObject().get("id").getAsLong());
                }
            }
        } catch (RuntimeException e) {
            throw invalid(file, "its vocabulary ids are not numbers", e);
        }
        if (largest < 0 || largest >= Integer.MAX_VALUE) {
            throw invalid(file, "its vocabulary is empty or too large", null);
        }
        return (int) largest + 1;
    }

    static HeadlightException invalid(Path file, String reason, Throwable cause) {
        return new HeadlightException(file + " is not a valid tokenizer.json (" + reason
                + "); use the tokenizer.json exported with the model", cause);
    }
}
