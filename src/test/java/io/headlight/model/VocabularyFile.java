package io.headlight.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The WordPiece vocabulary written in a tokenizer.json ({@code model.vocab}), read without DJL. */
final class VocabularyFile {
    private final Map<String, Long> ids = new HashMap<>();
    private long largestId = -1;

    VocabularyFile(Path tokenizerJson) {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(tokenizerJson)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("model").getAsJsonObject("vocab").entrySet()) {
            add(e.getKey(), e.getValue().getAsLong());
        }
        for (JsonElement added : root.getAsJsonArray("added_tokens")) {
            add(added.getAsJsonObject().get("content").getAsString(), added.getAsJsonObject().get("id").getAsLong());
        }
    }

    private void add(String token, long id) {
        ids.put(token, id);
        largestId = Math.max(largestId, id);
    }

    long id(String token) {
        Long id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("'" + token + "' is not in the vocabulary");
        }
        return id;
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    long[] ids(List<String> tokens) {
        return tokens.stream().mapToLong(this::id).toArray();
    }

    long largestId() {
        return largestId;
    }
}
