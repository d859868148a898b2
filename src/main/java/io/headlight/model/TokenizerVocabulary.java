package io.headlight.model;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashSet;
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
        Scan scan = new Scan();
        try {
            JsonReader in = reader(json);
            if (in.peek() != JsonToken.BEGIN_OBJECT) {
                in.skipValue();
                end(in);
                throw invalid(file, "it has no \"model\" section", null);
            }
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                if (name.equals("model") && in.peek() == JsonToken.BEGIN_OBJECT) {
                    scan.model(in);
                } else if (name.equals("added_tokens") && in.peek() == JsonToken.BEGIN_ARRAY) {
                    scan.added(in);
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
            end(in);
        } catch (MalformedJsonException | EOFException | StackOverflowError e) {
            throw invalid(file, "it is not JSON", e);
        } catch (IOException | RuntimeException e) {
            throw invalid(file, "its vocabulary ids are not numbers", e);
        }
        if (!scan.sawModel) {
            throw invalid(file, "it has no \"model\" section", null);
        }
        if (!scan.sawVocabulary) {
            throw invalid(file, "its model has no vocabulary", null);
        }
        long unknown = scan.unknownId;
        if (scan.unknownToken != null && unknown < 0) {
            // The unknown token was named after the vocabulary (serde writes it before): look it up again.
            unknown = idOf(json, scan.unknownToken);
        }
        if (scan.largest < 0 || scan.largest >= Integer.MAX_VALUE) {
            throw invalid(file, "its vocabulary is empty or too large", null);
        }
        return new TokenizerVocabulary((int) scan.largest + 1, scan.special, unknown);
    }

    /**
     * What one pass over the file finds. Streamed, not parsed into a tree: the tree of a 30,000-token vocabulary
     * took 110-150 ms at start-up against 40 ms for the stream, and the tokenizer is on the path to the first
     * result.
     */
    private static final class Scan {
        boolean sawModel;
        boolean sawVocabulary;
        long largest = -1;
        long unknownId = -1;
        String unknownToken;
        final Set<Long> special = new HashSet<>();

        void model(JsonReader in) throws IOException {
            sawModel = true;
            in.beginObject();
            while (in.hasNext()) {
                String name = in.nextName();
                JsonToken next = in.peek();
                if (name.equals("vocab") && next == JsonToken.BEGIN_OBJECT) {
                    // WordPiece, BPE and WordLevel map token -> id, and name their unknown token.
                    sawVocabulary = true;
                    in.beginObject();
                    while (in.hasNext()) {
                        String token = in.nextName();
                        long id = in.nextLong();
                        largest = Math.max(largest, id);
                        if (token.equals(unknownToken)) {
                            unknownId = id;
                        }
                    }
                    in.endObject();
                } else if (name.equals("vocab") && next == JsonToken.BEGIN_ARRAY) {
                    // Unigram lists [piece, score] pairs; the position is the id.
                    sawVocabulary = true;
                    long pieces = 0;
                    in.beginArray();
                    while (in.hasNext()) {
                        in.skipValue();
                        pieces++;
                    }
                    in.endArray();
                    largest = Math.max(largest, pieces - 1);
                } else if (name.equals("unk_token") && next == JsonToken.STRING) {
                    unknownToken = in.nextString();
                } else if (name.equals("unk_id") && next == JsonToken.NUMBER) {
                    unknownId = in.nextLong();
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
        }

        void added(JsonReader in) throws IOException {
            in.beginArray();
            while (in.hasNext()) {
                long id = -1;
                boolean isSpecial = false;
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (name.equals("id")) {
                        id = in.nextLong();
                    } else if (name.equals("special") && in.peek() == JsonToken.BOOLEAN) {
                        isSpecial = in.nextBoolean();
                    } else {
                        in.skipValue();
                    }
                }
                in.endObject();
                if (id < 0) {
                    throw new IllegalStateException("an added token without an id");
                }
                largest = Math.max(largest, id);
                if (isSpecial) {
                    special.add(id);
                }
            }
            in.endArray();
        }
    }

    /** The id of {@code token} in the model's vocabulary object, or -1. */
    private static long idOf(String json, String token) {
        try {
            JsonReader in = reader(json);
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("model") || in.peek() != JsonToken.BEGIN_OBJECT) {
                    in.skipValue();
                    continue;
                }
                in.beginObject();
                while (in.hasNext()) {
                    if (!in.nextName().equals("vocab") || in.peek() != JsonToken.BEGIN_OBJECT) {
                        in.skipValue();
                        continue;
                    }
                    in.beginObject();
                    while (in.hasNext()) {
                        boolean match = in.nextName().equals(token);
                        long id = in.nextLong();
                        if (match) {
                            return id;
                        }
                    }
                    return -1;
                }
                return -1;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Lenient, as Gson's own parser is, so the files accepted are the same as before streaming. */
    private static JsonReader reader(String json) {
        JsonReader in = new JsonReader(new StringReader(json));
        in.setLenient(true);
        return in;
    }

    private static void end(JsonReader in) throws IOException {
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new MalformedJsonException("more after the end of the document");
        }
    }

    static HeadlightException invalid(Path file, String reason, Throwable cause) {
        return new HeadlightException(file + " is not a valid tokenizer.json (" + reason
                + "); use the tokenizer.json exported with the model", cause);
    }
}
